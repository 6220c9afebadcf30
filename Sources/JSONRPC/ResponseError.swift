import JSONCore

/// The `error` member of a JSON-RPC response.
public struct ResponseError: Error, Sendable, Equatable {
    /// The error code; any integer decodes, known ones have names.
    public let code: ErrorCode
    /// One sentence saying what went wrong.
    public let message: String
    /// Structured detail, when there is any.
    public let data: JSONValue?

    /// An error object.
    public init(code: ErrorCode, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// `-32700`: the line is not JSON.
    public static func parseError(_ detail: String) -> ResponseError {
        ResponseError(code: .parseError, message: "Parse error: \(detail)")
    }

    /// `-32600`: the JSON is not a valid request.
    public static func invalidRequest(_ detail: String) -> ResponseError {
        ResponseError(code: .invalidRequest, message: "Invalid Request: \(detail)")
    }

    /// `-32601`: no such method.
    public static func methodNotFound(_ method: String) -> ResponseError {
        ResponseError(code: .methodNotFound, message: "Method not found: \(JSONValue.string(method).jsonText)")
    }

    /// The error object as JSON.
    public var json: JSONValue {
        var object = JSONObject()
        object["code"] = .integer(code.rawValue)
        object["message"] = .string(message)
        object["data"] = data
        return .object(object)
    }

    /// The error from its JSON form; unknown codes are kept, not refused.
    public init?(json: JSONValue) {
        guard let object = json.objectValue,
              let code = object["code"]?.numberValue?.int64Value, let codeValue = Int(exactly: code),
              let message = object["message"]?.stringValue
        else { return nil }
        self.init(code: ErrorCode(rawValue: codeValue), message: message, data: object["data"])
    }
}

/// A JSON-RPC error code: the specification's named codes, or any other integer.
public struct ErrorCode: RawRepresentable, Sendable, Hashable {
    /// The integer code.
    public let rawValue: Int

    /// Any code, known or not.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Invalid JSON was received.
    public static let parseError = ErrorCode(rawValue: -32700)
    /// The JSON sent is not a valid request object.
    public static let invalidRequest = ErrorCode(rawValue: -32600)
    /// The method does not exist.
    public static let methodNotFound = ErrorCode(rawValue: -32601)
    /// Invalid method parameters.
    public static let invalidParams = ErrorCode(rawValue: -32602)
    /// An internal error.
    public static let internalError = ErrorCode(rawValue: -32603)
    /// The request was cancelled (the Language Server Protocol's code, used widely).
    public static let requestCancelled = ErrorCode(rawValue: -32800)

    /// Whether the code lies in the range the specification reserves (`-32768…-32000`).
    public var isReserved: Bool { (-32768 ... -32000).contains(rawValue) }
}
