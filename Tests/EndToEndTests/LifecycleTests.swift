import Foundation
import JSONCore
import Testing

extension EndToEndTests {
    @Suite("Lifecycle and stdout discipline, end to end")
    struct LifecycleTests {
        @Test("end of input: requests in flight are finished and answered, then exit 0")
        func endOfInput() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            try await simulator.inject("delay", route: "getOrganization", extra: ["delayMs": 300])
            plugin.request(1, "getOrganization", ["organizationId": 5])
            #expect(try await plugin.finish() == 0)
            #expect(plugin.process.stdoutLines == [#"{"jsonrpc":"2.0","id":1,"result":"# + Fixtures.organization5 + "}"])
        }

        @Test("with stdin closed and no work, the process is gone at once, not after the shutdown grace")
        func quickExit() async throws {
            let plugin = try Plugin(["--sandbox", "--shutdown-grace", "30"])
            let start = ContinuousClock.now
            #expect(try await plugin.finish() == 0)
            #expect(ContinuousClock.now - start < .seconds(10))
            #expect(plugin.process.stdoutBytes == [])
        }

        @Test("at trace level, stdout holds protocol lines only, logs go to stderr, and no secret appears anywhere, audit log included")
        func stdoutAndSecrets() async throws {
            let simulator = try await Simulator()
            let auditLog = FileManager.default.temporaryDirectory.appendingPathComponent("secrets-\(UUID().uuidString).jsonl").path
            let plugin = try Plugin(simulator: simulator, ["--log-level", "trace", "--log-format", "json", "--audit-log", auditLog])
            _ = try await plugin.call("getOrganization", ["organizationId": 5], id: 1)
            _ = try await plugin.call("patchOrganizationContact", ["organizationId": 5, "changes": ["city": "Ipoh"]], id: 5)
            _ = try await plugin.call("updateOrganizationContact", ["organizationId": 5, "organization": Fixtures.contact], id: 2)
            _ = try await plugin.call("updateOrganizationContact", ["organizationId": 5, "organization": Fixtures.contact, "dryRun": true], id: 3)
            try await simulator.inject("expiredToken", route: "getOrganization", count: 2)
            _ = try await plugin.call("getOrganization", ["organizationId": 5], id: 4)
            #expect(try await plugin.finish() == 0)
            let stdout = plugin.process.stdoutLines
            #expect(stdout.count == 5)
            for line in stdout { #expect(try json(line)["jsonrpc"] == "2.0") }
            let stderr = plugin.process.stderrText
            #expect(stderr.contains(#""level":"trace""#))
            for line in stderr.split(separator: "\n") { #expect((try? json(String(line)))?["level"] != nil) }
            let audit = try String(contentsOfFile: auditLog, encoding: .utf8)
            #expect(audit.split(separator: "\n").count == 4)
            let everything = stdout.joined() + stderr + audit
            #expect(!everything.contains(Simulator.password))
            #expect(!everything.contains("sim."))
            #expect(!everything.lowercased().contains("bearer "))
        }

        @Test("at info level, contact data stays out of the log; each call is one line")
        func infoLog() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator)
            _ = try await plugin.call("updateOrganizationContact", ["organizationId": 5, "organization": Fixtures.contact], id: 7)
            #expect(try await plugin.finish() == 0)
            let stderr = plugin.process.stderrText
            #expect(!stderr.contains("admin@nelson.example"))
            #expect(!stderr.contains("O'Nelson"))
            let calls = stderr.split(separator: "\n").filter { $0.contains(" info call ") }
            #expect(calls.count == 1)
            #expect(calls.first?.contains("id=7 method=updateOrganizationContact organizationId=5 outcome=ok attempts=1 ms=") == true)
        }
    }
}
