import JSONCore
import JSONRPC
@testable import MCP
import Testing

@Suite("MCP, modern era (2026-07-28)")
struct ModernEraTests {
    static let stamp = #""_meta":{"io.modelcontextprotocol/serverInfo":{"name":"test-server","title":"Test server","version":"9.8.7"}}"#

    @Test("server/discover opens the era and says versions, capabilities, identity, instructions and cache hints")
    func discover() async throws {
        let session = Session()
        let reply = try await session.reply(Line.modern(id: #""probe""#, "server/discover"))
        #expect(try reply == json(#"""
        {"jsonrpc":"2.0","id":"probe","result":{"supportedVersions":["2026-07-28"],"capabilities":{"tools":{"listChanged":false}},
         "instructions":"Use echo.","ttlMs":3600000,"cacheScope":"public","resultType":"complete",\#(Self.stamp)}}
        """#))
        #expect(session.endpoint.era.current == .modern)
    }

    @Test("without a handshake: tools/list and tools/call carry resultType, cache hints and the server's identity")
    func toolsWithoutHandshake() async throws {
        let session = Session()
        let list = try await session.reply(Line.modern(id: "1", "tools/list"))
        #expect(session.endpoint.era.current == .modern)
        #expect(list["result"]?["resultType"] == "complete")
        #expect(list["result"]?["ttlMs"] == 3_600_000)
        #expect(list["result"]?["cacheScope"] == "public")
        #expect(list["result"]?["tools"]?.arrayValue?.count == 3)
        let call = try await session.reply(Line.modern(id: "2", "tools/call", params: #""name":"echo","arguments":{"b":true}"#))
        #expect(try call == json(#"""
        {"jsonrpc":"2.0","id":2,"result":{"content":[{"type":"text","text":"echo"}],"structuredContent":{"b":true},"isError":false,
         "resultType":"complete",\#(Self.stamp)}}
        """#))
    }

    @Test("an unsupported version is -32022 with data.supported and data.requested, and opens nothing")
    func unsupportedVersion() async throws {
        let session = Session()
        let meta = #"{"io.modelcontextprotocol/protocolVersion":"2099-01-01","io.modelcontextprotocol/clientCapabilities":{}}"#
        let reply = try await session.reply(Line.modern(id: "1", "server/discover", meta: meta))
        #expect(try reply == json(#"""
        {"jsonrpc":"2.0","id":1,"error":{"code":-32022,"message":"Unsupported protocol version \"2099-01-01\": use one of 2026-07-28.",
         "data":{"supported":["2026-07-28"],"requested":"2099-01-01"}}}
        """#))
        #expect(session.endpoint.era.current == .undecided)
    }

    @Test("an incomplete envelope is -32602 naming what is missing, and opens nothing", arguments: [
        (#"{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}"#, "params._meta lacks `io.modelcontextprotocol/clientCapabilities`"),
        (#"{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":[]}"#, nil),
    ])
    func incompleteEnvelope(meta: String, detail: String?) async throws {
        let session = Session()
        let reply = try await session.reply(Line.modern(id: "1", "server/discover", meta: meta))
        #expect(reply["error"]?["code"] == -32602)
        if let detail {
            #expect(reply["error"]?["message"]?.stringValue?.hasPrefix("Invalid params: \(detail)") == true)
        } else {
            #expect(reply["error"]?["message"] == "Invalid params: `params._meta.io.modelcontextprotocol/clientCapabilities` must be an object.")
        }
        #expect(session.endpoint.era.current == .undecided)
    }

    @Test("once modern: every MCP request needs the envelope; initialize is -32022; ping and logging/setLevel are gone")
    func modernRules() async throws {
        let session = Session()
        _ = try await session.reply(Line.modern(id: "1", "server/discover"))
        let bare = try await session.reply(Line.plain(id: "2", "tools/list"))
        #expect(bare["error"]?["code"] == -32602)
        #expect(bare["error"]?["message"]?.stringValue?.hasPrefix("Invalid params: params._meta is missing;") == true)
        let initialize = try await session.reply(Line.initialize(id: "3"))
        #expect(try initialize == json(#"""
        {"jsonrpc":"2.0","id":3,"error":{"code":-32022,"message":"Unsupported protocol version \"2025-11-25\": use one of 2026-07-28.",
         "data":{"supported":["2026-07-28"],"requested":"2025-11-25"}}}
        """#))
        #expect(try await session.reply(Line.modern(id: "4", "ping")) == json(#"""
        {"jsonrpc":"2.0","id":4,"error":{"code":-32601,"message":"Method not found: \"ping\" was removed in MCP 2026-07-28."}}
        """#))
        let setLevel = try await session.reply(Line.modern(id: "5", "logging/setLevel", params: #""level":"debug""#))
        #expect(setLevel["error"]?["code"] == -32601)
        let unknown = try await session.reply(Line.modern(id: "6", "resources/list"))
        #expect(try unknown == json(#"{"jsonrpc":"2.0","id":6,"error":{"code":-32601,"message":"Method not found: \"resources/list\""}}"#))
        #expect(session.endpoint.era.current == .modern)
    }
}
