/// Sends one HTTP request and returns the response, whatever its status.
///
/// The one seam between the client and the network: the real transport uses `URLSession`,
/// tests and the sandbox use the simulator in-process. Implementations must not follow redirects.
public protocol HTTPTransport: Sendable {
    /// The response to `request`, or why none arrived within `timeout`.
    func send(_ request: HTTPRequest, timeout: Duration) async throws(TransportError) -> HTTPResponse
}

/// An HTTP request as the client builds it.
public struct HTTPRequest: Sendable, Equatable {
    /// The method, for example `GET`.
    public var method: String
    /// The absolute URL.
    public var url: String
    /// Header names and values, in order.
    public var headers: [HTTPHeader]
    /// The body, if any.
    public var body: [UInt8]?

    /// A request.
    public init(method: String, url: String, headers: [HTTPHeader] = [], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// One header line.
public struct HTTPHeader: Sendable, Equatable {
    /// The header's name.
    public var name: String
    /// The header's value.
    public var value: String

    /// A header.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// An HTTP response: any status, headers, body.
public struct HTTPResponse: Sendable, Equatable {
    /// The status code.
    public var status: Int
    /// Headers with lower-cased names.
    public var headers: [String: String]
    /// The body bytes.
    public var body: [UInt8]

    /// A response; header names are lower-cased.
    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.body = body
    }
}

/// Why no complete response arrived.
public enum TransportError: Error, Sendable, Equatable {
    /// Nothing complete arrived before the time ran out.
    case timedOut
    /// The request was cancelled by its caller.
    case cancelled
    /// DNS, connect, TLS, a reset or a body cut short; the text names which, without secrets.
    case network(String)
}
