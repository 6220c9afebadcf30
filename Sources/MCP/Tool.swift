import JSONCore

/// One MCP tool as `tools/list` describes it.
package struct Tool: Sendable, Equatable {
    /// The name the client calls it by; see `isValidName`.
    package let name: String
    /// A title for people.
    package let title: String
    /// What it does and when to use it, for a model.
    package let description: String
    /// The JSON Schema (2020-12) of its arguments: an object schema.
    package let inputSchema: JSONValue
    /// The JSON Schema of its `structuredContent` when it succeeds: an object schema.
    package let outputSchema: JSONValue?
    /// Hints about its behaviour.
    package let annotations: ToolAnnotations

    /// A tool with these fields, as `tools/list` describes it.
    package init(
        name: String, title: String, description: String, inputSchema: JSONValue, outputSchema: JSONValue?,
        annotations: ToolAnnotations
    ) {
        self.name = name
        self.title = title
        self.description = description
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.annotations = annotations
    }

    /// The same tool described by `description`.
    package func describing(_ description: String) -> Tool {
        Tool(name: name, title: title, description: description, inputSchema: inputSchema, outputSchema: outputSchema, annotations: annotations)
    }

    /// Whether `name` follows MCP's tool-name rules: 1 to 128 characters, each an ASCII letter,
    /// a digit, `_`, `-` or `.`.
    package static func isValidName(_ name: String) -> Bool {
        (1...128).contains(name.utf8.count) && name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
                return true
            default:
                return false
            }
        }
    }

    /// The tool as `tools/list` lists it.
    package var json: JSONValue {
        var object = JSONObject()
        object["name"] = .string(name)
        object["title"] = .string(title)
        object["description"] = .string(description)
        object["inputSchema"] = inputSchema
        object["outputSchema"] = outputSchema
        object["annotations"] = annotations.json(title: title)
        return .object(object)
    }
}
