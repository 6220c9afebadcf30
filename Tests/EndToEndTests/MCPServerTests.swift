import JSONCore
import Testing

/// webnic-rpc as an MCP server, spoken to line by line as an agent host would; the official SDK's
/// view of the same is `Tests/contract/test_mcp_sdk.py`.
extension EndToEndTests {
    @Suite("MCP server, end to end")
    struct MCPServerTests {
        static let meta = #"{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}"#
        static let initialize = #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"e2e","version":"1"}}}"#
        static let discover = #"{"jsonrpc":"2.0","id":0,"method":"server/discover","params":{"_meta":\#(meta)}}"#

        /// A `tools/call` line; modern calls carry the envelope (and `extraMeta`).
        static func call(_ id: Int, _ tool: String, _ arguments: JSONValue, modern: Bool, extraMeta: String = "") -> String {
            let meta = modern ? String(Self.meta.dropLast()) + extraMeta + "}" : "{" + String(extraMeta.dropFirst()) + "}"
            let withMeta = modern || !extraMeta.isEmpty ? #","_meta":\#(meta)"# : ""
            return #"{"jsonrpc":"2.0","id":\#(id),"method":"tools/call","params":{"name":"\#(tool)","arguments":\#(arguments.jsonText)\#(withMeta)}}"#
        }

        /// Waits for `count` lines; returns the response with `id` (responses may come out of order)
        /// and the notifications, in the order they came.
        static func read(_ plugin: Plugin, _ count: Int, id: JSONValue) async throws -> (response: JSONValue?, notifications: [String]) {
            let lines = try await plugin.process.waitForLines(count)
            let response = try lines.map(json).first { $0["id"] == id }
            return (response, try lines.filter { try json($0)["id"] == nil })
        }

        @Test("the tools list the methods' parameters from the same binary's OpenRPC document", arguments: [false, true])
        func toolSchemas(modern: Bool) async throws {
            let plugin = try Plugin(["--sandbox"])
            let openrpc = try await plugin.call("rpc.discover")["result"]
            plugin.send(modern ? Self.discover : Self.initialize)
            plugin.send(#"{"jsonrpc":"2.0","id":1,"method":"tools/list""# + (modern ? #","params":{"_meta":\#(Self.meta)}}"# : "}"))
            let tools = try await Self.read(plugin, 3, id: 1).response?["result"]?["tools"]?.arrayValue ?? []
            #expect(tools.compactMap { $0["name"]?.stringValue } == [
                "get_organization", "plan_organization_contact_change", "patch_organization_contact", "update_organization_contact",
            ])
            for (tool, method) in zip(tools, ["getOrganization", "planOrganizationContactChange", "patchOrganizationContact", "updateOrganizationContact"]) {
                let params = openrpc?["methods"]?.arrayValue?.first { $0["name"]?.stringValue == method }?["params"]?.arrayValue ?? []
                #expect(tool["inputSchema"]?["properties"]?.objectValue?.keys == params.compactMap { $0["name"]?.stringValue })
                #expect(tool["inputSchema"]?["required"]?.arrayValue == params.filter { $0["required"] == true }.compactMap { $0["name"] })
                #expect(tool["inputSchema"]?["additionalProperties"] == false)
                #expect(tool["outputSchema"]?["type"] == "object")
            }
            #expect(tools[0]["annotations"]?["readOnlyHint"] == true)
            #expect(tools[1]["annotations"]?["idempotentHint"] == true)
            #expect(tools[2]["annotations"]?["destructiveHint"] == true)
            #expect(tools[0]["inputSchema"]?["properties"]?["organizationId"] == ["$ref": "#/$defs/OrganizationId"])
            #expect(tools[0]["inputSchema"]?["$defs"]?["OrganizationId"] == openrpc?["components"]?["schemas"]?["OrganizationId"])
            #expect(try await plugin.finish() == 0)
        }

        @Test("tools/call returns the JSON-RPC method's result as structuredContent, in either era", arguments: [false, true])
        func callMatchesMethod(modern: Bool) async throws {
            let plugin = try Plugin(["--sandbox"])
            plugin.send(modern ? Self.discover : Self.initialize)
            plugin.send(Self.call(1, "get_organization", ["organizationId": 5], modern: modern))
            let result = try await Self.read(plugin, 2, id: 1).response?["result"]
            #expect(try result?["structuredContent"] == json(Fixtures.organization5))
            #expect(result?["isError"] == false)
            #expect(result?["resultType"] == (modern ? "complete" : nil))
            let text = result?["content"]?.arrayValue?.first?["text"]?.stringValue ?? ""
            #expect(text == "Organization 5: Nelson Solutions, contact First Name Here's LastN <wj@webnic.cc>, SG. The full record as JSON:\n" + (try json(Fixtures.organization5)).jsonText)
            let plain = try await plugin.call("getOrganization", ["organizationId": 5], id: 2)
            #expect(plain["result"] == result?["structuredContent"])
            #expect(try await plugin.finish() == 0)
        }

        @Test("a WebNIC failure is an isError result carrying the JSON-RPC error's code, message and data")
        func webnicFailure() async throws {
            let plugin = try Plugin(["--sandbox"])
            plugin.send(Self.initialize)
            plugin.send(Self.call(1, "get_organization", ["organizationId": 999], modern: false))
            let result = try await Self.read(plugin, 2, id: 1).response?["result"]
            let plain = try await plugin.call("getOrganization", ["organizationId": 999], id: 2)
            var expected = JSONObject([.init(key: "code", value: 1002), .init(key: "message", value: plain["error"]?["message"] ?? .null)])
            for member in plain["error"]?["data"]?.objectValue?.members ?? [] { expected[member.key] = member.value }
            #expect(result?["isError"] == true)
            #expect(result?["structuredContent"] == .object(expected))
            #expect(result?["structuredContent"]?["category"] == "not_found")
            #expect(try await plugin.finish() == 0)
        }

        @Test("notifications/cancelled stops a slow call, which is then never answered; the next call is", arguments: [false, true])
        func cancelled(modern: Bool) async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            try await simulator.inject("delay", route: "getOrganization", extra: ["delayMs": 10000])
            plugin.send(modern ? Self.discover : Self.initialize)
            plugin.send(Self.call(1, "get_organization", ["organizationId": 5], modern: modern))
            try await waitUntil { try await simulator.requests().count == 2 }
            plugin.send(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1,"reason":"user"}}"#)
            try await waitUntil { plugin.process.stderrText.contains("outcome=cancelled") }
            plugin.send(Self.call(2, "get_organization", ["organizationId": 6], modern: modern))
            let next = try await Self.read(plugin, 2, id: 2).response
            #expect(next?["result"]?["structuredContent"]?["organizationId"] == 6)
            #expect(try await plugin.finish() == 0)
            #expect(plugin.process.stdoutLines.count == 2)
        }

        @Test("with a progress token, each HTTP attempt of a retried call is reported before the result", arguments: [false, true])
        func progress(modern: Bool) async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--retry-backoff", "0.01"])
            try await simulator.inject("http503", route: "getOrganization", count: 2)
            plugin.send(modern ? Self.discover : Self.initialize)
            plugin.send(Self.call(7, "get_organization", ["organizationId": 5], modern: modern, extraMeta: #","progressToken":"p7""#))
            let (response, notifications) = try await Self.read(plugin, 5, id: 7)
            #expect(notifications == (1...3).map { attempt in
                #"{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":"p7","progress":\#(attempt),"message":"WebNIC call, HTTP attempt \#(attempt)"}}"#
            })
            #expect(try response?["result"]?["structuredContent"] == json(Fixtures.organization5))
            let lines = plugin.process.stdoutLines
            #expect(lines.firstIndex { $0.contains(#""id":7"#) } ?? 0 > lines.lastIndex { $0.contains("notifications/progress") } ?? 5)
            #expect(try await plugin.finish() == 0)
        }

        @Test("a plain JSON-RPC session in the same build is untouched: batches and null ids answer as before, no MCP session opens")
        func plainSessionUntouched() async throws {
            let plugin = try Plugin(["--sandbox"])
            plugin.send(#"[{"jsonrpc":"2.0","id":1,"method":"getOrganization","params":{"organizationId":5}},{"jsonrpc":"2.0","id":null,"method":"rpc.discover"}]"#)
            let batch = try json(try await plugin.process.waitForLines(1)[0])
            #expect(try batch.arrayValue?.first { $0["id"] == 1 }?["result"] == json(Fixtures.organization5))
            #expect(batch.arrayValue?.first { $0["id"] == .null }?["result"]?["openrpc"] == "1.3.2")
            #expect(try await plugin.finish() == 0)
            #expect(!plugin.process.stderrText.contains("MCP session opened"))
        }
    }
}
