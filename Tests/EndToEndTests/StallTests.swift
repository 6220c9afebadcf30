#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JSONCore
import Testing

extension EndToEndTests {
    @Suite("One input or one host stalls nothing")
    struct StallTests {
        @Test("a 1 MB unknown method is answered at once, in little memory, and the next request right after")
        func hugeUnknownMethod() async throws {
            let plugin = try Plugin(["--sandbox", "--log-level", "error"])
            let name = String(repeating: "x", count: 1_000_000)
            let started = ContinuousClock.now
            plugin.send(#"{"jsonrpc":"2.0","id":1,"method":"\#(name)"}"#)
            let next = try await plugin.call("getOrganization", ["organizationId": 5], id: 2)
            let elapsed = ContinuousClock.now - started
            #expect(next["result"]?["organizationId"] == 5)
            let unknown = try #require(try plugin.process.stdoutLines.map(json).first { $0["id"] == 1 })
            #expect(unknown["error"]?["code"] == -32601 && unknown["error"]?["data"]?["didYouMean"] == nil)
            // Comparing the name with every method took 1.3 s and 275 MiB.
            #expect(elapsed < .seconds(1), "\(elapsed)")
            let peak = try #require(plugin.process.peakMemoryKiB)
            #expect(peak < 96 * 1024, "\(peak) KiB")
            #expect(try await plugin.finish() == 0)
        }

        @Test("a token mint that hangs: a cancel is answered at once, and SIGTERM with no grace ends the process at once")
        func hungMint() async throws {
            let simulator = try await Simulator()
            try await simulator.inject("delay", route: "token", count: 5, extra: ["delayMs": 20000])
            let plugin = try Plugin(simulator: simulator, ["--timeout", "10", "--shutdown-grace", "0"])
            plugin.request("waiting", "getOrganization", ["organizationId": 5])
            try await waitUntil { try await simulator.requests().contains { $0["path"] == "/reseller/v2/api-user/token" } }
            let sent = ContinuousClock.now
            plugin.send(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"waiting"}}"#)
            let answer = try await ApprovalTests.message(plugin) { $0["id"] == "waiting" }
            #expect(answer["error"]?["code"] == -32800)
            // It waited for the mint's own timeout (9.5 s) before.
            #expect(ContinuousClock.now - sent < .seconds(2))
            plugin.request("second", "getOrganization", ["organizationId": 6])
            try await Task.sleep(for: .milliseconds(100))
            let stopping = ContinuousClock.now
            plugin.process.send(signal: SIGTERM)
            #expect(try await plugin.process.waitForExit(timeout: .seconds(5)) == 0)
            #expect(ContinuousClock.now - stopping < .seconds(2))
            #expect(try plugin.process.stdoutLines.map(json).first { $0["id"] == "second" }?["error"]?["code"] == -32800)
        }
    }
}

extension EndToEndTests.StallTests {
    // URLSession hands a body over whole, so only libcurl can refuse one while it arrives (docs/platforms.md).
    @Test("16 concurrent answers of 100 MB, declared or chunked: each refused while it arrives, the process stays under 128 MiB",
          .enabled(if: Binaries.transport == "libcurl"), arguments: ["oversized", "oversizedChunked"])
    func oversizedAnswers(fault: String) async throws {
        let simulator = try await Simulator()
        let plugin = try Plugin(simulator: simulator, ["--retries", "0", "--log-level", "error"])
        _ = try await plugin.call("getOrganization", ["organizationId": 5], id: "warm")
        try await simulator.inject(fault, route: "getOrganization", count: 16)
        for index in 0..<16 { plugin.request(.integer(Int64(index)), "getOrganization", ["organizationId": 5]) }
        let answers = try await plugin.process.waitForLines(17, timeout: .seconds(60)).dropFirst().map(json)
        #expect(answers.count == 16)
        let expected = JSONValue.string("Could not reach WebNIC at 127.0.0.1:\(simulator.port): the response is larger than 1 MiB (--max-response-bytes).")
        #expect(answers.allSatisfy { $0["error"]?["message"] == expected }, "\(answers.first?.jsonText ?? "")")
        let peak = try #require(plugin.process.peakMemoryKiB)
        #expect(peak < 128 * 1024, "\(peak) KiB")
        #expect(try await plugin.finish() == 0)
    }
}
