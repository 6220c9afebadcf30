/// An HTTP request as the client builds it.
package struct HTTPRequest: Sendable, Equatable {
    /// The method, for example `GET`.
    package var method: String
    /// The absolute URL.
    package var url: String
    /// Header names and values, in order.
    package var headers: [HTTPHeader]
    /// The body, if any.
    package var body: [UInt8]?

    /// A `method` request of `url` with these headers and body.
    package init(method: String, url: String, headers: [HTTPHeader] = [], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}
