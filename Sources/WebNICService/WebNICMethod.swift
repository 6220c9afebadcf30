import JSONCore
import JSONRPC
import MCP
import WebNIC

/// One JSON-RPC method of webnic-rpc: its name, its params once checked, how a call is ordered, and
/// how it runs.
///
/// A call's params are decoded once, on the reading thread and in input order (`invocation`); the
/// ordering and the run both use what was decoded.
protocol WebNICMethod: Sendable {
    /// The params of a call, checked.
    associatedtype Params: Sendable

    /// The method's name.
    static var name: String { get }

    /// The params of a call, checked in full before anything is sent; the error lists every problem.
    static func decode(_ params: JSONValue?) throws(ResponseError) -> Params

    /// How a call with `params` is ordered against the calls around it: a read or a write of its
    /// organization, or independent (a call that will not reach WebNIC).
    func ordering(of params: Params) -> RequestOrdering

    /// Runs one call; fills in `report` for the call's log line.
    func run(_ params: Params, call: MethodCall, report: inout CallReport) async throws(ResponseError) -> MethodOutcome
}

extension WebNICMethod {
    /// The key calls on organization `id` are ordered by.
    static func orderingKey(_ id: Int64) -> String { "organization/\(id)" }

    /// A call with `params`, decoded once. Invalid params are answered at once: such a call
    /// reaches nothing, so it waits for nothing (its log line still names the organization when
    /// `params` holds a valid id).
    func invocation(_ params: JSONValue?) -> MethodInvocation {
        do throws(ResponseError) {
            let decoded = try Self.decode(params)
            return MethodInvocation(name: Self.name, ordering: ordering(of: decoded)) { call, report throws(ResponseError) in
                try await run(decoded, call: call, report: &report)
            }
        } catch {
            return MethodInvocation(name: Self.name, ordering: .independent) { _, report throws(ResponseError) in
                report.organizationId = ParameterValidator.organizationId(of: params)
                throw error
            }
        }
    }
}

/// A call of one method with its params decoded: how it is ordered, and how it runs.
struct MethodInvocation: Sendable {
    /// The method's name.
    let name: String
    /// How the call is ordered against the calls around it.
    let ordering: RequestOrdering
    /// Runs the call; fills in the report for the call's log line.
    let run: @Sendable (MethodCall, inout CallReport) async throws(ResponseError) -> MethodOutcome
}

/// What a method call knows beyond its decoded params.
struct MethodCall: Sendable {
    /// The request's id, `nil` for a notification.
    let requestID: RequestID?
    /// The params as sent: a write held for the person's answer is bound to them.
    let params: JSONValue?
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
