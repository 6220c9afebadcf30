/// Why a WebNIC call failed: a kind to act on, a message to read, and what WebNIC said.
///
/// Messages never hold a secret, a stack trace or a file path; a body that is not WebNIC's
/// envelope is kept only as a short excerpt.
package struct WebNICError: Error, Sendable, Equatable {
    /// What kind of failure this is; each maps to one error category of the plugin.
    package enum Kind: String, Sendable, CaseIterable {
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
        /// DNS, connect, reset, a body cut short.
        case network
        /// The secure connection failed: certificate refused or handshake failed.
        case tls
        /// No complete answer in time.
        case timeout
        /// A body that is not WebNIC's envelope where one is expected, or a 404/405/3xx without it.
        case badResponse
        /// Missing credentials or an unusable setting.
        case configuration
        /// The caller cancelled the call.
        case cancelled
    }

    /// What kind of failure this is (each maps to one error category).
    package var kind: Kind
    /// One sentence on what happened.
    package var message: String
    /// The HTTP status, when a response arrived.
    package var httpStatus: Int?
    /// WebNIC's envelope, when the response carried one.
    package var envelope: Envelope?
    /// Seconds WebNIC asked us to wait (`Retry-After`).
    package var retryAfterSeconds: Int?
    /// At most 512 bytes of a body that was not WebNIC's envelope.
    package var bodyExcerpt: String?
    /// How many HTTP attempts the call made.
    package var attempts: Int
    /// What to do about this failure in particular, when it says more than its kind's usual advice.
    package var hint: String?
    /// The latest attempt of the call that may have reached WebNIC without an answer saying what
    /// WebNIC did (`nil` when every attempt was answered or never left this machine): a write that
    /// failed with one may or may not have been applied.
    package var unconfirmed: UnconfirmedAttempt?

    /// A failure of `kind`, saying `message`, with what is known of WebNIC's answer.
    package init(
        kind: Kind, message: String, httpStatus: Int? = nil, envelope: Envelope? = nil,
        retryAfterSeconds: Int? = nil, bodyExcerpt: String? = nil, attempts: Int = 0, hint: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.httpStatus = httpStatus
        self.envelope = envelope
        self.retryAfterSeconds = retryAfterSeconds
        self.bodyExcerpt = bodyExcerpt
        self.attempts = attempts
        self.hint = hint
    }
}

extension WebNICError {
    /// The call's caller gave up (`attempts` HTTP attempts made before).
    package static func cancelled(attempts: Int = 0) -> WebNICError {
        WebNICError(kind: .cancelled, message: "The call was cancelled.", attempts: attempts)
    }

    /// A call that needs WebNIC, made without credentials.
    package static let noCredentials = WebNICError(
        kind: .configuration,
        message: "No WebNIC credentials are configured: set WEBNIC_USERNAME and WEBNIC_PASSWORD (or WEBNIC_PASSWORD_FILE), or WEBNIC_TOKEN (or WEBNIC_TOKEN_FILE)."
    )

    /// The failure a transport's error stands for: what it means to a caller, and what to do
    /// when the machine's setup is at fault; `target` (`host:port`) names where WebNIC was sought.
    package init(transport error: TransportError, target: String? = nil) {
        switch error {
        case .timedOut:
            self.init(kind: .timeout, message: "WebNIC did not answer within the timeout.")
        case .cancelled:
            self = .cancelled()
        case .notSent(let reason), .network(let reason):
            self.init(kind: .network, message: "Could not reach WebNIC\(target.map { " at \($0)" } ?? ""): \(reason).")
        case .tls(let reason):
            self.init(kind: .tls, message: "The secure connection to WebNIC failed: \(reason).")
        case .unavailable(let reason, let hint):
            self.init(kind: .configuration, message: "Nothing can be sent to WebNIC: \(reason).", hint: hint)
        }
    }
}
