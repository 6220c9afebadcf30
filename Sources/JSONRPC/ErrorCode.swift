/// A JSON-RPC error code: the specification's named codes, or any other integer.
package struct ErrorCode: RawRepresentable, Sendable, Hashable {
    /// The integer code.
    package let rawValue: Int

    /// Any code, known or not.
    package init(rawValue: Int) { self.rawValue = rawValue }

    /// Invalid JSON was received.
    package static let parseError = ErrorCode(rawValue: -32700)
    /// The JSON sent is not a valid request object.
    package static let invalidRequest = ErrorCode(rawValue: -32600)
    /// The method does not exist.
    package static let methodNotFound = ErrorCode(rawValue: -32601)
    /// Invalid method parameters.
    package static let invalidParams = ErrorCode(rawValue: -32602)
    /// An internal error.
    package static let internalError = ErrorCode(rawValue: -32603)
    /// The request was cancelled (the Language Server Protocol's code, used widely).
    package static let requestCancelled = ErrorCode(rawValue: -32800)
}
