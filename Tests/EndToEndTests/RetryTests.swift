import JSONCore
import Testing

extension EndToEndTests {
    @Suite("Retries, end to end")
    struct RetryTests {
        private let fast = ["--retry-backoff", "0.01"]

        @Test("a 503 page, then success: answered with the result, two attempts")
        func recoversFrom503() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, fast + ["--log-level", "debug"])
            try await simulator.inject("http503", route: "getOrganization")
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(response["result"] == (try json(Fixtures.organization5)))
            #expect(try await simulator.requests().map { $0["path"] } == [
                "/reseller/v2/api-user/token", "/ssl/v2/organization/5", "/ssl/v2/organization/5",
            ])
            #expect(try await plugin.finish() == 0)
            #expect(plugin.process.stderrText.contains("info retrying route=getOrganization after=upstream attempts=1"))
            #expect(plugin.process.stderrText.contains("outcome=ok attempts=2"))
        }

        @Test("failures that persist: --retries more attempts, then the last error with data.attempts", arguments: [
            ("http500", "upstream_error", 3), ("http429", "rate_limited", 3), ("reset", "network", 3),
        ])
        func givesUp(fault: String, category: String, attempts: Int) async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, fast)
            try await simulator.inject(fault, route: "getOrganization", count: 20)
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(response["error"]?["data"]?["category"] == .string(category))
            #expect(response["error"]?["data"]?["attempts"] == .integer(attempts))
        }

        @Test("--retries 4 makes five attempts")
        func retriesFlag() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, fast + ["--retries", "4"])
            try await simulator.inject("http502", route: "getOrganization", count: 20)
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(response["error"]?["data"]?["attempts"] == 5)
            #expect(response["error"]?["data"]?["httpStatus"] == 502)
        }

        @Test("never retried: validation, business rule, forbidden, not found", arguments: [
            ("validation", "updateOrganizationContact", "webnic_validation"),
            ("badCode", "getOrganization", "business_rule"),
            ("http403", "getOrganization", "forbidden"),
        ])
        func notRetried(fault: String, route: String, category: String) async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, fast)
            try await simulator.inject(fault, route: route, count: 20)
            let params: JSONValue = route == "getOrganization"
                ? ["organizationId": 5] : ["organizationId": 5, "organization": Fixtures.contact]
            let response = try await plugin.call(route, params)
            #expect(response["error"]?["data"]?["category"] == .string(category))
            #expect(response["error"]?["data"]?["attempts"] == 1)
            let notFound = try await plugin.call("getOrganization", ["organizationId": 404], id: "nf")
            #expect(notFound["error"]?["data"]?["attempts"] == 1)
        }

        @Test("Retry-After within the cap is honoured: the retry waits that long, then succeeds")
        func honoursRetryAfter() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, fast)
            try await simulator.inject("http429", route: "getOrganization", extra: ["retryAfter": 1])
            let start = ContinuousClock.now
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            let elapsed = ContinuousClock.now - start
            #expect(response["result"] != nil)
            #expect(elapsed >= .seconds(1) && elapsed < .seconds(3))
        }

        @Test("Retry-After beyond --max-retry-after fails at once with retryAfterSeconds")
        func retryAfterBeyondCap() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, fast + ["--max-retry-after", "5"])
            try await simulator.inject("http429", route: "getOrganization", extra: ["retryAfter": 120])
            let start = ContinuousClock.now
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(ContinuousClock.now - start < .seconds(1))
            #expect(response["error"]?["data"]?["retryAfterSeconds"] == 120)
            #expect(response["error"]?["data"]?["attempts"] == 1)
        }

        @Test("the token mint is retried too")
        func mintRetried() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, fast)
            try await simulator.inject("http500", route: "token")
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(response["result"] != nil)
            #expect(try await simulator.requests().map { $0["path"] } == [
                "/reseller/v2/api-user/token", "/reseller/v2/api-user/token", "/ssl/v2/organization/5",
            ])
        }

        @Test("the deadline covers every attempt and backoff: --timeout bounds the whole call")
        func deadlineCoversRetries() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--timeout", "0.8", "--retry-backoff", "0.4", "--retries", "10"])
            try await simulator.inject("http503", route: "getOrganization", count: 100)
            let start = ContinuousClock.now
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            // Ten retries backing off from 0.4 s would take about 26 s on average: 3 s is bound by the deadline.
            #expect(ContinuousClock.now - start < .seconds(3))
            #expect(response["error"]?["data"]?["category"] == "upstream_error")
            // How many attempts fit depends on the jitter drawn (RetryPolicyTests counts them on a
            // virtual clock); the answer counts exactly the reads WebNIC received.
            let attempts = try #require(response["error"]?["data"]?["attempts"]?.numberValue?.int64Value)
            let reads = try await simulator.requests().filter { $0["path"] == "/ssl/v2/organization/5" }.count
            #expect(attempts == Int64(reads))
        }
    }
}
