import JSONCore
import Testing

extension EndToEndTests {
    @Suite("Concurrency, end to end")
    struct ConcurrencyTests {
        @Test("a slow call does not hold up a fast one: answers come out as they are ready")
        func outOfOrder() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            try await simulator.inject("delay", route: "getOrganization", extra: ["delayMs": 400])
            plugin.request("slow", "getOrganization", ["organizationId": 5])
            plugin.request("fast", "updateOrganizationContact", ["organizationId": 5, "organization": Fixtures.contact, "dryRun": true])
            let responses = try await plugin.responses(2)
            #expect(responses.map { $0["id"] } == ["fast", "slow"])
            #expect(responses[1]["result"] == (try json(Fixtures.organization5)))
        }

        @Test("40 concurrent calls: all answered, one token minted, connections bounded by --max-in-flight")
        func oneTokenForMany() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--max-in-flight", "8"])
            for index in 0..<40 { plugin.request(.integer(index), "getOrganization", ["organizationId": index % 2 == 0 ? 5 : 6]) }
            let responses = try await plugin.responses(40)
            #expect(Set(responses.compactMap { $0["id"]?.numberValue?.int64Value }) == Set(0..<40))
            #expect(responses.allSatisfy { $0["result"] != nil })
            let stats = try await simulator.stats()
            #expect(stats["tokenMints"] == 1)
            #expect(stats["requests"] == 41)
            // The plugin's connections, plus the one this test opens to read the stats.
            #expect((stats["connections"]?.numberValue?.int64Value ?? 99) <= 8 + 2)
        }

        @Test("a fresh token after a 401 is minted once for all the calls that hit it")
        func oneRemintForMany() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            _ = try await plugin.call("getOrganization", ["organizationId": 5], id: "warm-up")
            try await simulator.inject("expiredToken", route: "getOrganization")
            for index in 0..<10 { plugin.request(.integer(index), "getOrganization", ["organizationId": 6]) }
            let responses = try await plugin.responses(11)
            #expect(responses.allSatisfy { $0["result"] != nil })
            #expect(try await simulator.stats()["tokenMints"] == 2)
        }

        @Test("the token is reused while it lives and minted again once it has expired")
        func tokenLifetime() async throws {
            let lifetime = Duration.seconds(3)
            let simulator = try await Simulator(tokenLifetime: 3)
            let plugin = try Plugin(simulator: simulator)
            _ = try await plugin.call("getOrganization", ["organizationId": 5], id: 1)
            // The token was minted before the first answer came: it is expired for sure once its
            // lifetime has passed since then, however slowly the machine runs.
            let expired = ContinuousClock.now + lifetime + .milliseconds(50)
            _ = try await plugin.call("getOrganization", ["organizationId": 6], id: 2)
            #expect(try await simulator.stats()["tokenMints"] == 1)
            try await Task.sleep(until: expired)
            let response = try await plugin.call("getOrganization", ["organizationId": 5], id: 3)
            #expect(response["result"]?["organizationId"] == 5)
            #expect(try await simulator.stats()["tokenMints"] == 2)
            #expect(try await simulator.requests().map { $0["path"] } == [
                "/reseller/v2/api-user/token", "/ssl/v2/organization/5", "/ssl/v2/organization/6",
                "/reseller/v2/api-user/token", "/ssl/v2/organization/5",
            ])
        }
    }
}
