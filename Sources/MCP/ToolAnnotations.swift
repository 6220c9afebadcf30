import JSONCore

/// MCP's hints about what a tool does; `nil` leaves a hint out, and the client assumes the
/// specification's default for it.
package struct ToolAnnotations: Sendable, Equatable {
    /// It changes nothing (`readOnlyHint`; default false).
    package var readOnly: Bool?
    /// An update may overwrite or delete data (`destructiveHint`; default true, meaningful only
    /// when not read-only).
    package var destructive: Bool?
    /// Calling it again with the same arguments has no further effect (`idempotentHint`; default
    /// false, meaningful only when not read-only).
    package var idempotent: Bool?
    /// It reaches outside systems (`openWorldHint`; default true).
    package var openWorld: Bool?

    /// Annotations; each hint left nil is left out.
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
