/// A request as the simulator sees it, whether it came over HTTP or in-process.
public struct SimulatedRequest: Sendable {
    /// The HTTP method.
    public var method: String
    /// The path, without query.
    public var path: String
    /// Headers with lower-cased names.
    public var headers: [String: String]
    /// The body.
    public var body: [UInt8]

    /// A request; header names are lower-cased.
    public init(method: String, path: String, headers: [String: String], body: [UInt8]) {
        self.method = method
        self.path = path
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.body = body
    }

    /// The path of a request target in origin form (`/a/b?q`) or absolute form
    /// (`http://host:port/a/b?q`), both of which an HTTP/1.1 server must accept; no query or fragment.
    public static func path(ofTarget target: String) -> String {
        var rest = target[...]
        if let scheme = rest.firstRange(of: "://") {
            rest = rest[scheme.upperBound...]
            rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
        }
        return String(rest.prefix { $0 != "?" && $0 != "#" })
    }
}
