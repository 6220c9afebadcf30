import JSONCore

/// A value in a log record's metadata, keeping its type: a number is written as a number, a
/// request id as the JSON value it is (`1` and `"1"` stay two ids), text as text.
package enum LogValue: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    /// Text.
    case string(String)
    /// A whole number.
    case integer(Int64)
    /// A JSON value, written as its compact JSON text (a request id).
    case json(JSONValue)

    /// Text.
    package init(stringLiteral value: String) {
        self = .string(value)
    }

    /// The value in a JSON log line.
    package var jsonValue: JSONValue {
        switch self {
        case .string(let text): return .string(text)
        case .integer(let number): return .integer(number)
        case .json(let value): return value
        }
    }

    /// The value in a text log line: a number or JSON as it is; text as it is unless it is empty or
    /// holds a space, a quote or `=`, then quoted as a JSON string.
    package var text: String {
        switch self {
        case .integer(let number): return String(number)
        case .json(let value): return value.jsonText
        case .string(let text):
            let needsQuotes = text.isEmpty || text.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\n" }
            return needsQuotes ? JSONValue.string(text).jsonText : text
        }
    }
}

/// What can be given as a metadata value: text, whole numbers, JSON values, or a `LogValue`.
package protocol LogValueConvertible: Sendable {
    /// The value as logged.
    var logValue: LogValue { get }
}

extension LogValue: LogValueConvertible {
    /// Itself.
    package var logValue: LogValue { self }
}

extension String: LogValueConvertible {
    /// Text.
    package var logValue: LogValue { .string(self) }
}

extension Int: LogValueConvertible {
    /// A whole number.
    package var logValue: LogValue { .integer(Int64(self)) }
}

extension Int64: LogValueConvertible {
    /// A whole number.
    package var logValue: LogValue { .integer(self) }
}

extension JSONValue: LogValueConvertible {
    /// The JSON value as it is.
    package var logValue: LogValue { .json(self) }
}

extension Bool: LogValueConvertible {
    /// `true` or `false`, a JSON boolean.
    package var logValue: LogValue { .json(.bool(self)) }
}
