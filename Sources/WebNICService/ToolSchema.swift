import JSONCore

/// The JSON Schemas of the MCP tools, derived from the OpenRPC document's methods, so that a
/// tool accepts exactly what its JSON-RPC method accepts and promises what it returns.
///
/// Each schema is self-contained: every `#/components/schemas/…` reference becomes `#/$defs/…`
/// and the schemas it needs, and only those, are copied into its `$defs`.
enum ToolSchema {
    private static let componentPrefix = "#/components/schemas/"
    private static let definitionPrefix = "#/$defs/"

    /// The by-name params of `method` as one object schema: a property per param, with the
    /// param's description, the required ones required, nothing else allowed.
    static func input(method: String) -> JSONValue {
        var properties = JSONObject()
        var required: [JSONValue] = []
        for param in Self.method(method)?["params"]?.arrayValue ?? [] {
            guard let name = param["name"]?.stringValue else { continue }
            var schema = param["schema"]?.objectValue ?? JSONObject()
            if let description = param["description"], schema["description"] == nil { schema["description"] = description }
            properties[name] = .object(schema)
            if param["required"] == true { required.append(.string(name)) }
        }
        var object = JSONObject()
        object["type"] = "object"
        object["properties"] = .object(properties)
        object["required"] = .array(required)
        object["additionalProperties"] = false
        return selfContained(object)
    }

    /// The result of `method` as an object schema: the referenced schema itself when the result is
    /// one reference, else the result's schema, typed as an object.
    static func output(method: String) -> JSONValue {
        var schema = Self.method(method)?["result"]?["schema"]?.objectValue ?? JSONObject()
        if schema.count == 1, let reference = schema["$ref"]?.stringValue, reference.hasPrefix(componentPrefix),
           let target = component(String(reference.dropFirst(componentPrefix.count)))?.objectValue {
            schema = target
        }
        if schema["type"] == nil { schema["type"] = "object" }
        return selfContained(schema)
    }

    private static func method(_ name: String) -> JSONValue? {
        OpenRPCDocument.json["methods"]?.arrayValue?.first { $0["name"]?.stringValue == name }
    }

    private static func component(_ name: String) -> JSONValue? {
        OpenRPCDocument.json["components"]?["schemas"]?[name]
    }

    /// `root` with its references rewritten and the definitions they reach under `$defs`.
    private static func selfContained(_ root: JSONObject) -> JSONValue {
        var needed: [String] = []
        var pending = references(in: .object(root))
        while let name = pending.popLast() {
            guard !needed.contains(name), let schema = component(name) else { continue }
            needed.append(name)
            pending.append(contentsOf: references(in: schema))
        }
        var object = rewritten(.object(root)).objectValue ?? JSONObject()
        if !needed.isEmpty {
            var definitions = JSONObject()
            for name in needed.sorted() {
                if let schema = component(name) { definitions[name] = rewritten(schema) }
            }
            object["$defs"] = .object(definitions)
        }
        return .object(object)
    }

    /// The component names `value` refers to.
    private static func references(in value: JSONValue) -> [String] {
        switch value {
        case .object(let object):
            var names: [String] = []
            for member in object.members {
                if member.key == "$ref", let reference = member.value.stringValue, reference.hasPrefix(componentPrefix) {
                    names.append(String(reference.dropFirst(componentPrefix.count)))
                } else {
                    names += references(in: member.value)
                }
            }
            return names
        case .array(let elements):
            return elements.flatMap(references(in:))
        default:
            return []
        }
    }

    /// `value` with every component reference pointing into `$defs`.
    private static func rewritten(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            return .object(JSONObject(object.members.map { member in
                if member.key == "$ref", let reference = member.value.stringValue, reference.hasPrefix(componentPrefix) {
                    return JSONObject.Member(key: "$ref", value: .string(definitionPrefix + reference.dropFirst(componentPrefix.count)))
                }
                return JSONObject.Member(key: member.key, value: rewritten(member.value))
            }))
        case .array(let elements):
            return .array(elements.map(rewritten))
        default:
            return value
        }
    }
}
