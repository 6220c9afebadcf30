import JSONCore
import JSONRPC
import WebNIC

/// Builds the JSON-RPC error for each way a method call can fail, with `data` as the contract says:
/// `category`, `retryable`, `hint`, and whatever else is known.
enum MethodError {
    /// `-32602` listing every problem found in the params.
    static func invalidParams(_ problems: [FieldError]) -> ResponseError {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        var summary = problems.prefix(3).map { "`\($0.field)`: \($0.message)" }.joined(separator: "; ")
        if problems.count > 3 { summary += "; and \(problems.count - 3) more in data.fieldErrors" }
        var data = base(.invalidParams)
        data["fieldErrors"] = .array(problems.map(\.json))
        return ResponseError(code: .invalidParams, message: "Invalid params, \(count): \(summary).", data: .object(data))
    }

    /// `-32602` for params that are not an object.
    static func paramsNotByName(_ example: String) -> ResponseError {
        var data = base(.invalidParams)
        data["fieldErrors"] = .array([FieldError(field: "params", message: "must be an object of named parameters").json])
        return ResponseError(
            code: .invalidParams,
            message: "Invalid params: params are accepted by name only; send an object such as \(example).",
            data: .object(data)
        )
    }

    /// The error for a failed WebNIC call; nothing of WebNIC's envelope is dropped.
    static func webnic(_ error: WebNICError) -> ResponseError {
        let category = ErrorCategory(error.kind)
        var data = base(category)
        if let status = error.httpStatus { data["httpStatus"] = .integer(status) }
        data["attempts"] = .integer(error.attempts)
        if let seconds = error.retryAfterSeconds { data["retryAfterSeconds"] = .integer(seconds) }
        if let envelope = error.envelope, !envelope.isSuccess || category != .badUpstreamResponse {
            data["webnic"] = envelope.errorDetail
        }
        if let excerpt = error.bodyExcerpt { data["bodyExcerpt"] = .string(excerpt) }
        return ResponseError(code: category.code, message: error.message, data: .object(data))
    }

    /// `-32800`: the request was cancelled before it finished.
    static var cancelled: ResponseError {
        ResponseError(code: ErrorCategory.cancelled.code, message: "Request cancelled.", data: .object(base(.cancelled)))
    }

    private static func base(_ category: ErrorCategory) -> JSONObject {
        var data = JSONObject()
        data["category"] = .string(category.rawValue)
        data["retryable"] = .bool(category.isRetryable)
        data["hint"] = .string(category.hint)
        return data
    }
}
