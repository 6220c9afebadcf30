import JSONCore
import JSONRPC
import MCP
import WebNIC

/// One JSON-RPC method of webnic-rpc.
protocol WebNICMethod: Sendable {
    /// The method's name.
    static var name: String { get }

    /// How a call with `params` is ordered against the calls around it: a read or a write of its
    /// organization, or independent (a call that will not reach WebNIC, or invalid params).
    func ordering(of params: JSONValue?) -> RequestOrdering

    /// Runs one call; fills in `report` for the call's log line.
    func run(_ params: JSONValue?, call: MethodCall, report: inout CallReport) async throws(ResponseError) -> MethodOutcome
}

extension WebNICMethod {
    /// The key calls on organization `id` are ordered by.
    static func orderingKey(_ id: Int64) -> String { "organization/\(id)" }

}

/// What a method call knows beyond its params.
struct MethodCall: Sendable {
    /// The request's id, `nil` for a notification.
    let requestID: RequestID?
    /// Told of each HTTP attempt made to WebNIC.
    let onAttempt: AttemptObserver?
    /// Who is calling, as the audit log records it.
    var via: JSONValue = ["protocol": "json-rpc"]
    /// How the person can be asked to approve a write: only an MCP client can show a question.
    var elicitation = Elicitation.unavailable("a JSON-RPC caller is a program, and a program cannot be asked; only an MCP client can show the person a question")
}

/// What one call did, for its log line, and what it is waiting for.
struct CallReport {
    /// The organization the call was about, once known.
    var organizationId: Int64?
    /// HTTP attempts made.
    var attempts = 0
    /// Set when the call waits for the person's answer (2026-07-28): the question, and the state
    /// the client calls again with.
    var pendingQuestion: (question: ElicitationQuestion, state: String)?
}
