/// Why a WebNIC call failed: a kind to act on, a message to read, and what WebNIC said.
///
/// Messages never hold a secret, a stack trace or a file path; a body that is not WebNIC's
/// envelope is kept only as a short excerpt.
public struct WebNICError: Error, Sendable, Equatable {
    /// What kind of failure this is; each maps to one error category of the plugin.
    public enum Kind: String, Sendable, CaseIterable {
        /// WebNIC rejected fields (`…4000`, `fieldErrors`).
        case validation
        /// The organization does not exist.
        case notFound
        /// Credentials refused, or a token still refused after one fresh token.
        case unauthorized
        /// HTTP 403: typically the source IP is not on the account's allow list.
        case forbidden
        /// HTTP 429.
        case rateLimited
        /// Any other refusal by WebNIC.
        case businessRule
        /// WebNIC's 5xx, or a proxy's 502/503/504 page.
        case upstream
        /// DNS, connect, TLS, reset.
        case network
        /// No complete answer in time.
        case timeout
        /// A body that is not WebNIC's envelope where one is expected, or a 404/405/3xx without it.
        case badResponse
        /// Missing credentials or an unusable setting.
        case configuration
        /// The caller cancelled the call.
        case cancelled
    }

    /// The kind.
    public var kind: Kind
    /// One sentence on what happened.
    public var message: String
    /// The HTTP status, when a response arrived.
    public var httpStatus: Int?
    /// WebNIC's envelope, when the response carried one.
    public var envelope: Envelope?
    /// Seconds WebNIC asked us to wait (`Retry-After`).
    public var retryAfterSeconds: Int?
    /// At most 512 bytes of a body that was not WebNIC's envelope.
    public var bodyExcerpt: String?
    /// How many HTTP attempts the call made.
    public var attempts: Int

    /// An error.
    public init(
        kind: Kind, message: String, httpStatus: Int? = nil, envelope: Envelope? = nil,
        retryAfterSeconds: Int? = nil, bodyExcerpt: String? = nil, attempts: Int = 0
    ) {
        self.kind = kind
        self.message = message
        self.httpStatus = httpStatus
        self.envelope = envelope
        self.retryAfterSeconds = retryAfterSeconds
        self.bodyExcerpt = bodyExcerpt
        self.attempts = attempts
    }
}
