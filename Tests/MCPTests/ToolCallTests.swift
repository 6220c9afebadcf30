import JSONCore
import JSONRPC
import MCP
import Testing

@Suite("MCP tools/call")
struct ToolCallTests {
    @Test("a tool's failure is a result with isError, not a JSON-RPC error")
    func failureIsResult() async throws {
        let session = Session()
        _ = try await session.reply(Line.initialize())
        let reply = try await session.reply(Line.plain(id: "2", "tools/call", params: #"{"name":"fail","arguments":{}}"#))
        #expect(try reply == json(#"""
        {"jsonrpc":"2.0","id":2,"result":{"content":[{"type":"text","text":"Invalid arguments:\n- x: expected a number"}],
         "structuredContent":{"fieldErrors":[{"field":"x"}]},"isError":true}}
        """#))
    }

    @Test("unknown tools and malformed calls are JSON-RPC errors", arguments: [
        (#"{"name":"nope"}"#, #"{"code":-32602,"message":"Unknown tool \"nope\": the tools are echo, fail, steps.","data":{"tools":["echo","fail","steps"]}}"#),
        (#"{"arguments":{}}"#, #"{"code":-32602,"message":"Invalid params for tools/call: `name` must be the name of a tool, one of echo, fail, steps."}"#),
        (#"{"name":"echo","arguments":[1]}"#, #"{"code":-32602,"message":"Invalid params for tools/call: `arguments` must be an object, got an array."}"#),
    ])
    func protocolErrors(params: String, error: String) async throws {
        let session = Session()
        _ = try await session.reply(Line.initialize())
        let reply = try await session.reply(Line.plain(id: "2", "tools/call", params: params))
        #expect(try reply == json(#"{"jsonrpc":"2.0","id":2,"error":\#(error)}"#))
    }

    @Test("with a progress token, progress notifications come before the result; without one, none", arguments: [true, false])
    func progress(modern: Bool) async throws {
        let session = Session()
        if !modern { _ = try await session.reply(Line.initialize()) }
        let meta = #"{"progressToken":"tok","io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}"#
        let line = modern
            ? Line.modern(id: "2", "tools/call", params: #""name":"steps""#, meta: meta)
            : Line.plain(id: "2", "tools/call", params: #"{"name":"steps","_meta":{"progressToken":"tok"}}"#)
        let lines = await session.send(line)
        #expect(Array(lines.prefix(3)) == (1...3).map { #"{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":"tok","progress":\#($0),"message":"step \#($0)"}}"# })
        #expect(lines.count == 4)
        #expect(try json(lines[3])["result"]?["structuredContent"] == ["steps": 3])
        let quiet = await session.send(modern ? Line.modern(id: "3", "tools/call", params: #""name":"steps""#) : Line.plain(id: "3", "tools/call", params: #"{"name":"steps"}"#))
        #expect(quiet.count == 1)
    }

    @Test("a cursor is refused: every tool is on the first page")
    func cursor() async throws {
        let session = Session()
        _ = try await session.reply(Line.initialize())
        let reply = try await session.reply(Line.plain(id: "2", "tools/list", params: #"{"cursor":"abc"}"#))
        #expect(try reply == json(#"""
        {"jsonrpc":"2.0","id":2,"error":{"code":-32602,"message":"Invalid params for tools/list: `cursor` \"abc\" was never handed out: every tool is on the first page."}}
        """#))
    }

    @Test("tool names follow MCP's rules", arguments: [
        ("get_organization", true), ("a.b-c_D9", true), (String(repeating: "x", count: 128), true),
        ("", false), ("has space", false), ("slash/name", false), ("é", false), (String(repeating: "x", count: 129), false),
    ])
    func toolNames(name: String, valid: Bool) {
        #expect(Tool.isValidName(name) == valid)
    }
}

@Suite("MCP ordering and unlisted tools")
struct ToolOrderingTests {
    @Test("a tool call is ordered as its tool says, other MCP requests are independent, plain ones as the plain handler says")
    func ordering() throws {
        let endpoint = Session().endpoint
        func request(_ line: String) throws -> Request {
            guard case .single(.request(let request)) = IncomingMessage(line: Array(line.utf8), maxBatch: 10) else { throw SessionError(description: line) }
            return request
        }
        #expect(endpoint.ordering(of: try request(Line.plain(id: "1", "tools/call", params: #"{"name":"echo","arguments":{"key":"k"}}"#))) == .writes("k"))
        #expect(endpoint.ordering(of: try request(Line.plain(id: "2", "tools/call", params: #"{"name":"echo"}"#))) == .independent)
        #expect(endpoint.ordering(of: try request(Line.plain(id: "3", "tools/list"))) == .independent)
        #expect(endpoint.ordering(of: try request(Line.plain(id: "4", "add", params: #"{"a":1}"#))) == .reads("sum"))
    }

    @Test("a tool that is not listed can still be called")
    func hiddenTool() async throws {
        let session = Session()
        _ = try await session.reply(Line.initialize())
        let list = try await session.reply(Line.plain(id: "2", "tools/list"))
        #expect(list["result"]?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["echo", "fail", "steps"])
        let reply = try await session.reply(Line.plain(id: "3", "tools/call", params: #"{"name":"hidden"}"#))
        #expect(reply["result"]?["content"]?.arrayValue?.first?["text"] == "hidden")
    }
}
