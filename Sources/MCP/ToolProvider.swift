import JSONCore
import JSONRPC

/// The tools an MCP endpoint offers and the way to call them.
///
/// Called concurrently, like a `RequestHandler`; `ordering(ofTool:arguments:)` is called on the
/// server's reading thread, in input order, and must return at once.
package protocol ToolProvider: Sendable {
    /// The tools `tools/list` lists, in its order.
    var tools: [Tool] { get }

    /// How a call of the tool `name` with `arguments` is ordered against the requests around it;
    /// by default it is independent of them.
    func ordering(ofTool name: String, arguments: JSONObject) -> RequestOrdering

    /// Calls the tool `name` with `arguments`, or returns `nil` when there is no such tool (a tool
    /// may be callable without being listed); `context` says who calls and how the person can be
    /// asked. Failures are results with `isError`.
    func call(_ name: String, arguments: JSONObject, context: ToolCallContext) async -> ToolCallOutcome?
}

extension ToolProvider {
    /// Every call is independent.
    package func ordering(ofTool name: String, arguments: JSONObject) -> RequestOrdering { .independent }
}
