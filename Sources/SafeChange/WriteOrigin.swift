import JSONCore

/// Who asked for a write, and through what, as the audit log records it.
public struct WriteOrigin: Sendable, Equatable {
    /// The request's id as it was sent (JSON-RPC or MCP), or null.
    public let requestId: JSONValue
    /// The method asked for, for example `patchOrganizationContact`.
    public let method: String
    /// How the request came: `{"protocol": "json-rpc"}`, or `{"protocol": "mcp", "client": …,
    /// "clientVersion": …, "era": …}` with what the MCP client said of itself.
    public let via: JSONValue

    /// An origin; `via` defaults to plain JSON-RPC.
    public init(requestId: JSONValue, method: String, via: JSONValue = ["protocol": "json-rpc"]) {
        self.requestId = requestId
        self.method = method
        self.via = via
    }
}
