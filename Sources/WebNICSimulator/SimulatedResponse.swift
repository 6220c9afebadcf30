/// The simulator's answer, and how the connection should misbehave, if at all.
package struct SimulatedResponse: Sendable {
    /// What happens on the wire.
    package enum Delivery: Sendable, Equatable {
        /// A complete response.
        case normal
        /// Close the connection without answering.
        case reset
        /// Send headers promising more body than is sent, then close.
        case truncate
        /// A body of `bytes` bytes of JSON-looking filler, its length declared (`Content-Length`)
        /// or not (chunked), sent as long as the client reads (over HTTP only).
        case oversized(bytes: Int, chunked: Bool)
    }

    /// The status code.
    package var status: Int
    /// The `Content-Type`.
    package var contentType: String
    /// Extra headers.
    package var headers: [(String, String)]
    /// The body bytes, as sent (a fault may cut them short or send more than declared).
    package var body: [UInt8]
    /// Wait this long before answering.
    package var delayMilliseconds: Int
    /// How the answer is delivered.
    package var delivery: Delivery

    /// A response of `status`, delivered as `delivery` says after `delayMilliseconds`.
    package init(
        status: Int, contentType: String = "application/json", headers: [(String, String)] = [], body: [UInt8],
        delayMilliseconds: Int = 0, delivery: Delivery = .normal
    ) {
        self.status = status
        self.contentType = contentType
        self.headers = headers
        self.body = body
        self.delayMilliseconds = delayMilliseconds
        self.delivery = delivery
    }

    /// The standard reason phrase for the status.
    package var reasonPhrase: String {
        switch status {
        case 200: return "OK"
        case 302: return "Found"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "Status"
        }
    }
}
