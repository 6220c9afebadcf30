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
