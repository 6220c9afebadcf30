import JSONCore

/// Who the server is, as `initialize` and `server/discover` say it.
package struct ServerIdentity: Sendable {
    /// The program's name.
    package let name: String
    /// A title for people.
    package let title: String
    /// The program's version.
    package let version: String
    /// How to use the server, for a model: how the tools fit together.
    package let instructions: String

    /// The server `name` at `version`, shown as `title`, with `instructions` for the model.
    package init(name: String, title: String, version: String, instructions: String) {
        self.name = name
        self.title = title
        self.version = version
        self.instructions = instructions
    }

    /// MCP's `Implementation` object: name, title, version.
    var implementation: JSONValue {
        ["name": .string(name), "title": .string(title), "version": .string(version)]
    }
}
