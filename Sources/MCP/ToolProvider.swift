import JSONCore
import JSONRPC

/// The tools an MCP endpoint offers and the way to call them.
///
/// Called concurrently, like a `RequestHandler`.
public protocol ToolProvider: Sendable {
    /// The tools, in the order `tools/list` lists them.
    var tools: [Tool] { get }

    /// Calls the tool `name` (one of `tools`) with `arguments`; `progress` is set when the client
    /// asked for progress reports. Failures are results with `isError`.
    func call(_ name: String, arguments: JSONObject, requestID: RequestID?, progress: ProgressReporter?) async -> ToolResult
}
