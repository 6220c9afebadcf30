import JSONCore
import SafeChange
import WebNIC

/// What a method call returns, typed: each edge renders it (JSON-RPC as the result, MCP as the
/// structured content and a line of text).
enum MethodOutcome: Sendable, Equatable {
    /// An organization as WebNIC holds it (`getOrganization`).
    case organization(OrganizationRecord)
    /// What became of a change: planned, unchanged or written.
    case change(ChangeOutcome)
    /// A document returned as it is (`rpc.discover`).
    case document(JSONValue)

    /// The result as the contract gives it.
    var json: JSONValue {
        switch self {
        case .organization(let record): return OrganizationResult.json(record)
        case .change(let outcome): return OrganizationResult.json(outcome)
        case .document(let document): return document
        }
    }
}
