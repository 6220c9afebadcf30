import JSONCore
import JSONRPC

/// The tools an MCP endpoint offers and the way to call them.
///
/// Called concurrently, like a `RequestHandler`; `prepare` is called on the server's reading
/// thread, in input order, and must return at once.
package protocol ToolProvider: Sendable {
    /// The tools `tools/list` lists, in its order.
    var tools: [Tool] { get }

    /// Reads a call of the tool `name` with `arguments` once: how it is ordered against the requests
    /// around it, and how it runs; `nil` when there is no such tool (a tool may be callable without
    /// being listed).
    func prepare(_ name: String, arguments: JSONObject) -> PreparedToolCall?
}

/// A tool call its provider has read: how it is ordered, and how it runs.
package struct PreparedToolCall: Sendable {
    /// How the call is ordered against the requests around it.
    package let ordering: RequestOrdering
    /// Runs the call; `context` says who calls and how the person can be asked. Failures are
    /// results with `isError`.
    package let run: @Sendable (ToolCallContext) async -> ToolCallOutcome

    package init(ordering: RequestOrdering = .independent, run: @escaping @Sendable (ToolCallContext) async -> ToolCallOutcome) {
        self.ordering = ordering
        self.run = run
    }
}
