import JSONCore
import JSONRPC
@testable import MCP
import Testing

@Suite("MCP and plain JSON-RPC on one connection")
struct SessionRulesTests {
    @Test("before any MCP message the connection is plain JSON-RPC: batches and null ids work as before")
    func plainUntouched() async throws {
        let session = Session()
        #expect(await session.send(#"[{"jsonrpc":"2.0","id":1,"method":"add","params":{"a":1,"b":2}},{"jsonrpc":"2.0","id":2,"method":"add","params":{"a":3}}]"#)
            == [#"[{"jsonrpc":"2.0","id":1,"result":3},{"jsonrpc":"2.0","id":2,"result":3}]"#])
        #expect(await session.send(#"{"jsonrpc":"2.0","id":null,"method":"add","params":{"a":5,"b":5}}"#) == [#"{"jsonrpc":"2.0","id":null,"result":10}"#])
        #expect(session.endpoint.era.current == .undecided)
    }

    @Test("an MCP request before any session says how to open one")
    func noSession() async throws {
        let session = Session()
        let reply = try await session.reply(Line.plain(id: "1", "tools/list"))
        #expect(try reply == json(#"""
        {"jsonrpc":"2.0","id":1,"error":{"code":-32602,"message":"Invalid params: tools/list needs an MCP session: send `initialize` first (protocol 2024-11-05 to 2025-11-25), or carry `io.modelcontextprotocol/protocolVersion` and `io.modelcontextprotocol/clientCapabilities` in params._meta (2026-07-28)."}}
        """#))
        #expect(try await session.reply(Line.plain(id: "2", "ping")) == json(#"{"jsonrpc":"2.0","id":2,"result":{}}"#))
        #expect(session.endpoint.era.current == .undecided)
    }

    @Test("once an MCP session is open, batches and null ids are refused as a whole; plain methods still answer", arguments: [true, false])
    func mcpRules(modern: Bool) async throws {
        let session = Session()
        _ = try await session.reply(modern ? Line.modern(id: "1", "server/discover") : Line.initialize())
        let batch = #"[{"jsonrpc":"2.0","id":2,"method":"add","params":{"a":1,"b":2}}]"#
        #expect(await session.send(batch) == [#"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request: MCP does not allow batches; send each message on a line of its own"}}"#])
        #expect(await session.send(#"{"jsonrpc":"2.0","id":null,"method":"add","params":{"a":1,"b":2}}"#)
            == [#"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request: MCP does not allow a null id; use a string or an integer"}}"#])
        #expect(await session.send(#"{"jsonrpc":"2.0","id":"s","method":"add","params":{"a":1,"b":2}}"#) == [#"{"jsonrpc":"2.0","id":"s","result":3}"#])
    }

    @Test("MCP messages are never batched nor given a null id, even before a session")
    func mcpFormsBeforeSession() async throws {
        let session = Session()
        #expect(await session.send("[" + Line.initialize() + "]")
            == [#"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request: MCP does not allow batches; send each message on a line of its own"}}"#])
        #expect(await session.send(Line.initialize(id: "null"))
            == [#"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request: MCP does not allow a null id; use a string or an integer"}}"#])
        #expect(session.endpoint.era.current == .undecided)
    }

    @Test("notifications/cancelled cancels without an answer; one naming no valid id is ignored")
    func cancellation() async throws {
        let session = Session()
        _ = try await session.reply(Line.initialize())
        #expect(await session.send(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":7,"reason":"user"}}"#) == ["cancel 7 answered=false"])
        #expect(await session.send(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"x"}}"#) == [#"cancel "x" answered=false"#])
        #expect(await session.send(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":null}}"#) == [])
        #expect(await session.send(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{}}"#) == [])
    }
}
