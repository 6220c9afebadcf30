import JSONCore
import JSONRPC

// The MCP methods other than tools/call, and how a request is served in this connection's era.
extension MCPEndpoint {
    /// How a request is served.
    enum Served {
        case handshake, modern
    }

    /// How a request is served in this connection's era, checked against the request's envelope.
    func session(for request: Request) throws(ResponseError) -> Served {
        let meta = RequestMeta(params: request.params)
        switch era.current {
        case .modern:
            _ = try meta.modernVersion(supported: ProtocolRevision.modern)
            return .modern
        case .handshake(let version, _):
            if meta.claimsModernEra { throw ResponseError.handshakeConnection(version: version) }
            return .handshake
        case .undecided:
            guard meta.claimsModernEra else { throw ResponseError.noSession(request.method) }
            _ = try meta.modernVersion(supported: ProtocolRevision.modern)
            return .modern
        }
    }

    /// A result for `served`: modern results say they are complete and who answered, and a
    /// `cacheable` one how long it may be kept.
    func result(_ object: JSONObject, _ served: Served, cacheable: Bool = false) -> JSONValue {
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

    /// `initialize`: answered for the request that opened the handshake era, refused otherwise.
    func initialize(_ request: Request) throws(ResponseError) -> JSONValue {
        let requested = try Self.initializeVersion(request.params)
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
    static func initializeVersion(_ params: JSONValue?) throws(ResponseError) -> String {
        guard let object = params?.objectValue else {
            throw ResponseError.invalidParams("initialize", ["params must be an object with protocolVersion, capabilities and clientInfo"])
        }
        var problems: [String] = []
        let version = object["protocolVersion"]?.stringValue
        if version == nil { problems.append("`protocolVersion` must be a string such as \"\(ProtocolRevision.handshake[0])\"") }
        if object["capabilities"]?.objectValue == nil { problems.append("`capabilities` must be an object") }
        if let info = object["clientInfo"], info.objectValue == nil { problems.append("`clientInfo` must be an object") }
        guard problems.isEmpty, let version else { throw ResponseError.invalidParams("initialize", problems) }
        return version
    }

    /// `server/discover` (2026-07-28): the versions, capabilities and instructions, cacheable.
    func discover(_ request: Request) throws(ResponseError) -> JSONValue {
        if case .handshake(let version, _) = era.current { throw ResponseError.handshakeConnection(version: version) }
        _ = try RequestMeta(params: request.params).modernVersion(supported: ProtocolRevision.modern)
        var object = JSONObject()
        object["supportedVersions"] = .array(ProtocolRevision.modern.map(JSONValue.string))
        object["capabilities"] = .object(capabilities)
        object["instructions"] = .string(identity.instructions)
        return result(object, .modern, cacheable: true)
    }

    /// `ping`: an empty result, in the eras that have it.
    func ping(_ request: Request) throws(ResponseError) -> JSONValue {
        switch era.current {
        case .modern: throw ResponseError.removedInModernEra(request.method)
        case .handshake, .undecided: return .object(JSONObject())
        }
    }

    /// `logging/setLevel` (handshake eras): sets the level of the log.
    func setLevel(_ request: Request) throws(ResponseError) -> JSONValue {
        if era.current == .modern { throw ResponseError.removedInModernEra(request.method) }
        let served = try session(for: request)
        let names = LoggingLevel.allCases.map(\.rawValue)
        guard let name = request.params?["level"]?.stringValue, let level = LoggingLevel(rawValue: name) else {
            throw ResponseError.invalidParams(request.method, ["`level` must be one of \(names.joined(separator: ", "))"])
        }
        logger.threshold.level = level.logLevel
        logger.info("log level set by the MCP client", metadata: [("level", level.logLevel.name)])
        return result(JSONObject(), served)
    }

    /// `tools/list`: every tool, on one page.
    func listTools(_ request: Request) throws(ResponseError) -> JSONValue {
        let served = try session(for: request)
        if let cursor = request.params?["cursor"], cursor != .null {
            throw ResponseError.invalidParams(request.method, ["`cursor` \(cursor.jsonText) was never handed out: every tool is on the first page"])
        }
        var object = JSONObject()
        object["tools"] = .array(tools.map(\.json))
        return result(object, served, cacheable: true)
    }
}
