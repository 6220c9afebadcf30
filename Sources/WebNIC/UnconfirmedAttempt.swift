/// An attempt of a call that may have reached WebNIC without an answer saying what WebNIC did with
/// it. For a write, the reason its outcome is unknown: nothing a later attempt meets (a refused
/// connection, a 503, a validation error) says whether this one was applied.
package struct UnconfirmedAttempt: Sendable, Equatable {
    /// Why the attempt's effect is unknown.
    package enum Reason: Sendable, Equatable {
        /// No answer came within the timeout once the request was on its way.
        case timedOut
        /// The call was cancelled while the request was on its way.
        case cancelled
        /// The connection failed once the request may have left; the text is the error's message.
        case cutOff(String)
        /// A gateway answered in WebNIC's place (HTTP 502 or 504 without WebNIC's envelope): it may
        /// have passed the request on before it gave up.
        case gateway(status: Int)
        /// WebNIC answered with a success status and a body that is not as documented.
        case unreadable(status: Int)
    }

    /// The attempt's number in its call (1 for the first).
    package var attempt: Int
    /// Why its effect is unknown.
    package var reason: Reason

    /// The attempt numbered `attempt`, unconfirmed for `reason`.
    package init(attempt: Int, reason: Reason) {
        self.attempt = attempt
        self.reason = reason
    }

    /// Why an attempt that failed with `transport` is unconfirmed, or `nil` when it certainly did
    /// not reach WebNIC (no connection, an unusable URL, a refused TLS handshake, no HTTP library).
    static func reason(_ transport: TransportError, message: String) -> Reason? {
        switch transport {
        case .timedOut: return .timedOut
        case .cancelled: return .cancelled
        case .network: return .cutOff(message)
        case .notSent, .tls, .unavailable: return nil
        }
    }

    /// Why an attempt answered `status` and refused as `error` is unconfirmed, or `nil` when the
    /// answer says what happened.
    static func reason(status: Int, _ error: WebNICError) -> Reason? {
        switch status {
        case 200..<300 where error.kind == .badResponse: return .unreadable(status: status)
        case 502 where error.envelope == nil, 504 where error.envelope == nil: return .gateway(status: status)
        default: return nil
        }
    }
}
