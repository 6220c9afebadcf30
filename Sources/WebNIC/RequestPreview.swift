import JSONCore

/// A request exactly as it would be sent, without credentials: for dry runs.
package struct RequestPreview: Sendable, Equatable {
    /// The HTTP method.
    package let method: String
    /// The absolute URL.
    package let url: String
    /// The JSON body.
    package let body: JSONValue

    /// The request `method` `url` would carry `body`.
    package init(method: String, url: String, body: JSONValue) {
        self.method = method
        self.url = url
        self.body = body
    }

    /// `{"method": …, "url": …, "body": …}`.
    package var json: JSONValue { ["method": .string(method), "url": .string(url), "body": body] }
}
