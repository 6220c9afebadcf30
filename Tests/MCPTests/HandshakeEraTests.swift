import JSONCore
import JSONRPC
@testable import MCP
import Testing

@Suite("MCP, handshake era (2025-11-25 and earlier)")
struct HandshakeEraTests {
    static let serverInfo = #"{"name":"test-server","title":"Test server","version":"9.8.7"}"#

    @Test("initialize echoes a version we speak, and answers our newest for any other", arguments: [
        ("2025-11-25", "2025-11-25"), ("2025-06-18", "2025-06-18"), ("2025-03-26", "2025-03-26"), ("2024-11-05", "2024-11-05"),
        ("2024-01-01", "2025-11-25"), ("2026-07-28", "2025-11-25"),
    ])
    func negotiation(requested: String, answered: String) async throws {
        let session = Session()
        let reply = try await session.reply(Line.initialize(version: requested))
        #expect(try reply == json(#"""
        {"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"\#(answered)","capabilities":{"tools":{"listChanged":false},"logging":{}},
         "serverInfo":\#(Self.serverInfo),"instructions":"Use echo."}}
        """#))
        #expect(session.endpoint.era.current == .handshake(version: answered, openedBy: .number(JSONNumber(integer: 1))))
    }

    @Test("after initialize: notifications/initialized is silent, ping, tools/list and tools/call answer without _meta")
    func session() async throws {
        let session = Session()
        _ = try await session.reply(Line.initialize())
        #expect(await session.send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#) == [])
        #expect(try await session.reply(Line.plain(id: "2", "ping")) == json(#"{"jsonrpc":"2.0","id":2,"result":{}}"#))
        let list = try await session.reply(Line.plain(id: "3", "tools/list"))
        #expect(list["result"]?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["echo", "fail", "steps"])
        #expect(list["result"]?["resultType"] == nil)
        #expect(list["result"]?["ttlMs"] == nil)
        #expect(try list["result"]?["tools"]?.arrayValue?.first == json(#"""
        {"name":"echo","title":"Echo","description":"Returns its arguments.","inputSchema":{"type":"object"},"outputSchema":{"type":"object"},
         "annotations":{"title":"Echo","readOnlyHint":true}}
        """#))
        let call = try await session.reply(Line.plain(id: "4", "tools/call", params: #"{"name":"echo","arguments":{"a":[1,2]}}"#))
        #expect(try call == json(#"""
        {"jsonrpc":"2.0","id":4,"result":{"content":[{"type":"text","text":"echo"}],"structuredContent":{"a":[1,2]},"isError":false}}
        """#))
    }

    @Test("a second initialize is refused; an invalid one opens nothing and says what is wrong")
    func initializeRules() async throws {
        let session = Session()
        let invalid = try await session.reply(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":[]}}"#)
        #expect(try invalid == json(#"""
        {"jsonrpc":"2.0","id":1,"error":{"code":-32602,"message":"Invalid params for initialize: `protocolVersion` must be a string such as \"2025-11-25\"; `capabilities` must be an object."}}
        """#))
        #expect(session.endpoint.era.current == .undecided)
        _ = try await session.reply(Line.initialize(id: "2"))
        let again = try await session.reply(Line.initialize(id: "3", version: "2025-06-18"))
        #expect(try again == json(#"{"jsonrpc":"2.0","id":3,"error":{"code":-32600,"message":"Invalid Request: initialize was already received; this connection speaks MCP 2025-11-25"}}"#))
    }

    @Test("requests in the modern form are refused on a handshake connection")
    func modernFormRefused() async throws {
        let session = Session()
        _ = try await session.reply(Line.initialize())
        for method in ["server/discover", "tools/list"] {
            let reply = try await session.reply(Line.modern(id: "2", method))
            #expect(reply["error"]?["code"] == -32600)
            #expect(reply["error"]?["message"]?.stringValue?.hasPrefix("Invalid Request: this connection opened with initialize and speaks MCP 2025-11-25") == true)
        }
    }

    @Test("logging/setLevel moves the logger's level; MCP levels fold onto ours", arguments: [
        ("debug", LogLevelName.debug), ("info", .info), ("notice", .info), ("warning", .warning), ("error", .error), ("emergency", .error),
    ])
    func setLevel(level: String, expected: LogLevelName) async throws {
        let session = Session()
        _ = try await session.reply(Line.initialize())
        let reply = try await session.reply(Line.plain(id: "2", "logging/setLevel", params: #"{"level":"\#(level)"}"#))
        #expect(try reply == json(#"{"jsonrpc":"2.0","id":2,"result":{}}"#))
        #expect(session.logger.level.name == expected.rawValue)
    }

    @Test("logging/setLevel refuses a level MCP does not name")
    func setLevelInvalid() async throws {
        let session = Session()
        _ = try await session.reply(Line.initialize())
        let reply = try await session.reply(Line.plain(id: "2", "logging/setLevel", params: #"{"level":"trace"}"#))
        #expect(try reply == json(#"""
        {"jsonrpc":"2.0","id":2,"error":{"code":-32602,"message":"Invalid params for logging/setLevel: `level` must be one of debug, info, notice, warning, error, critical, alert, emergency."}}
        """#))
    }
}

/// Our level names, for test arguments.
enum LogLevelName: String, Sendable {
    case debug, info, warning, error
}

func json(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }
