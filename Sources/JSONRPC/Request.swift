import JSONCore

/// A well-formed JSON-RPC 2.0 request or notification.
public struct Request: Sendable {
    /// The id, or `nil` for a notification (which is never answered).
    public let id: RequestID?
    /// The method name.
    public let method: String
    /// The parameters: an object, an array, or `nil` when absent.
    public let params: JSONValue?
    /// Top-level members the message had beyond JSON-RPC's own, ignored.
    public let ignoredMembers: [String]

    /// A request (`id` set) or notification (`id` nil).
    public init(id: RequestID?, method: String, params: JSONValue?, ignoredMembers: [String] = []) {
        self.id = id
        self.method = method
        self.params = params
        self.ignoredMembers = ignoredMembers
    }

    /// Whether this is a notification.
    public var isNotification: Bool { id == nil }

    /// The message as JSON: `jsonrpc`, `id` (left out for a notification), `method`, then `params` when present.
    public var json: JSONValue {
        var object = JSONObject()
        object["jsonrpc"] = "2.0"
        object["id"] = id?.json
        object["method"] = .string(method)
        object["params"] = params
        return .object(object)
    }
}
