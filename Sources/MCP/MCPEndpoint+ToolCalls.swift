import JSONCore
import JSONRPC

extension MCPEndpoint {
    /// The tool a `tools/call` names, prepared with its arguments, or why the call is invalid.
    func preparedTool(_ request: Request) -> Result<PreparedToolCall, ResponseError> {
        Result { () throws(ResponseError) in
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
            guard let prepared = toolProvider.prepare(name, arguments: arguments) else {
                throw ResponseError(
                    code: .invalidParams,
                    message: "Unknown tool \(JSONValue.string(name).jsonText): the tools are \(toolNameList).",
                    data: ["tools": .array(tools.map { .string($0.name) })]
                )
            }
            return prepared
        }
    }

    /// `tools/call`: runs the prepared tool in this connection's era, or answers why it cannot.
    func callTool(
        _ request: Request, tool: Result<PreparedToolCall, ResponseError>, context: RequestContext
    ) async throws(ResponseError) -> JSONValue {
        let served = try session(for: request)
        let prepared = try tool.get()
        let meta = RequestMeta(params: request.params)
        let params = request.params?.objectValue ?? JSONObject()
        let progress = meta.progressToken.map { ProgressReporter(token: $0, context: context) }
        let callContext = ToolCallContext(
            requestID: request.id, progress: progress, via: via(meta), elicitation: elicitation(served, meta: meta, params: params, context: context)
        )
        let outcome = await prepared.run(callContext)
        if Task.isCancelled { throw .requestCancelled }
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

    /// Who is calling, as the audit log records it.
    func via(_ meta: RequestMeta) -> JSONValue {
        var object = JSONObject()
        object["protocol"] = "mcp"
        let info: JSONObject?
        let version: String
        switch era.current {
        case .handshake(let negotiated, _):
            info = handshakeClient.withLock { $0?.info }
            version = negotiated
        case .modern, .undecided:
            info = meta.clientInfo
            version = ProtocolRevision.modern[0]
        }
        object["client"] = info?["name"] ?? .null
        object["clientVersion"] = info?["version"] ?? .null
        object["era"] = .string(version)
        return .object(object)
    }

    /// How the tool can ask the person, as the client declared and as its era allows.
    func elicitation(_ served: Served, meta: RequestMeta, params: JSONObject, context: RequestContext) -> Elicitation {
        switch (served, era.current) {
        case (.modern, _):
            guard HandshakeClient.canElicitForm(meta.clientCapabilities) else {
                return .unavailable("the client did not declare form elicitation in this request's capabilities")
            }
            let answers = params["inputResponses"]?.objectValue.map { responses in
                Dictionary(responses.members.map { ($0.key, ElicitationAnswer(json: $0.value)) }, uniquingKeysWith: { first, _ in first })
            }
            return .roundTrip(answers: answers, requestState: params["requestState"]?.stringValue)
        case (.handshake, .handshake(let version, _)):
            guard ProtocolRevision.hasElicitation(version) else {
                return .unavailable("MCP \(version) has no elicitation; it came in 2025-06-18")
            }
            guard handshakeClient.withLock({ $0?.canElicitForm ?? false }) else {
                return .unavailable("the client did not declare form elicitation in initialize")
            }
            let namingMode = version >= "2025-11-25"
            let logger = logger
            return .ask { question in
                let (id, outcome) = await context.ask("elicitation/create", params: .object(question.params(namingMode: namingMode)))
                switch outcome {
                case .success(let value):
                    return ElicitationAnswer(json: value)
                case .failure(let error):
                    if error.code == .requestCancelled, let id {
                        context.notify("notifications/cancelled", params: ["requestId": id.json, "reason": "The tool call that asked was cancelled."])
                    }
                    logger.debug("elicitation not answered", metadata: [("code", Int(error.code.rawValue)), ("message", error.message)])
                    return error == PeerRequests.sessionEnded ? .sessionEnded : .failed(error.message)
                }
            }
        default:
            return .unavailable("no MCP session is open")
        }
    }
}
