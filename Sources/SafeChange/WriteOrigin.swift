import JSONCore

/// Who asked for a write, and through what, as the audit log records it.
package struct WriteOrigin: Sendable, Equatable {
    /// The request's id as it was sent (JSON-RPC or MCP), or null.
    package let requestId: JSONValue
    /// The method asked for, for example `patchOrganizationContact`.
    package let method: String
    /// How the request came: `{"protocol": "json-rpc"}`, or `{"protocol": "mcp", "client": …,
    /// "clientVersion": …, "era": …}` with what the MCP client said of itself.
    package let via: JSONValue

    /// An origin; `via` defaults to plain JSON-RPC.
    package init(requestId: JSONValue, method: String, via: JSONValue = ["protocol": "json-rpc"]) {
        self.requestId = requestId
        self.method = method
        self.via = via
    }
}
