import JSONCore
import Testing

extension EndToEndTests {
    @Suite("Ordering per organization, end to end")
    struct OrderingTests {
        @Test("100 rounds of update then get, pipelined in one stream: every get reads the update before it and is answered after it")
        func updateThenGet() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            var contact = try #require(Fixtures.contact.objectValue)
            for round in 1...100 {
                contact["email"] = .string("round\(round)@nelson.example")
                plugin.request(.string("u\(round)"), "updateOrganizationContact", ["organizationId": 5, "organization": .object(contact)])
                plugin.request(.string("g\(round)"), "getOrganization", ["organizationId": 5])
            }
            let responses = try await plugin.process.waitForLines(200, timeout: .seconds(60)).map(json)
            let order = responses.compactMap { $0["id"]?.stringValue }
            for round in 1...100 {
                let read = responses.first { $0["id"] == .string("g\(round)") }
                #expect(read?["result"]?["organization"]?["email"] == .string("round\(round)@nelson.example"), "round \(round)")
                #expect((order.firstIndex(of: "u\(round)") ?? .max) < (order.firstIndex(of: "g\(round)") ?? .min), "round \(round)")
            }
            #expect(responses.allSatisfy { $0["error"] == nil })
        }

        @Test("two patches of different fields of one organization, sent back to back, both take effect; other organizations do not wait")
        func patchesBackToBack() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            try await simulator.inject("delay", route: "updateOrganizationContact", extra: ["delayMs": 300])
            plugin.send(#"[{"jsonrpc":"2.0","id":"email","method":"patchOrganizationContact","params":{"organizationId":5,"changes":{"email":"admin@nelson.example"}}},"#
                + #"{"jsonrpc":"2.0","id":"city","method":"patchOrganizationContact","params":{"organizationId":5,"changes":{"city":"Ipoh"}}}]"#)
            plugin.request("other", "getOrganization", ["organizationId": 6])
            let first = try await plugin.process.waitForLines(1)
            #expect(try json(first[0])["id"] == "other")
            let lines = try await plugin.process.waitForLines(2)
            let batch = try #require(try json(lines[1]).arrayValue)
            #expect(batch.map(\.["id"]) == ["email", "city"])
            #expect(batch[1]["result"]?["changes"] == [["field": "organization.city", "before": "Bukit Jalil 2", "after": "Ipoh"]])
            let read = try await plugin.call("getOrganization", ["organizationId": 5], id: "read")
            #expect(read["result"]?["organization"]?["email"] == "admin@nelson.example")
            #expect(read["result"]?["organization"]?["city"] == "Ipoh")
            let puts = try await simulator.requests().filter { $0["method"] == "PUT" }
            #expect(puts.map { $0["body"]?["organization"]?["email"] } == ["admin@nelson.example", "admin@nelson.example"])
        }

        @Test("MCP tool calls are ordered with plain requests: a read after a patch tool call sees the patch")
        func toolCallsOrdered() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            try await simulator.inject("delay", route: "updateOrganizationContact", extra: ["delayMs": 200])
            plugin.send(#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#)
            plugin.send(#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"patch_organization_contact","arguments":{"organizationId":5,"changes":{"zip":"57000"}}}}"#)
            plugin.send(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"get_organization","arguments":{"organizationId":5}}}"#)
            let lines = try await plugin.process.waitForLines(3).map(json)
            let read = try #require(lines.first { $0["id"] == 2 })
            #expect(read["result"]?["structuredContent"]?["organization"]?["zip"] == "57000")
            #expect(lines.firstIndex { $0["id"] == 1 } ?? 9 < lines.firstIndex { $0["id"] == 2 } ?? 0)
        }
    }
}
