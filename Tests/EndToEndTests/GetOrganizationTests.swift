import JSONCore
import Testing

extension EndToEndTests {
    @Suite("getOrganization, end to end over loopback HTTP")
    struct GetOrganizationTests {
        @Test("returns WebNIC's organization in the documented shape, and WebNIC received one token request and one GET")
        func readsOrganization() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            let response = try await plugin.call("getOrganization", ["organizationId": 5], id: 1)
            #expect(response == ["jsonrpc": "2.0", "id": 1, "result": try json(Fixtures.organization5)])
            #expect(try await simulator.requests() == [
                ["method": "POST", "path": "/reseller/v2/api-user/token", "authorization": nil, "contentType": "application/json",
                 "userAgent": "webnic-rpc/0.1.0", "body": ["username": .string(Simulator.username), "password": "<redacted>"]],
                ["method": "GET", "path": "/ssl/v2/organization/5", "authorization": "Bearer <redacted>", "contentType": nil,
                 "userAgent": "webnic-rpc/0.1.0", "body": nil],
            ])
            #expect(try await plugin.finish() == 0)
        }

        @Test("every HTML-escaped string comes back decoded")
        func decodesEntities() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            let result = try await plugin.call("getOrganization", ["organizationId": 6])["result"]
            #expect(result?["organization"]?["company"] == "Tan & Daughters <Trading> Sdn. Bhd.")
            #expect(result?["organization"]?["address1"] == "12 Jalan \"Ampang\"")
            #expect(result?["organization"]?["faxNumber"] == "+60.321234568")
        }

        @Test("the compact output is one JSON value per line, byte for byte as expected")
        func exactBytes() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            plugin.send(#"{"jsonrpc":"2.0","id":"a-1","method":"getOrganization","params":{"organizationId":5}}"#)
            let lines = try await plugin.process.waitForLines(1)
            #expect(lines == [#"{"jsonrpc":"2.0","id":"a-1","result":"# + Fixtures.organization5 + "}"])
        }
    }
}
