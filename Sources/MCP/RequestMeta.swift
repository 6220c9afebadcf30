import JSONCore
import JSONRPC

/// The MCP fields of a request's `params._meta`.
struct RequestMeta {
    /// The key naming the protocol version of a modern request.
    static let protocolVersionKey = "io.modelcontextprotocol/protocolVersion"
    /// The key carrying a modern request's client capabilities.
    static let clientCapabilitiesKey = "io.modelcontextprotocol/clientCapabilities"
    /// The key of the server's identity in a modern result's `_meta`.
    static let serverInfoKey = "io.modelcontextprotocol/serverInfo"
    /// The key of the client's identity in a modern request's `_meta`.
    static let clientInfoKey = "io.modelcontextprotocol/clientInfo"

    private let meta: JSONObject?

    /// The `_meta` of `params`, if any.
    init(params: JSONValue?) {
        meta = params?["_meta"]?.objectValue
    }

    /// Whether the request claims the modern era: its `_meta` names a protocol version.
    var claimsModernEra: Bool { meta?[Self.protocolVersionKey] != nil }

    /// The client's capabilities (2026-07-28).
    var clientCapabilities: JSONObject? { meta?[Self.clientCapabilitiesKey]?.objectValue }

    /// The client's name and version (2026-07-28).
    var clientInfo: JSONObject? { meta?[Self.clientInfoKey]?.objectValue }

    /// The progress token, when the client asked for progress (a string or an integer).
    var progressToken: JSONValue? {
        switch meta?["progressToken"] {
        case let token? where token.stringValue != nil: return token
        case let token? where token.numberValue?.isIntegerLiteral == true: return token
        default: return nil
        }
    }

    /// The modern version the request is served at, or why it is not: the envelope must be complete
    /// (`-32602` naming what is missing) and its version one of `supported` (`-32022` naming them).
    func modernVersion(supported: [String]) throws(ResponseError) -> String {
        guard let meta else {
            throw ResponseError.missingEnvelope("params._meta is missing")
        }
        let missing = [Self.protocolVersionKey, Self.clientCapabilitiesKey].filter { meta[$0] == nil }
        guard missing.isEmpty else {
            throw ResponseError.missingEnvelope("params._meta lacks " + missing.map { "`\($0)`" }.joined(separator: " and "))
        }
        guard meta[Self.clientCapabilitiesKey]?.objectValue != nil else {
            throw ResponseError.invalidEnvelope("`params._meta.\(Self.clientCapabilitiesKey)` must be an object")
        }
        guard let version = meta[Self.protocolVersionKey]?.stringValue else {
            throw ResponseError.invalidEnvelope("`params._meta.\(Self.protocolVersionKey)` must be a string")
        }
        guard supported.contains(version) else {
            throw ResponseError.unsupportedProtocolVersion(requested: version, supported: supported)
        }
        return version
    }
}
