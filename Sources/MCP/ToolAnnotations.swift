import JSONCore

/// MCP's hints about what a tool does; `nil` leaves a hint to its default.
package struct ToolAnnotations: Sendable, Equatable {
    /// It changes nothing.
    package var readOnly: Bool?
    /// An update may overwrite or delete data.
    package var destructive: Bool?
    /// Calling it again with the same arguments has no further effect.
    package var idempotent: Bool?
    /// It reaches outside systems.
    package var openWorld: Bool?

    /// Annotations.
    package init(readOnly: Bool? = nil, destructive: Bool? = nil, idempotent: Bool? = nil, openWorld: Bool? = nil) {
        self.readOnly = readOnly
        self.destructive = destructive
        self.idempotent = idempotent
        self.openWorld = openWorld
    }

    /// The `annotations` object, with the tool's title, as clients before 2025-06-18 read it there.
    func json(title: String) -> JSONValue {
        var object = JSONObject()
        object["title"] = .string(title)
        object["readOnlyHint"] = readOnly.map(JSONValue.bool)
        object["destructiveHint"] = destructive.map(JSONValue.bool)
        object["idempotentHint"] = idempotent.map(JSONValue.bool)
        object["openWorldHint"] = openWorld.map(JSONValue.bool)
        return .object(object)
    }
}
