import JSONCore
import JSONRPC

extension MCPEndpoint {
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
