import JSONCore

/// A JSON-RPC 2.0 response: a result or an error, for one id.
public struct Response: Sendable, Equatable {
    /// The id of the request answered (`null` when it could not be determined).
    public let id: RequestID
    /// The result or the error.
    public let outcome: Result<JSONValue, ResponseError>

    /// A response.
    public init(id: RequestID, outcome: Result<JSONValue, ResponseError>) {
        self.id = id
        self.outcome = outcome
    }

    /// The response object as JSON: `jsonrpc`, `id`, then `result` or `error`.
    public var json: JSONValue {
        var object = JSONObject()
        object.reserveCapacity(3)
        object["jsonrpc"] = "2.0"
        object["id"] = id.json
        switch outcome {
        case .success(let result): object["result"] = result
        case .failure(let error): object["error"] = error.json
        }
        return .object(object)
    }
}
