/// A JSON value that keeps every number exactly as it was written.
///
/// Numbers are never routed through `Double`: a request id of `12345678901234567890`
/// or `-0` is echoed byte for byte. Objects keep their members in order, so what is
/// written comes out in a stable, readable order.
package enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// A short name of the value's kind, for error messages ("expected a string, got a number").
    package var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The string, when this value is one.
    package var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The object, when this value is one.
    package var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The elements, when this value is an array.
    package var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The number, when this value is one.
    package var numberValue: JSONNumber? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// Whether this is JSON `null`.
    package var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The member `key` of an object, or `nil` when this is not an object or has no such member.
    package subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// An integer number value.
    package static func integer<T: BinaryInteger>(_ value: T) -> JSONValue {
        .number(JSONNumber(integer: value))
    }

    /// The compact JSON text of this value.
    package var jsonText: String {
        var writer = JSONWriter()
        writer.write(self)
        return writer.text
    }
}

extension JSONValue: ExpressibleByStringLiteral {
    /// A string value.
    package init(stringLiteral value: String) { self = .string(value) }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    /// An integer number value.
    package init(integerLiteral value: Int) { self = .integer(value) }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    /// A boolean value.
    package init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONValue: ExpressibleByNilLiteral {
    /// JSON `null`.
    package init(nilLiteral: ()) { self = .null }
}

extension JSONValue: ExpressibleByArrayLiteral {
    /// An array value.
    package init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// An object value whose members keep the literal's order.
    package init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text of this value.
    package var description: String { jsonText }
}
