/// Why a text is not acceptable JSON, and where.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in a few words ("unexpected character", "duplicate key \"id\"").
    public let reason: String
    /// The byte offset in the input where the problem was found.
    public let offset: Int

    /// A parse error at `offset`.
    public init(reason: String, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// "`reason` at byte `offset`".
    public var description: String { "\(reason) at byte \(offset)" }
}
