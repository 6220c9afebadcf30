#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import JSONCore
import Testing

extension EndToEndTests {
    @Suite("Two processes writing one organization")
    struct CrossProcessTests {
        /// Two webnic-rpc processes against one simulator, with the default lock directory (their
        /// environment names no other: a private one under /tmp).
        static func processes(_ simulator: Simulator) throws -> (Plugin, Plugin, String) {
            (try Plugin(simulator: simulator), try Plugin(simulator: simulator), "/tmp/webnic-rpc-\(getuid())")
        }

        @Test("A's PUT lands late while B changes another field: B waits for A's answer, reads after it, and both changes survive")
        func bothSurvive() async throws {
            let simulator = try await Simulator()
            let (a, b, directory) = try Self.processes(simulator)
            try await simulator.inject("delayBefore", route: "updateOrganizationContact", extra: ["delayMs": 800])
            a.request("a", "patchOrganizationContact", ["organizationId": 5, "changes": ["email": "a@nelson.example"]])
            try await waitUntil { try await simulator.requests().contains { $0["method"] == "PUT" } }
            let fromB = try await b.call("patchOrganizationContact", ["organizationId": 5, "changes": ["city": "Ipoh"]], id: "b")
            #expect(fromB["result"]?["changes"] == [["field": "organization.city", "before": "Bukit Jalil 2", "after": "Ipoh"]])
            let fromA = try await ApprovalTests.message(a) { $0["id"] == "a" }
            #expect(fromA["result"]?["organization"]?["email"] == "a@nelson.example")
            let now = try await b.call("getOrganization", ["organizationId": 5], id: "read")
            #expect(now["result"]?["organization"]?["email"] == "a@nelson.example")
            #expect(now["result"]?["organization"]?["city"] == "Ipoh")
            #expect(try await a.finish() == 0)
            #expect(try await b.finish() == 0)
            #expect(a.process.stderrText.contains("writeLocks=\(directory)"))
        }

        @Test("both guarded by the modifiedAt they read: the second gets conflict and sends nothing")
        func secondConflicts() async throws {
            let simulator = try await Simulator()
            let (a, b, _) = try Self.processes(simulator)
            let read = try await a.call("getOrganization", ["organizationId": 5], id: "read")
            let modifiedAt = try #require(read["result"]?["modifiedAt"])
            try await simulator.inject("delayBefore", route: "updateOrganizationContact", extra: ["delayMs": 800])
            a.request("a", "patchOrganizationContact", ["organizationId": 5, "changes": ["email": "a@nelson.example"], "expectedModifiedAt": modifiedAt])
            try await waitUntil { try await simulator.requests().contains { $0["method"] == "PUT" } }
            let fromB = try await b.call("patchOrganizationContact", ["organizationId": 5, "changes": ["city": "Ipoh"], "expectedModifiedAt": modifiedAt], id: "b")
            #expect(fromB["error"]?["data"]?["category"] == "conflict")
            #expect(try await ApprovalTests.message(a) { $0["id"] == "a" }["result"] != nil)
            #expect(try await simulator.requests().filter { $0["method"] == "PUT" }.count == 1)
            #expect(try await a.finish() == 0)
            #expect(try await b.finish() == 0)
        }

        @Test("a lock directory that cannot be used: writes go on, and the start-up line says they are not serialized")
        func unusableDirectory() async throws {
            let simulator = try await Simulator()
            let file = try AuditLogTests.directory().appendingPathComponent("not-a-directory").path
            try "".write(toFile: file, atomically: false, encoding: .utf8)
            let plugin = try Plugin(simulator: simulator, ["--lock-dir", file])
            #expect(try await plugin.call("patchOrganizationContact", ["organizationId": 5, "changes": ["city": "Ipoh"]])["result"] != nil)
            #expect(try await plugin.finish() == 0)
            #expect(plugin.process.stderrText.contains("warning writes to one organization are not serialized with other webnic-rpc processes on this machine: the lock directory \(file) cannot be used (not a directory); choose another with --lock-dir"))
            #expect(plugin.process.stderrText.contains("writeLocks=\"none: writes not serialized across processes\""))
        }
    }
}
