import JSONCore

/// A request exactly as it would be sent, without credentials: for dry runs.
public struct RequestPreview: Sendable, Equatable {
    /// The HTTP method.
    public let method: String
    /// The absolute URL.
    public let url: String
    /// The JSON body.
    public let body: JSONValue

    /// A preview.
    public init(method: String, url: String, body: JSONValue) {
        self.method = method
        self.url = url
        self.body = body
    }

    /// `{"method": …, "url": …, "body": …}`.
    public var json: JSONValue { ["method": .string(method), "url": .string(url), "body": body] }
}
