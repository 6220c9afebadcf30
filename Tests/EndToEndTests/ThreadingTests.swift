#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import JSONCore
import Testing

extension EndToEndTests {
    @Suite("Serving threads never wait: a slow disk, an unread stderr")
    struct ThreadingTests {
        /// A shared library that makes every fsync take 500 ms, for LD_PRELOAD, built with the
        /// toolchain's clang (or cc).
        static func slowFsyncLibrary() async throws -> String {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("webnic-slow-fsync-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let source = directory.appendingPathComponent("slow_fsync.c"), library = directory.appendingPathComponent("slow_fsync.so")
            try """
            #define _GNU_SOURCE
            #include <dlfcn.h>
            #include <unistd.h>
            int fsync(int fd) {
                static int (*real)(int);
                if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
                usleep(500000);
                return real(fd);
            }
            """.write(to: source, atomically: true, encoding: .utf8)
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            let compilers = ["clang", "cc"].flatMap { name in path.split(separator: ":").map { "\($0)/\(name)" } }
            let compiler = try #require(compilers.first { FileManager.default.isExecutableFile(atPath: $0) }, "no clang or cc on PATH")
            let build = try ChildProcess(compiler, arguments: ["-shared", "-fPIC", "-o", library.path, source.path, "-ldl"])
            #expect(try await build.waitForExit(timeout: .seconds(60)) == 0, "\(build.stderrText)")
            return library.path
        }

        @Test("an audit log whose fsync takes 500 ms: reads sent every 50 ms meanwhile are each answered within 200 ms")
        func slowDisk() async throws {
            let library = try await Self.slowFsyncLibrary()
            let path = try AuditLogTests.directory().appendingPathComponent("audit.jsonl").path
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--audit-log", path], environment: ["LD_PRELOAD": library])
            _ = try await plugin.call("getOrganization", ["organizationId": 6], id: "warm-up")
            plugin.request("write", "patchOrganizationContact", ["organizationId": 5, "changes": ["city": "Ipoh"]])
            var latencies: [Duration] = []
            var written: JSONValue?
            let deadline = ContinuousClock.now + .seconds(10)
            while written == nil, ContinuousClock.now < deadline {
                let sent = ContinuousClock.now
                let read = try await plugin.call("getOrganization", ["organizationId": 6], id: .string("read-\(latencies.count)"))
                latencies.append(ContinuousClock.now - sent)
                #expect(read["result"]?["organizationId"] == 6)
                written = try plugin.process.stdoutLines.map(json).first { $0["id"] == "write" }
                try await Task.sleep(until: sent + .milliseconds(50))
            }
            // The write waits for two fsyncs (its intent and its outcome): a second at least.
            #expect(written?["result"]?["changes"] == [["field": "organization.city", "before": "Bukit Jalil 2", "after": "Ipoh"]])
            #expect(latencies.count >= 10)
            #expect(latencies.allSatisfy { $0 < .milliseconds(200) }, "\(latencies)")
            #expect(try AuditLogTests.records(path).map { $0["phase"] } == ["intent", "outcome"])
            #expect(try await plugin.finish() == 0)
        }

        @Test("3,000 calls at info with stderr piped and never read: all answered; the lines it could not take are counted once it reads")
        func unreadStderr() async throws {
            let plugin = try Plugin(["--sandbox"], readsStderr: false)
            let lines = (0..<3000).map { #"{"jsonrpc":"2.0","id":\#($0),"method":"getOrganization","params":{"organizationId":5}}"# }
            // Sent from a thread of its own: were the plugin stalled, this write would block, not the test.
            Thread.detachNewThread { plugin.process.send(lines.joined(separator: "\n")) }
            let answers = try await plugin.process.waitForLines(3000, timeout: .seconds(60))
            let ids = try answers.map { try json($0)["id"]?.numberValue?.int64Value ?? -1 }
            #expect(Set(ids) == Set(0..<3000) && ids.count == 3000)
            plugin.process.startReadingStderr()
            _ = try await plugin.call("getOrganization", ["organizationId": 5], id: "after")
            #expect(try await plugin.finish() == 0)
            let stderr = plugin.process.stderrText.split(separator: "\n")
            let calls = stderr.filter { $0.contains(" info call id=") }.count
            let notes = stderr.filter { $0.contains(" warning log lines were dropped: standard error was not being read (a host should read it or redirect it) dropped=") }
            #expect(notes.count == 1)
            let dropped = try #require(notes.first.flatMap { Int($0.split(separator: "=").last ?? "") })
            // Every call's line was either written or counted as dropped.
            #expect(calls + dropped == 3001)
            #expect(dropped > 0)
        }
    }
}
