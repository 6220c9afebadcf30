import JSONCore

/// A JSON-RPC request id, echoed in the response exactly as it came in.
///
/// Integers keep their literal text (`12345678901234567890` and `-0` included), so an id is
/// never rounded through `Double`.
package enum RequestID: Sendable, Hashable, CustomStringConvertible {
    /// A string id.
    case string(String)
    /// An integer id, as the literal it was written with.
    case number(JSONNumber)
    /// `"id": null`: a request that is answered with `"id": null`.
    case null

    /// The id from a JSON value: a string, an integer literal or null; `nil` for anything else.
    package init?(json: JSONValue) {
        switch json {
        case .string(let value): self = .string(value)
        case .number(let number) where number.isIntegerLiteral: self = .number(number)
        case .null: self = .null
        default: return nil
        }
    }

    /// The id as JSON, for the response.
    package var json: JSONValue {
        switch self {
        case .string(let value): return .string(value)
        case .number(let number): return .number(number)
        case .null: return .null
        }
    }

    /// The id as it appears in JSON text, for logs.
    package var description: String { json.jsonText }
}
