/// A strict RFC 8259 parser from UTF-8 bytes to `JSONValue`.
///
/// Stricter than the RFC where the RFC leaves room: duplicate object keys are refused (keys are
/// compared byte for byte: `"\u00e9"` and `"e\u0301"` are two keys), invalid UTF-8 is refused
/// (never replaced), and nesting deeper than `maxDepth` is refused instead of exhausting the stack.
/// Number literals are kept as written. `parseReportingDuplicates` reads a text with duplicate keys
/// all the same, keeping the first of each, and says where they were.
package struct JSONParser {
    /// The deepest nesting of arrays and objects accepted by default.
    package static let defaultMaxDepth = 128

    /// The text, borrowed for the length of one parse (`run` never lets the parser outlive it):
    /// reading through a buffer pointer spares a bounds check and a retain on every byte.
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    private let maxDepth: Int
    /// When reporting duplicates: the path to the value being parsed, and the duplicates found.
    private var path: [JSONPath.Component]?
    private var duplicates: [JSONPath] = []

    private init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, reportingDuplicates: Bool) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        self.path = reportingDuplicates ? [] : nil
    }

    /// Parses one JSON value that fills `bytes` (surrounding white space allowed).
    package static func parse<Bytes: Collection>(
        _ bytes: Bytes, maxDepth: Int = defaultMaxDepth
    ) throws(JSONParseError) -> JSONValue where Bytes.Element == UInt8 {
        try run(bytes, maxDepth: maxDepth, reportingDuplicates: false).value
    }

    /// Parses one JSON value that fills `bytes`, taking the first of keys written twice in one
    /// object instead of refusing them, and returns where each later one was.
    package static func parseReportingDuplicates<Bytes: Collection>(
        _ bytes: Bytes, maxDepth: Int = defaultMaxDepth
    ) throws(JSONParseError) -> (value: JSONValue, duplicates: [JSONPath]) where Bytes.Element == UInt8 {
        try run(bytes, maxDepth: maxDepth, reportingDuplicates: true)
    }

    /// Parses the value that fills `bytes` with a parser that lives only inside this call.
    private static func run<Bytes: Collection>(
        _ bytes: Bytes, maxDepth: Int, reportingDuplicates: Bool
    ) throws(JSONParseError) -> (value: JSONValue, duplicates: [JSONPath]) where Bytes.Element == UInt8 {
        let parsed = Array(bytes).withUnsafeBufferPointer { buffer -> Result<(value: JSONValue, duplicates: [JSONPath]), JSONParseError> in
            var parser = JSONParser(bytes: buffer, maxDepth: maxDepth, reportingDuplicates: reportingDuplicates)
            do throws(JSONParseError) {
                parser.skipWhitespace()
                let value = try parser.parseValue(depth: 0)
                parser.skipWhitespace()
                guard parser.index == parser.bytes.count else {
                    throw parser.error("unexpected data after the JSON value")
                }
                return .success((value, parser.duplicates))
            } catch {
                return .failure(error)
            }
        }
        return try parsed.get()
    }

    /// Parses one JSON value from a string.
    package static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8), maxDepth: maxDepth)
    }

    /// The error `reason` at the current offset.
    func error(_ reason: String) -> JSONParseError {
        JSONParseError(reason: reason, offset: index)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw unexpected()
        }
    }

    /// "unexpected character" where the input is UTF-8, "invalid UTF-8" where it is not.
    /// The error for the byte at the current offset, which no rule accepts there.
    func unexpected() -> JSONParseError {
        guard index < bytes.count, bytes[index] >= 0x80, Self.utf8SequenceLength(bytes, at: index) == nil else {
            return error("unexpected character")
        }
        return error("invalid UTF-8")
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error("unexpected end of input") }
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
        for offset in 0..<count where bytes[index + offset] != expected[offset] {
            index += offset
            throw unexpected()
        }
        index += count
    }

    private mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        index += 1
        var members: [JSONObject.Member] = []
        var seen = Set<[UInt8]>()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(JSONObject(uniqueMembers: members))
        }
        // Room for a small object at once, instead of growing through capacities 1, 2 and 4.
        members.reserveCapacity(4)
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input") }
            guard bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let keyOffset = index
            let key = try parseString()
            // Keys are compared byte for byte (String's == would take canonically equivalent keys for
            // one). Small objects (nearly all) are checked by comparison, large ones with a set.
            let duplicate: Bool
            if members.count < 16 {
                duplicate = members.contains { JSONObject.sameKey($0.key, key) }
            } else {
                if seen.isEmpty { seen = Set(members.map { Array($0.key.utf8) }) }
                duplicate = !seen.insert(Array(key.utf8)).inserted
            }
            if duplicate, path == nil {
                throw JSONParseError(reason: "duplicate key \"\(key)\"", offset: keyOffset, duplicateKey: key)
            }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
            skipWhitespace()
            path?.append(.key(key))
            let value = try parseValue(depth: depth)
            if duplicate, let current = path {
                duplicates.append(JSONPath(current))
            } else {
                members.append(JSONObject.Member(key: key, value: value))
            }
            path?.removeLast()
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input") }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return .object(JSONObject(uniqueMembers: members))
            default: throw error("expected ',' or '}'")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            path?.append(.index(elements.count))
            elements.append(try parseValue(depth: depth))
            path?.removeLast()
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input") }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return .array(elements)
            default: throw error("expected ',' or ']'")
            }
        }
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw error("leading zeros are not allowed") }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        return JSONNumber(validatedLiteral: String(decoding: bytes[start..<index], as: UTF8.self))
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
