import JSONCore
import Testing

extension EndToEndTests {
    @Suite("Read-only mode, end to end")
    struct ReadOnlyTests {
        static let readOnlyError: JSONValue = .object(JSONObject(Fixtures.errorBase(
            "read_only", retryable: false,
            hint: "webnic-rpc was started with --read-only (or WEBNIC_READ_ONLY): it reads and previews (dryRun) but never writes; restart it without that setting to write."
        )))

        @Test("writes are refused before any network call; reads and dry runs work", arguments: [
            (["--read-only"], [:]), ([], ["WEBNIC_READ_ONLY": "true"]), ([], ["WEBNIC_READ_ONLY": "1"]),
        ] as [([String], [String: String])])
        func refusesWrites(arguments: [String], environment: [String: String]) async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, arguments, environment: environment)
            let update = try await plugin.call("updateOrganizationContact", ["organizationId": 5, "organization": Fixtures.contact], id: 1)
            #expect(update == ["jsonrpc": "2.0", "id": 1, "error": [
                "code": 1013, "message": "updateOrganizationContact writes to WebNIC, and webnic-rpc is read-only: nothing was sent. Reads and dry runs work.",
                "data": Self.readOnlyError,
            ]])
            let patch = try await plugin.call("patchOrganizationContact", ["organizationId": 5, "changes": ["email": "a@b.example"]], id: 2)
            #expect(patch["error"]?["code"] == 1013)
            #expect(patch["error"]?["data"] == Self.readOnlyError)
            #expect(try await simulator.requests() == [])
            let preview = try await plugin.call("updateOrganizationContact", ["organizationId": 5, "organization": Fixtures.contact, "dryRun": true], id: 3)
            #expect(preview["result"]?["dryRun"] == true)
            let plan = try await plugin.call("patchOrganizationContact", ["organizationId": 5, "changes": ["email": "a@b.example"], "dryRun": true], id: 4)
            #expect(plan["result"]?["changes"]?.arrayValue?.count == 1)
            #expect(try await plugin.call("getOrganization", ["organizationId": 5], id: 5)["result"] == (try json(Fixtures.organization5)))
            #expect(try await simulator.requests().map(\.["method"]) == ["POST", "GET", "GET"])
            #expect(try await plugin.finish() == 0)
            #expect(plugin.process.stderrText.contains("writes=\"refused (read-only)\""))
        }

        @Test("MCP: tools/list offers only the tool that reads; a write tool called anyway fails with read_only and sends nothing")
        func mcp() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--read-only"])
            plugin.send(#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#)
            _ = try await plugin.process.waitForLines(1)
            plugin.send(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#)
            let list = try json(try await plugin.process.waitForLines(2)[1])
            #expect(list["result"]?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["get_organization", "plan_organization_contact_change"])
            plugin.send(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"patch_organization_contact","arguments":{"organizationId":5,"changes":{"city":"Ipoh"}}}}"#)
            let call = try json(try await plugin.process.waitForLines(3)[2])
            #expect(call["result"]?["isError"] == true)
            #expect(call["result"]?["structuredContent"]?["category"] == "read_only")
            #expect(call["result"]?["structuredContent"]?["code"] == 1013)
            #expect(try await simulator.requests() == [])
        }

        @Test("WEBNIC_READ_ONLY takes 1, true, 0, false or nothing; anything else stops the start with exit 2")
        func badValue() async throws {
            let plugin = try Plugin(["--sandbox"], environment: ["WEBNIC_READ_ONLY": "yes"])
            #expect(try await plugin.process.waitForExit() == 2)
            #expect(plugin.process.stderrText == "webnic-rpc: WEBNIC_READ_ONLY expects 1, true, 0 or false, got \"yes\".\n")
            let off = try Plugin(["--sandbox"], environment: ["WEBNIC_READ_ONLY": "FALSE"])
            let written = try await off.call("patchOrganizationContact", ["organizationId": 5, "changes": ["city": "Ipoh"]])
            #expect(written["result"]?["organization"]?["city"] == "Ipoh")
        }
    }
}
