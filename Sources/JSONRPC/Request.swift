import JSONCore

/// A well-formed JSON-RPC 2.0 request or notification.
package struct Request: Sendable {
    /// The id, or `nil` for a notification (which is never answered).
    package let id: RequestID?
    /// The method name.
    package let method: String
    /// The parameters: an object, an array, or `nil` when absent.
    package let params: JSONValue?
    /// Top-level members the message had beyond JSON-RPC's own, ignored.
    package let ignoredMembers: [String]

    /// A request (`id` set) or notification (`id` nil).
    package init(id: RequestID?, method: String, params: JSONValue?, ignoredMembers: [String] = []) {
        self.id = id
        self.method = method
        self.params = params
        self.ignoredMembers = ignoredMembers
    }

    /// Whether this is a notification.
    package var isNotification: Bool { id == nil }

    /// The message as JSON: `jsonrpc`, `id` (left out for a notification), `method`, then `params` when present.
    package var json: JSONValue {
        var object = JSONObject()
        object["jsonrpc"] = "2.0"
        object["id"] = id?.json
        object["method"] = .string(method)
        object["params"] = params
        return .object(object)
    }
}
