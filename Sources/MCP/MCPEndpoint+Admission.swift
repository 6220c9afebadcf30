import JSONCore
import JSONRPC

// Admission, in input order on the reading thread, and the era it opens.
extension MCPEndpoint {
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

    /// Whether `request` is MCP's: one of its methods, a notification, or a request in the modern envelope.
    func isMCP(_ request: Request) -> Bool {
        Self.methods.contains(request.method) || request.method.hasPrefix("notifications/")
            || RequestMeta(params: request.params).claimsModernEra
    }

    /// Opens the era a valid opening request asks for; an invalid one opens nothing.
    private func openEra(for request: Request) {
        guard era.current == .undecided, let id = request.id else { return }
        let opened: Era
        let version: String
        if request.method == "initialize" {
            guard let requested = try? Self.initializeVersion(request.params) else { return }
            version = ProtocolRevision.negotiated(requested)
            opened = .handshake(version: version, openedBy: id)
        } else {
            guard let requested = try? RequestMeta(params: request.params).modernVersion(supported: ProtocolRevision.modern) else { return }
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
}
