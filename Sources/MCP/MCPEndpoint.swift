import Diagnostics
import JSONCore
import JSONRPC
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
package final class MCPEndpoint: RequestHandler {
    private let identity: ServerIdentity
    private let toolProvider: any ToolProvider
    private let plain: any RequestHandler
    let logger: Logger
    let era = EraState()
    /// What the client said of itself in `initialize` (handshake eras).
    let handshakeClient = Mutex<HandshakeClient?>(nil)
    private let tools: [Tool]
    /// The tool names as error messages list them.
    private let toolNameList: String

    /// The answer to a request cancelled before it is done.
    static let cancelled = ResponseError(code: .requestCancelled, message: "Request cancelled.")

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

    // MARK: - Admission, in input order

    /// Opens the era, refuses what MCP forbids in a session, and turns `notifications/cancelled`
    /// into a silent cancellation; everything else is the plain handler's to admit.
    package func admit(_ message: IncomingMessage) -> Admission {
        switch message {
        case .rejected, .response:
            return .serve
        case .batch(let entries):
            let mcp = entries.contains { entry in
                if case .request(let request) = entry { return isMCP(request) }
                return false
            }
            if mcp || era.current.isMCP {
                return .refuse(.invalidRequest("MCP does not allow batches; send each message on a line of its own"))
            }
            return plain.admit(message)
        case .single(.request(let request)):
            if request.method == "notifications/cancelled", request.isNotification {
                guard let id = request.params?["requestId"].flatMap(RequestID.init(json:)), id != .null else { return .serve }
                return .cancel(id, answered: false)
            }
            let mcp = isMCP(request)
            guard mcp || era.current.isMCP else { return plain.admit(message) }
            if request.id == .null {
                return .refuse(.invalidRequest("MCP does not allow a null id; use a string or an integer"))
            }
            guard mcp else { return plain.admit(message) }
            openEra(for: request)
            return .serve
        case .single:
            return plain.admit(message)
        }
    }

    /// A tool call is ordered as its tool says; every other MCP request is independent, and a
    /// plain request is ordered as the plain handler says.
    package func ordering(of request: Request) -> RequestOrdering {
        guard isMCP(request) else { return plain.ordering(of: request) }
        guard request.method == "tools/call", let name = request.params?["name"]?.stringValue else { return .independent }
        return toolProvider.ordering(ofTool: name, arguments: request.params?["arguments"]?.objectValue ?? JSONObject())
    }

    private func isMCP(_ request: Request) -> Bool {
        Self.methods.contains(request.method) || request.method.hasPrefix("notifications/")
            || RequestMeta(params: request.params).claimsModernEra
    }

    /// Opens the era a valid opening request asks for; an invalid one opens nothing.
    private func openEra(for request: Request) {
        guard era.current == .undecided, let id = request.id else { return }
        let opened: Era
        let version: String
        if request.method == "initialize" {
            guard case .success(let requested) = Self.initializeVersion(request.params) else { return }
            version = ProtocolRevision.negotiated(requested)
            opened = .handshake(version: version, openedBy: id)
        } else {
            guard case .success(let requested) = RequestMeta(params: request.params).modernVersion(supported: ProtocolRevision.modern) else { return }
            version = requested
            opened = .modern
        }
        if request.method == "initialize" {
            handshakeClient.withLock { $0 = HandshakeClient(params: request.params) }
        }
        if era.open(opened) {
            logger.info("MCP session opened", metadata: [
                ("era", opened == .modern ? "modern" : "handshake"), ("version", version), ("by", request.method),
            ])
        }
    }

    // MARK: - Answers

    /// Answers an MCP request, or passes a plain one on.
    package func handle(_ request: Request, context: RequestContext) async -> Result<JSONValue, ResponseError> {
        guard isMCP(request) else { return await plain.handle(request, context: context) }
        if request.isNotification {
            logger.debug("MCP notification", metadata: [("method", request.method)])
            return .success(.null)
        }
        if Task.isCancelled { return .failure(Self.cancelled) }
        let outcome: Result<JSONValue, ResponseError>
        switch request.method {
        case "initialize": outcome = Result { () throws(ResponseError) in try initialize(request) }
        case "server/discover": outcome = discover(request)
        case "ping": outcome = ping(request)
        case "logging/setLevel": outcome = setLevel(request)
        case "tools/list": outcome = listTools(request)
        case "tools/call":
            do throws(ResponseError) {
                outcome = .success(try await callTool(request, context: context))
            } catch {
                outcome = .failure(error)
            }
        default:
            outcome = session(for: request).flatMap { _ in .failure(.methodNotFound(request.method)) }
        }
        if case .failure(let error) = outcome {
            logger.debug("MCP request refused", metadata: [("method", request.method), ("code", Int(error.code.rawValue))])
        }
        return outcome
    }

    /// How a request is served in this connection's era, checked against the request's envelope.
    private func session(for request: Request) -> Result<Served, ResponseError> {
        let meta = RequestMeta(params: request.params)
        switch era.current {
        case .modern:
            return meta.modernVersion(supported: ProtocolRevision.modern).map { _ in .modern }
        case .handshake(let version, _):
            return meta.claimsModernEra ? .failure(ResponseError.handshakeConnection(version: version)) : .success(.handshake)
        case .undecided:
            guard meta.claimsModernEra else { return .failure(ResponseError.noSession(request.method)) }
            return meta.modernVersion(supported: ProtocolRevision.modern).map { _ in .modern }
        }
    }

    /// How a request is served.
    enum Served {
        case handshake, modern
    }

    /// A result for `served`: modern results say they are complete and who answered, and a
    /// `cacheable` one how long it may be kept.
    private func result(_ object: JSONObject, _ served: Served, cacheable: Bool = false) -> JSONValue {
        guard served == .modern else { return .object(object) }
        var object = object
        if cacheable {
            object["ttlMs"] = .integer(Self.cacheMilliseconds)
            object["cacheScope"] = "public"
        }
        object["resultType"] = "complete"
        var meta = object["_meta"]?.objectValue ?? JSONObject()
        meta[RequestMeta.serverInfoKey] = identity.implementation
        object["_meta"] = .object(meta)
        return .object(object)
    }

    private var capabilities: JSONObject {
        var object = JSONObject()
        object["tools"] = ["listChanged": false]
        return object
    }

    private func initialize(_ request: Request) throws(ResponseError) -> JSONValue {
        let requested = try Self.initializeVersion(request.params).get()
        switch era.current {
        case .handshake(let version, let openedBy) where openedBy == request.id:
            var capabilities = capabilities
            capabilities["logging"] = .object(JSONObject())
            var object = JSONObject()
            object["protocolVersion"] = .string(version)
            object["capabilities"] = .object(capabilities)
            object["serverInfo"] = identity.implementation
            object["instructions"] = .string(identity.instructions)
            return .object(object)
        case .handshake(let version, _):
            throw .invalidRequest("initialize was already received; this connection speaks MCP \(version)")
        case .modern:
            throw ResponseError.unsupportedProtocolVersion(requested: requested, supported: ProtocolRevision.modern)
        case .undecided:
            throw .invalidRequest("initialize did not open a session; send it again with a string or integer id")
        }
    }

    /// The `protocolVersion` of an `initialize`, once its params are checked.
    private static func initializeVersion(_ params: JSONValue?) -> Result<String, ResponseError> {
        guard let object = params?.objectValue else {
            return .failure(ResponseError.invalidParams("initialize", ["params must be an object with protocolVersion, capabilities and clientInfo"]))
        }
        var problems: [String] = []
        let version = object["protocolVersion"]?.stringValue
        if version == nil { problems.append("`protocolVersion` must be a string such as \"\(ProtocolRevision.handshake[0])\"") }
        if object["capabilities"]?.objectValue == nil { problems.append("`capabilities` must be an object") }
        if let info = object["clientInfo"], info.objectValue == nil { problems.append("`clientInfo` must be an object") }
        guard problems.isEmpty, let version else { return .failure(ResponseError.invalidParams("initialize", problems)) }
        return .success(version)
    }

    private func discover(_ request: Request) -> Result<JSONValue, ResponseError> {
        if case .handshake(let version, _) = era.current { return .failure(ResponseError.handshakeConnection(version: version)) }
        return RequestMeta(params: request.params).modernVersion(supported: ProtocolRevision.modern).map { _ in
            var object = JSONObject()
            object["supportedVersions"] = .array(ProtocolRevision.modern.map(JSONValue.string))
            object["capabilities"] = .object(capabilities)
            object["instructions"] = .string(identity.instructions)
            return result(object, .modern, cacheable: true)
        }
    }

    private func ping(_ request: Request) -> Result<JSONValue, ResponseError> {
        switch era.current {
        case .modern: return .failure(ResponseError.removedInModernEra(request.method))
        case .handshake, .undecided: return .success(.object(JSONObject()))
        }
    }

    private func setLevel(_ request: Request) -> Result<JSONValue, ResponseError> {
        if era.current == .modern { return .failure(ResponseError.removedInModernEra(request.method)) }
        return session(for: request).flatMap { served in
            let names = LoggingLevel.allCases.map(\.rawValue)
            guard let name = request.params?["level"]?.stringValue, let level = LoggingLevel(rawValue: name) else {
                return .failure(ResponseError.invalidParams(request.method, ["`level` must be one of \(names.joined(separator: ", "))"]))
            }
            logger.level = level.logLevel
            logger.info("log level set by the MCP client", metadata: [("level", level.logLevel.name)])
            return .success(result(JSONObject(), served))
        }
    }

    private func listTools(_ request: Request) -> Result<JSONValue, ResponseError> {
        session(for: request).flatMap { served in
            if let cursor = request.params?["cursor"], cursor != .null {
                return .failure(ResponseError.invalidParams(request.method, ["`cursor` \(cursor.jsonText) was never handed out: every tool is on the first page"]))
            }
            var object = JSONObject()
            object["tools"] = .array(tools.map(\.json))
            return .success(result(object, served, cacheable: true))
        }
    }

    private func callTool(_ request: Request, context: RequestContext) async throws(ResponseError) -> JSONValue {
        let served = try session(for: request).get()
        guard let params = request.params?.objectValue, let name = params["name"]?.stringValue else {
            throw ResponseError.invalidParams(request.method, ["`name` must be the name of a tool, one of \(toolNameList)"])
        }
        let arguments: JSONObject
        switch params["arguments"] {
        case nil, .null?: arguments = JSONObject()
        case .object(let object)?: arguments = object
        case let other?:
            throw ResponseError.invalidParams(request.method, ["`arguments` must be an object, got \(other.kindDescription)"])
        }
        let meta = RequestMeta(params: request.params)
        let progress = meta.progressToken.map { ProgressReporter(token: $0, context: context) }
        let callContext = ToolCallContext(
            requestID: request.id, progress: progress, via: via(meta), elicitation: elicitation(served, meta: meta, params: params, context: context)
        )
        guard let outcome = await toolProvider.call(name, arguments: arguments, context: callContext) else {
            throw ResponseError(
                code: .invalidParams,
                message: "Unknown tool \(JSONValue.string(name).jsonText): the tools are \(toolNameList).",
                data: ["tools": .array(tools.map { .string($0.name) })]
            )
        }
        if Task.isCancelled { throw Self.cancelled }
        switch outcome {
        case .complete(let toolResult):
            return result(toolResult.json, served)
        case .inputRequired(let questions, let state):
            var requests = JSONObject()
            for (key, question) in questions {
                requests[key] = ["method": "elicitation/create", "params": .object(question.params(namingMode: true))]
            }
            var object = JSONObject()
            object["resultType"] = "input_required"
            object["inputRequests"] = .object(requests)
            object["requestState"] = .string(state)
            object["_meta"] = .object(JSONObject([.init(key: RequestMeta.serverInfoKey, value: identity.implementation)]))
            return .object(object)
        }
    }
}
