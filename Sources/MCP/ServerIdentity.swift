import JSONCore

/// Who the server is, as `initialize` and `server/discover` say it.
public struct ServerIdentity: Sendable {
    /// The program's name.
    public let name: String
    /// A title for people.
    public let title: String
    /// The program's version.
    public let version: String
    /// How to use the server, for a model: how the tools fit together.
    public let instructions: String

    /// An identity.
    public init(name: String, title: String, version: String, instructions: String) {
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
