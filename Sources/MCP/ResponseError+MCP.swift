import JSONCore
import JSONRPC

extension ErrorCode {
    /// MCP's `-32022`: the request's protocol version is not one the server speaks.
    package static let unsupportedProtocolVersion = ErrorCode(rawValue: -32022)
}

/// The JSON-RPC errors of MCP's protocol layer, each saying what the client should send instead.
extension ResponseError {
    /// `-32022`, with `data.supported` and `data.requested`, as MCP requires.
    static func unsupportedProtocolVersion(requested: String, supported: [String]) -> ResponseError {
        ResponseError(
            code: .unsupportedProtocolVersion,
            message: "Unsupported protocol version \(JSONValue.string(requested).jsonText): use one of \(supported.joined(separator: ", ")).",
            data: ["supported": .array(supported.map(JSONValue.string)), "requested": .string(requested)]
        )
    }

    /// `-32602` for a request without the modern envelope where one is needed.
    static func missingEnvelope(_ detail: String) -> ResponseError {
        ResponseError(
            code: .invalidParams,
            message: "Invalid params: \(detail); a 2026-07-28 request carries `\(RequestMeta.protocolVersionKey)` and `\(RequestMeta.clientCapabilitiesKey)` in params._meta."
        )
    }

    /// `-32602` for an envelope member of the wrong type.
    static func invalidEnvelope(_ detail: String) -> ResponseError {
        ResponseError(code: .invalidParams, message: "Invalid params: \(detail).")
    }

    /// `-32602` for an MCP request before any session is open.
    static func noSession(_ method: String) -> ResponseError {
        ResponseError(
            code: .invalidParams,
            message: "Invalid params: \(method) needs an MCP session: send `initialize` first (protocol \(ProtocolRevision.handshake.last ?? "") to \(ProtocolRevision.handshake[0])), or carry `\(RequestMeta.protocolVersionKey)` and `\(RequestMeta.clientCapabilitiesKey)` in params._meta (\(ProtocolRevision.modern[0]))."
        )
    }

    /// `-32600` for a modern request on a connection opened with `initialize`.
    static func handshakeConnection(version: String) -> ResponseError {
        .invalidRequest(
            "this connection opened with initialize and speaks MCP \(version); requests carrying `\(RequestMeta.protocolVersionKey)` in params._meta belong to a connection that opens without initialize"
        )
    }

    /// `-32601` for a method the modern era removed.
    static func removedInModernEra(_ method: String) -> ResponseError {
        ResponseError(
            code: .methodNotFound,
            message: "Method not found: \(JSONValue.string(method).jsonText) was removed in MCP \(ProtocolRevision.modern[0])."
        )
    }

    /// `-32602` listing what is wrong with a request's params, field by field.
    static func invalidParams(_ method: String, _ problems: [String]) -> ResponseError {
        ResponseError(code: .invalidParams, message: "Invalid params for \(method): " + problems.joined(separator: "; ") + ".")
    }
}
