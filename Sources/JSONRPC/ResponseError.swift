import JSONCore

/// The `error` member of a JSON-RPC response.
package struct ResponseError: Error, Sendable, Equatable {
    /// The error code; any integer decodes, known ones have names.
    package let code: ErrorCode
    /// One sentence saying what went wrong.
    package let message: String
    /// Structured detail, when there is any.
    package let data: JSONValue?

    /// An error object.
    package init(code: ErrorCode, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// `-32800`: the request was cancelled before it was done; the one text every layer answers a
    /// cancelled request with (the service adds its category in `data`).
    package static let requestCancelled = ResponseError(code: .requestCancelled, message: "Request cancelled.")

    /// `-32700`: the line is not JSON.
    package static func parseError(_ detail: String) -> ResponseError {
        ResponseError(code: .parseError, message: "Parse error: \(detail)")
    }

    /// `-32600`: the JSON is not a valid request.
    package static func invalidRequest(_ detail: String) -> ResponseError {
        ResponseError(code: .invalidRequest, message: "Invalid Request: \(detail)")
    }

    /// `-32601`: no such method. Given the methods there are, `data` lists them (`methods`) and
    /// names the one `method` was probably meant to be (`didYouMean`), also said in the message.
    package static func methodNotFound(_ method: String, known: [String] = []) -> ResponseError {
        let quoted = JSONValue.string(method).jsonText
        guard !known.isEmpty else { return ResponseError(code: .methodNotFound, message: "Method not found: \(quoted)") }
        var data = JSONObject()
        var message = "Method not found: \(quoted)"
        if let suggestion = ClosestName.to(method, among: known) {
            message += "; did you mean \(JSONValue.string(suggestion).jsonText)?"
            data["didYouMean"] = .string(suggestion)
        }
        data["methods"] = .array(known.map(JSONValue.string))
        return ResponseError(code: .methodNotFound, message: message, data: .object(data))
    }

    /// The error object as JSON.
    package var json: JSONValue {
        var object = JSONObject()
        object["code"] = .integer(code.rawValue)
        object["message"] = .string(message)
        object["data"] = data
        return .object(object)
    }

    /// The error from its JSON form; unknown codes are kept, not refused.
    package init?(json: JSONValue) {
        guard let object = json.objectValue,
              let code = object["code"]?.numberValue?.int64Value, let codeValue = Int(exactly: code),
              let message = object["message"]?.stringValue
        else { return nil }
        self.init(code: ErrorCode(rawValue: codeValue), message: message, data: object["data"])
    }
}
