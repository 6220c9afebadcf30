/// A person's approval of one write, as the audit log records it.
package struct Approval: Sendable, Equatable {
    /// When the question was put (RFC 3339, UTC).
    package let askedAt: String
    /// When the answer came (RFC 3339, UTC).
    package let answeredAt: String

    /// An approval asked at `askedAt` and given at `answeredAt`.
    package init(askedAt: String, answeredAt: String) {
        self.askedAt = askedAt
        self.answeredAt = answeredAt
    }
}
