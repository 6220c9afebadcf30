import JSONCore
import JSONRPC
import WebNICService

/// The params of `webnic-rpc call METHOD ARGS…`, built from its arguments: JSON objects (or `-`
/// for one on stdin), `key=value` pairs typed by the method's parameter schema in the OpenRPC
/// document, and `key:=JSON` raw values; dotted keys build nested objects. A key the method does
/// not take is passed on, for the method to refuse with its suggestion.
struct CallArguments {
    /// The method called.
    let method: String
    /// The params built.
    let params: JSONObject

    /// The params of `method` from `arguments`; `standardInput` reads stdin once, for `-`.
    static func parse(method: String, _ arguments: [String], standardInput: () -> [UInt8]) throws(UsageError) -> CallArguments {
        let methods = OpenRPCDocument.json["methods"]?.arrayValue ?? []
        guard let description = methods.first(where: { $0["name"]?.stringValue == method }) else {
            let names = methods.compactMap { $0["name"]?.stringValue }
            let guess = ClosestName.to(method, among: names).map { " Did you mean \($0)?" } ?? ""
            throw UsageError("call: unknown method \(method.debugDescription).\(guess) The methods are \(names.joined(separator: ", ")).")
        }
        var params = JSONObject()
        for argument in arguments {
            if argument == "-" || argument.hasPrefix("{") {
                let text = argument == "-" ? standardInput() : Array(argument.utf8)
                let source = argument == "-" ? "stdin" : "the argument \(argument.debugDescription)"
                guard let value = try? JSONParser.parse(text), let object = value.objectValue else {
                    throw UsageError("call: \(source) is not a JSON object.")
                }
                for member in object.members { params[member.key] = member.value }
                continue
            }
            let (path, value) = try pair(argument, method: description)
            params = setting(path, to: value, in: params)
        }
        return CallArguments(method: method, params: params)
    }

    /// The path and value of `key=value` or `key:=JSON`.
    private static func pair(_ argument: String, method: JSONValue) throws(UsageError) -> ([String], JSONValue) {
        guard let equals = argument.firstIndex(of: "=") else {
            throw UsageError("call: \(argument.debugDescription) is not key=value, key:=JSON, a JSON object or -; see --help.")
        }
        let raw = argument[..<equals].hasSuffix(":")
        let key = String(argument[..<(raw ? argument.index(before: equals) : equals)])
        let text = String(argument[argument.index(after: equals)...])
        let path = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !key.isEmpty, !path.contains("") else { throw UsageError("call: \(argument.debugDescription) has no key before =.") }
        if raw {
            guard let value = try? JSONParser.parse(Array(text.utf8)) else {
                throw UsageError("call: the value of \(key) after := is not JSON: \(text.debugDescription).")
            }
            return (path, value)
        }
        let kinds = types(of: schema(at: path, in: method))
        if kinds.isEmpty || kinds.contains("string") { return (path, .string(text)) }
        let number = (try? JSONParser.parse(Array(text.utf8)))?.numberValue
        if kinds.contains("integer") {
            guard let number, number.isIntegerLiteral else {
                throw UsageError("call: \(key) expects an integer, got \(text.debugDescription).")
            }
            return (path, .number(number))
        }
        if kinds.contains("number") {
            guard let number else { throw UsageError("call: \(key) expects a number, got \(text.debugDescription).") }
            return (path, .number(number))
        }
        if kinds.contains("boolean") {
            guard text == "true" || text == "false" else { throw UsageError("call: \(key) expects true or false, got \(text.debugDescription).") }
            return (path, .bool(text == "true"))
        }
        if kinds.contains("null"), text == "null" { return (path, .null) }
        throw UsageError("call: \(key) takes an object: give its members as \(key).NAME=value, or \(key):=JSON.")
    }

    /// `object` with `value` at `path`, making the objects on the way.
    private static func setting(_ path: [String], to value: JSONValue, in object: JSONObject) -> JSONObject {
        var object = object
        guard let first = path.first else { return object }
        if path.count == 1 {
            object[first] = value
        } else {
            object[first] = .object(setting(Array(path.dropFirst()), to: value, in: object[first]?.objectValue ?? JSONObject()))
        }
        return object
    }

    /// The schema of the param (or member of one) at `path`, or nil when the method takes none there.
    private static func schema(at path: [String], in method: JSONValue) -> JSONValue? {
        guard let name = path.first,
              var schema = method["params"]?.arrayValue?.first(where: { $0["name"]?.stringValue == name })?["schema"]
        else { return nil }
        for key in path.dropFirst() {
            guard let member = objectSchemas(resolved(schema)).lazy.compactMap({ $0["properties"]?[key] }).first else { return nil }
            schema = member
        }
        return schema
    }

    /// The JSON types `schema` allows, through `$ref`, `oneOf`, `anyOf` and `allOf`.
    private static func types(of schema: JSONValue?) -> Set<String> {
        guard let schema = schema.map(resolved) else { return [] }
        var kinds = Set<String>()
        if let type = schema["type"]?.stringValue { kinds.insert(type) }
        for type in schema["type"]?.arrayValue ?? [] { if let type = type.stringValue { kinds.insert(type) } }
        if schema["enum"] != nil, kinds.isEmpty { kinds.insert("string") }
        for key in ["oneOf", "anyOf", "allOf"] {
            for option in schema[key]?.arrayValue ?? [] { kinds.formUnion(types(of: option)) }
        }
        return kinds
    }

    /// The object schemas `schema` may be, through `$ref`, `oneOf`, `anyOf` and `allOf`.
    private static func objectSchemas(_ schema: JSONValue) -> [JSONValue] {
        var found = schema["properties"] != nil ? [schema] : []
        for key in ["oneOf", "anyOf", "allOf"] {
            for option in schema[key]?.arrayValue ?? [] { found += objectSchemas(resolved(option)) }
        }
        return found
    }

    /// `schema` with a `#/components/schemas/NAME` reference followed.
    private static func resolved(_ schema: JSONValue) -> JSONValue {
        guard let reference = schema["$ref"]?.stringValue, reference.hasPrefix("#/components/schemas/") else { return schema }
        let name = String(reference.dropFirst("#/components/schemas/".count))
        return OpenRPCDocument.json["components"]?["schemas"]?[name].map(resolved) ?? schema
    }
}
