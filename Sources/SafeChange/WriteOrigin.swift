import JSONCore

/// Who asked for a write, as the audit log records it.
public struct WriteOrigin: Sendable, Equatable {
    /// The request's id as it was sent (JSON-RPC or MCP), or null.
    public let requestId: JSONValue
    /// The method asked for, for example `patchOrganizationContact`.
    public let method: String

    /// An origin.
    public init(requestId: JSONValue, method: String) {
        self.requestId = requestId
        self.method = method
    }
}
