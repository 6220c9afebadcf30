import JSONCore
import JSONRPC
import Log
import MCP
import Synchronization

/// A tool provider for tests: `echo` returns its arguments; `fail` fails with a field error; `steps`
/// reports three progress steps, then succeeds; `hidden` is callable but not listed; calls of
/// `echo` are ordered on `arguments.key` when given.
struct TestTools: ToolProvider {
    var tools: [Tool] {
        [
            Tool(
                name: "echo", title: "Echo", description: "Returns its arguments.",
                inputSchema: ["type": "object"], outputSchema: ["type": "object"], annotations: ToolAnnotations(readOnly: true)
            ),
            Tool(
                name: "fail", title: "Fail", description: "Always fails.", inputSchema: ["type": "object"], outputSchema: nil,
                annotations: ToolAnnotations(destructive: true, idempotent: true)
            ),
            Tool(name: "steps", title: "Steps", description: "Reports progress.", inputSchema: ["type": "object"], outputSchema: nil, annotations: ToolAnnotations()),
        ]
    }

    func prepare(_ name: String, arguments: JSONObject) -> PreparedToolCall? {
        guard ["hidden", "fail", "steps", "echo"].contains(name) else { return nil }
        var ordering = RequestOrdering.independent
        if name == "echo", let key = arguments["key"]?.stringValue { ordering = .writes(key) }
        return PreparedToolCall(ordering: ordering) { context in run(name, arguments: arguments, context: context) }
    }

    func run(_ name: String, arguments: JSONObject, context: ToolCallContext) -> ToolCallOutcome {
        switch name {
        case "hidden":
            return .complete(ToolResult(text: "hidden", structuredContent: [:], isError: false))
        case "fail":
            return .complete(ToolResult(text: "Invalid arguments:\n- x: expected a number", structuredContent: ["fieldErrors": [["field": "x"]]], isError: true))
        case "steps":
            for step in 1...3 { context.progress?.report(step, message: "step \(step)") }
            return .complete(ToolResult(text: "done", structuredContent: ["steps": 3], isError: false))
        case "echo":
            return .complete(ToolResult(text: "echo", structuredContent: .object(arguments), isError: false))
        default:
            preconditionFailure("no tool \(name)")
        }
    }
}

/// The plain JSON-RPC side for tests: `add` sums `params.a` and `params.b`.
struct PlainMethods: RequestHandler {
    func prepare(_ request: Request) -> PreparedRequest {
        guard request.method == "add" else { return PreparedRequest { _ in .failure(.methodNotFound(request.method)) } }
        let a = request.params?["a"]?.numberValue?.int64Value ?? 0, b = request.params?["b"]?.numberValue?.int64Value ?? 0
        return PreparedRequest(ordering: .reads("sum")) { _ in .success(.integer(a + b)) }
    }
}

/// One connection to an `MCPEndpoint`, driven a line at a time as the server does: each line is
/// admitted, then handled; what would be written to the client is returned, notifications first.
final class Session: Sendable {
    static let identity = ServerIdentity(name: "test-server", title: "Test server", version: "9.8.7", instructions: "Use echo.")
    let endpoint: MCPEndpoint
    let logger = Logger(level: .warning, handler: DiscardingLogHandler())
    private let notifications = Mutex<[String]>([])

    init() {
        endpoint = MCPEndpoint(identity: Self.identity, tools: TestTools(), plain: PlainMethods(), logger: logger)
    }

    /// The lines written for `line`: notifications, then the response (none for a notification or
    /// a cancellation). A cancellation comes back as `cancel <id> answered=<bool>`.
    func send(_ line: String) async -> [String] {
        let message = IncomingMessage(line: Array(line.utf8), maxBatch: 100)
        switch endpoint.admit(message) {
        case .refuse(let error):
            return [Response(id: .null, outcome: .failure(error)).json.jsonText]
        case .cancel(let id, let answered):
            return ["cancel \(id) answered=\(answered)"]
        case .serve:
            break
        }
        var output: [String] = []
        switch message {
        case .rejected(let error):
            output.append(Response(id: .null, outcome: .failure(error)).json.jsonText)
        case .single(let entry), .response(_, _, let entry):
            output += await answer(entry).map { [$0.jsonText] } ?? []
        case .batch(let entries):
            var responses: [JSONValue] = []
            for entry in entries { if let response = await answer(entry) { responses.append(response) } }
            if !responses.isEmpty { output.append(JSONValue.array(responses).jsonText) }
        }
        return notifications.withLock { sent in
            defer { sent = [] }
            return sent
        } + output
    }

    /// Sends `line` and returns the only line written back, parsed.
    func reply(_ line: String) async throws -> JSONValue {
        let lines = await send(line)
        guard lines.count == 1 else { throw SessionError(description: "expected one line, got \(lines)") }
        return try JSONParser.parse(lines[0])
    }

    private func answer(_ entry: IncomingMessage.Entry) async -> JSONValue? {
        switch entry {
        case .invalid(let id, let error):
            return Response(id: id, outcome: .failure(error)).json
        case .ignored:
            return nil
        case .request(let request):
            let context = RequestContext(id: request.id) { [self] notification in
                notifications.withLock { $0.append(notification.json.jsonText) }
            }
            let outcome = await endpoint.handle(request, context: context)
            return request.id.map { Response(id: $0, outcome: outcome).json }
        }
    }
}

struct SessionError: Error, CustomStringConvertible {
    let description: String
}

/// Builds request lines.
enum Line {
    static let modernMeta = #"{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}"#

    /// An `initialize` request at `version`.
    static func initialize(id: String = "1", version: String = "2025-11-25") -> String {
        #"{"jsonrpc":"2.0","id":\#(id),"method":"initialize","params":{"protocolVersion":"\#(version)","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#
    }

    /// A request with the modern envelope merged into `params`.
    static func modern(id: String, _ method: String, params: String = "", meta: String = modernMeta) -> String {
        let extra = params.isEmpty ? "" : params + ","
        return #"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":{\#(extra)"_meta":\#(meta)}}"#
    }

    /// A request without the envelope.
    static func plain(id: String, _ method: String, params: String? = nil) -> String {
        #"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)""# + (params.map { #","params":\#($0)"# } ?? "") + "}"
    }
}
