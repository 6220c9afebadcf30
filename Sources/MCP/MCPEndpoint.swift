import JSONCore
import JSONRPC
import Log
import Synchronization

/// Serves the Model Context Protocol, in both eras, on a JSON-RPC connection, and hands every
/// other message to a plain handler, so one process answers a script and an agent alike.
///
/// The era is picked once per connection, in input order, by how the client opens: `initialize`
/// opens the handshake era at the negotiated version; a request whose `params._meta` carries a
/// supported 2026-07-28 envelope (as a `server/discover` probe does) opens the modern era. Until
/// then the connection is plain JSON-RPC and the plain handler's rules hold; once an MCP session
/// is open, batches and null ids are refused as MCP requires. `notifications/cancelled` cancels
/// a request whose answer is then never sent. Messages in the other era's form are refused with
/// an error that says which form this connection takes.
///
/// Admission and the era are in `MCPEndpoint+Admission.swift`, the MCP methods in
/// `MCPEndpoint+Methods.swift`, tool calls in `MCPEndpoint+ToolCalls.swift`.
package final class MCPEndpoint: RequestHandler {
    let identity: ServerIdentity
    let toolProvider: any ToolProvider
    let plain: any RequestHandler
    let logger: Logger
    let era = EraState()
    /// What the client said of itself in `initialize` (handshake eras).
    let handshakeClient = Mutex<HandshakeClient?>(nil)
    let tools: [Tool]
    /// The tool names as error messages list them.
    let toolNameList: String

    /// How long a client may cache `server/discover` and `tools/list` (they never change while the process lives).
    static let cacheMilliseconds: Int64 = 3_600_000

    /// The MCP requests this endpoint answers itself (and every `notifications/…`).
    static let methods = ["initialize", "ping", "server/discover", "tools/list", "tools/call", "logging/setLevel"]

    /// An endpoint offering `tools` as `identity`, passing other messages to `plain`; `logging/setLevel`
    /// sets `logger`'s level.
    package init(identity: ServerIdentity, tools: any ToolProvider, plain: any RequestHandler, logger: Logger) {
        self.identity = identity
        self.toolProvider = tools
        self.plain = plain
        self.logger = logger
        self.tools = tools.tools
        self.toolNameList = tools.tools.map(\.name).joined(separator: ", ")
    }

    /// An MCP request as this endpoint answers it (a tool call ordered as its tool says, every other
    /// MCP request independent); a plain request as the plain handler prepares it.
    package func prepare(_ request: Request) -> PreparedRequest {
        guard isMCP(request) else { return plain.prepare(request) }
        if request.isNotification {
            return PreparedRequest { [logger] _ in
                logger.debug("MCP notification", metadata: [("method", request.method)])
                return .success(.null)
            }
        }
        let tool = request.method == "tools/call" ? preparedTool(request) : nil
        let ordering = tool.flatMap { try? $0.get() }?.ordering ?? .independent
        return PreparedRequest(ordering: ordering) { [self] context in
            if Task.isCancelled { return .failure(.requestCancelled) }
            do throws(ResponseError) {
                return .success(try await answer(request, tool: tool, context: context))
            } catch {
                logger.debug("MCP request refused", metadata: [("method", request.method), ("code", Int(error.code.rawValue))])
                return .failure(error)
            }
        }
    }

    /// The result of the MCP request `request`; `tool` is the tool a `tools/call` names, as prepared.
    private func answer(
        _ request: Request, tool: Result<PreparedToolCall, ResponseError>?, context: RequestContext
    ) async throws(ResponseError) -> JSONValue {
        switch request.method {
        case "initialize": return try initialize(request)
        case "server/discover": return try discover(request)
        case "ping": return try ping(request)
        case "logging/setLevel": return try setLevel(request)
        case "tools/list": return try listTools(request)
        case "tools/call": return try await callTool(request, tool: tool ?? preparedTool(request), context: context)
        default:
            _ = try session(for: request)
            throw .methodNotFound(request.method)
        }
    }
}
