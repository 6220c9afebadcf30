import JSONCore

/// A JSON-RPC 2.0 response: a result or an error, for one id.
package struct Response: Sendable, Equatable {
    /// The id of the request answered (`null` when it could not be determined).
    package let id: RequestID
    /// The result or the error.
    package let outcome: Result<JSONValue, ResponseError>

    /// The response to request `id`: its result or its error.
    package init(id: RequestID, outcome: Result<JSONValue, ResponseError>) {
        self.id = id
        self.outcome = outcome
    }

    /// The response object as JSON: `jsonrpc`, `id`, then `result` or `error`.
    package var json: JSONValue {
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
