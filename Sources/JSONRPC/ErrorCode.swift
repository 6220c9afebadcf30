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
