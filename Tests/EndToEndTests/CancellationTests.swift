#if canImport(Glibc)
import Glibc
#endif
import JSONCore
import Testing

extension EndToEndTests {
    @Suite("Cancellation and shutdown, end to end")
    struct CancellationTests {
        static let cancelled = #"{"code":-32800,"message":"Request cancelled.","data":{"category":"cancelled","retryable":false,"hint":"The request was cancelled before it finished; send it again if it is still wanted."}}"#

        @Test("$/cancelRequest abandons the HTTP call and answers -32800 at once")
        func cancelInFlight() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            try await simulator.inject("delay", route: "getOrganization", extra: ["delayMs": 5000])
            plugin.request("slow", "getOrganization", ["organizationId": 5])
            try await waitUntil { try await simulator.requests().count == 2 }
            let start = ContinuousClock.now
            plugin.send(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"slow"}}"#)
            let lines = try await plugin.process.waitForLines(1)
            #expect(ContinuousClock.now - start < .seconds(2))
            #expect(lines == [#"{"jsonrpc":"2.0","id":"slow","error":"# + Self.cancelled + "}"])
        }

        @Test("cancelling works even when every slot is taken, and unknown or finished ids change nothing")
        func cancelWhenSaturated() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--max-in-flight", "1"])
            _ = try await plugin.call("getOrganization", ["organizationId": 6], id: "done")
            try await simulator.inject("delay", route: "getOrganization", extra: ["delayMs": 5000])
            plugin.request(1, "getOrganization", ["organizationId": 5])
            plugin.request(2, "updateOrganizationContact", ["organizationId": 5, "organization": Fixtures.contact, "dryRun": true])
            plugin.send(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"done"}}"#)
            plugin.send(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"never-sent"}}"#)
            plugin.send(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#)
            let lines = try await plugin.process.waitForLines(3)
            #expect(lines[1] == #"{"jsonrpc":"2.0","id":1,"error":"# + Self.cancelled + "}")
            #expect(try json(lines[2])["id"] == 2)
            #expect(try json(lines[2])["result"]?["dryRun"] == true)
            #expect(try await plugin.finish() == 0)
            #expect(plugin.process.stdoutLines.count == 3)
        }

        @Test("SIGTERM: requests in flight finish within the grace period and are answered, then exit 0")
        func sigtermGraceful() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--shutdown-grace", "5"])
            try await simulator.inject("delay", route: "getOrganization", extra: ["delayMs": 300])
            plugin.request(1, "getOrganization", ["organizationId": 5])
            try await waitUntil { try await simulator.requests().count == 2 }
            plugin.process.send(signal: SIGTERM)
            #expect(try await plugin.process.waitForExit() == 0)
            #expect(plugin.process.stdoutLines == [#"{"jsonrpc":"2.0","id":1,"result":"# + Fixtures.organization5 + "}"])
            #expect(plugin.process.stderrText.contains("received SIGTERM; stopping"))
        }

        @Test("SIGINT: requests still running after the grace period are cancelled and answered -32800, then exit 0", arguments: [SIGINT, SIGTERM])
        func signalAfterGrace(signal: Int32) async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--shutdown-grace", "0.2"])
            try await simulator.inject("delay", route: "getOrganization", extra: ["delayMs": 10000])
            plugin.request(7, "getOrganization", ["organizationId": 5])
            try await waitUntil { try await simulator.requests().count == 2 }
            let start = ContinuousClock.now
            plugin.process.send(signal: signal)
            #expect(try await plugin.process.waitForExit() == 0)
            #expect(ContinuousClock.now - start < .seconds(2))
            #expect(plugin.process.stdoutLines == [#"{"jsonrpc":"2.0","id":7,"error":"# + Self.cancelled + "}"])
        }

        @Test("the host closing our stdout: exit promptly, no crash report")
        func brokenPipe() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            try await plugin.process.closeStdout()
            plugin.request(1, "getOrganization", ["organizationId": 5])
            plugin.request(2, "getOrganization", ["organizationId": 6])
            let start = ContinuousClock.now
            #expect(try await plugin.process.waitForExit() == 0)
            #expect(ContinuousClock.now - start < .seconds(2))
            #expect(!plugin.process.stderrText.contains("Fatal"))
            #expect(!plugin.process.stderrText.contains("Crash"))
        }
    }
}

extension EndToEndTests {
    @Suite("Shutdown and cancellation under a backlog, end to end")
    struct BacklogTests {
        /// Sends `count` reads of organization 5 with ids 1…`count` in one write.
        static func flood(_ plugin: Plugin, _ count: Int) {
            plugin.process.write(Array((1...count).map {
                #"{"jsonrpc":"2.0","id":\#($0),"method":"getOrganization","params":{"organizationId":5}}"# + "\n"
            }.joined().utf8))
        }

        /// A plugin with `flags` in front of a WebNIC that holds every read for `delayMs`, sent
        /// `count` reads at once, returned once `sent` of them have reached WebNIC.
        static func backlog(_ count: Int, _ flags: [String], delayMs: Int, sent: Int) async throws -> (Simulator, Plugin) {
            let simulator = try await Simulator()
            try await simulator.inject("delay", route: "getOrganization", count: 2 * count, extra: ["delayMs": .integer(delayMs)])
            let plugin = try Plugin(simulator: simulator, flags)
            flood(plugin, count)
            try await waitUntil { try await gets(simulator) == sent }
            return (simulator, plugin)
        }

        /// How many reads WebNIC has received.
        static func gets(_ simulator: Simulator) async throws -> Int {
            try await simulator.requests().filter { $0["method"] == "GET" }.count
        }

        /// The ids answered, and what each answer was (`ok` or the error's category).
        static func answers(_ plugin: Plugin) throws -> [Int64: [String]] {
            var answers: [Int64: [String]] = [:]
            for line in plugin.process.stdoutLines {
                let value = try json(line)
                guard let id = value["id"]?.numberValue?.int64Value else { continue }
                answers[id, default: []].append(value["error"]?["data"]?["category"]?.stringValue ?? "ok")
            }
            return answers
        }

        @Test("SIGTERM with 100 requests waiting on a slow WebNIC: exit within the grace, every request answered once, the waiting ones cancelled unsent")
        func sigtermWithBacklog() async throws {
            let (simulator, plugin) = try await Self.backlog(100, ["--shutdown-grace", "1", "--max-in-flight", "4"], delayMs: 20000, sent: 4)
            let start = ContinuousClock.now
            plugin.process.send(signal: SIGTERM)
            #expect(try await plugin.process.waitForExit(timeout: .seconds(10)) == 0)
            let elapsed = ContinuousClock.now - start
            #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(4), "exit after \(elapsed)")
            let answers = try Self.answers(plugin)
            #expect(answers.keys.sorted() == Array(1...100))
            #expect(answers.values.allSatisfy { $0 == ["cancelled"] })
            #expect(try await Self.gets(simulator) == 4)
        }

        @Test("SIGTERM reads what the host already wrote, beyond the read-ahead, and answers every request cancelled")
        func sigtermReadsWhatIsWritten() async throws {
            // The simulator is kept to the end: were it let go here, its process would end and the
            // read in flight would fail with `network` before the grace is over.
            let (simulator, plugin) = try await Self.backlog(1100, ["--shutdown-grace", "0", "--max-in-flight", "1"], delayMs: 20000, sent: 1)
            plugin.process.send(signal: SIGTERM)
            #expect(try await plugin.process.waitForExit(timeout: .seconds(10)) == 0)
            let answers = try Self.answers(plugin)
            #expect(answers.count == 1100)
            #expect(answers.values.allSatisfy { $0 == ["cancelled"] }, "\(answers.filter { $0.value != ["cancelled"] })")
            #expect(try await Self.gets(simulator) == 1)
        }

        @Test("$/cancelRequest for a request waiting behind 40 others: answered -32800 at once and never sent")
        func cancelWaiting() async throws {
            let (simulator, plugin) = try await Self.backlog(40, ["--max-in-flight", "1", "--shutdown-grace", "0"], delayMs: 10000, sent: 1)
            plugin.request(41, "getOrganization", ["organizationId": 6])
            let start = ContinuousClock.now
            plugin.send(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":41}}"#)
            let line = try await plugin.process.waitForLines(1, timeout: .seconds(5))[0]
            #expect(ContinuousClock.now - start < .seconds(3))
            #expect(line == #"{"jsonrpc":"2.0","id":41,"error":"# + CancellationTests.cancelled + "}")
            plugin.process.send(signal: SIGTERM)
            #expect(try await plugin.process.waitForExit() == 0)
            #expect(try await !simulator.requests().contains { $0["path"] == "/ssl/v2/organization/6" })
            #expect(try Self.answers(plugin).count == 41)
        }

        @Test("the host closing our stdout with 100 requests waiting: exit promptly, none of the waiting ones sent")
        func stdoutClosedWithBacklog() async throws {
            let (simulator, plugin) = try await Self.backlog(100, ["--max-in-flight", "2"], delayMs: 10000, sent: 2)
            let start = ContinuousClock.now
            try await plugin.process.closeStdout()
            #expect(try await plugin.process.waitForExit(timeout: .seconds(10)) == 0)
            #expect(ContinuousClock.now - start < .seconds(3))
            #expect(try await Self.gets(simulator) == 2)
            #expect(!plugin.process.stderrText.contains("Fatal"))
        }
    }
}

/// Waits until `condition` holds, checking every few milliseconds, for at most `timeout`.
func waitUntil(timeout: Duration = .seconds(5), _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw ChildProcessError(description: "condition not met within \(timeout)") }
        try await Task.sleep(for: .milliseconds(5))
    }
}
