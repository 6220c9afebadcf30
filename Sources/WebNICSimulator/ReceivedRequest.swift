import JSONCore

/// What the simulator keeps of a request it received, secrets left out: rendered as JSON only when
/// asked for (`GET /__sim/requests`, `WebNICSimulator.receivedRequests`), not on every request.
struct ReceivedRequest: Sendable {
    /// The HTTP method.
    let method: String
    /// The path, and the query if any.
    let target: String
    /// Whether an `Authorization` header came (its value is never kept).
    let hasAuthorization: Bool
    /// The `Content-Type` header.
    let contentType: String?
    /// The `User-Agent` header.
    let userAgent: String?
    /// The body as JSON with any `password` redacted, the text when it is not JSON, `nil` when empty.
    let body: JSONValue?

    init(_ request: SimulatedRequest) {
        method = request.method
        target = request.target
        hasAuthorization = request.headers["authorization"] != nil
        contentType = request.headers["content-type"]
        userAgent = request.headers["user-agent"]
        guard !request.body.isEmpty else {
            body = nil
            return
        }
        var parsed = (try? JSONParser.parse(request.body)) ?? .string(String(decoding: request.body, as: UTF8.self))
        if var object = parsed.objectValue, object["password"] != nil {
            object["password"] = "<redacted>"
            parsed = .object(object)
        }
        body = parsed
    }

    /// `{"method", "path", "authorization", "contentType", "userAgent", "body"}`, absent values as null.
    var json: JSONValue {
        [
            "method": .string(method), "path": .string(target),
            "authorization": hasAuthorization ? "Bearer <redacted>" : .null,
            "contentType": contentType.map(JSONValue.string) ?? .null,
            "userAgent": userAgent.map(JSONValue.string) ?? .null,
            "body": body ?? .null,
        ]
    }
}
