#if canImport(Glibc)
import Glibc
#endif
import Foundation
import JSONCore
import Testing

extension EndToEndTests {
    @Suite("The audit log, end to end")
    struct AuditLogTests {
        /// A fresh directory for one test's files.
        static func directory() throws -> URL {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("webnic-audit-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }

        /// The log's lines, parsed.
        static func records(_ path: String) throws -> [JSONValue] {
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { try json(String($0)) }
        }

        /// `record` without the members that change from run to run (`auditId`, `time`), after checking their form.
        static func stable(_ record: JSONValue) throws -> JSONValue {
            var object = try #require(record.objectValue)
            let id = try #require(object["auditId"]?.stringValue)
            #expect(id.count == 32 && id.allSatisfy(\.isHexDigit))
            let time = try #require(object["time"]?.stringValue)
            #expect(time.count == 24 && time.hasSuffix("Z") && time.dropFirst(19).hasPrefix("."))
            object["auditId"] = nil
            object["time"] = nil
            return .object(object)
        }

        @Test("a write: the intent before the PUT, the outcome after; mode 0600; appended, never truncated; no secret")
        func success() async throws {
            let path = try Self.directory().appendingPathComponent("audit.jsonl").path
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--audit-log", path])
            let patched = try await plugin.call("patchOrganizationContact", ["organizationId": 5, "changes": ["email": "admin@nelson.example"]], id: "p-1")
            let dryRun = try await plugin.call("patchOrganizationContact", ["organizationId": 5, "changes": ["city": "Ipoh"], "dryRun": true], id: "p-2")
            let noOp = try await plugin.call("patchOrganizationContact", ["organizationId": 5, "changes": ["email": "admin@nelson.example"]], id: "p-3")
            #expect(dryRun["result"]?["dryRun"] == true && noOp["result"]?["changes"] == [])
            #expect(try await plugin.finish() == 0)
            var status = stat()
            #expect(stat(path, &status) == 0 && status.st_mode & 0o777 == 0o600)
            let records = try Self.records(path)
            #expect(records.count == 2)
            #expect(records[0]["auditId"] == records[1]["auditId"])
            let put = try #require(try await simulator.requests().first { $0["method"] == "PUT" })
            let webnic: JSONValue = ["environment": "custom", "host": .string("127.0.0.1:\(simulator.port)")]
            #expect(try Self.stable(records[0]) == [
                "phase": "intent", "requestId": "p-1", "method": "patchOrganizationContact", "via": ["protocol": "json-rpc"], "webnic": webnic,
                "organizationId": 5,
                "changes": [["field": "organization.email", "before": "wj@webnic.cc", "after": "admin@nelson.example"]],
                "organization": put["body"]?["organization"] ?? nil,
            ])
            #expect(try Self.stable(records[1]) == [
                "phase": "outcome", "requestId": "p-1", "method": "patchOrganizationContact", "via": ["protocol": "json-rpc"], "webnic": webnic,
                "outcome": "ok", "httpStatus": 200, "attempts": 1, "modifiedAt": patched["result"]?["modifiedAt"] ?? nil,
            ])
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(!text.contains(Simulator.password) && !text.contains("sim.") && !text.lowercased().contains("bearer"))

            let again = try Plugin(simulator: simulator, ["--audit-log", path])
            _ = try await again.call("updateOrganizationContact", ["organizationId": 6, "organization": Fixtures.contact], id: 7)
            #expect(try await again.finish() == 0)
            let appended = try Self.records(path)
            #expect(appended.count == 4 && Array(appended.prefix(2)) == records)
            #expect(try Self.stable(appended[2]) == [
                "phase": "intent", "requestId": 7, "method": "updateOrganizationContact", "via": ["protocol": "json-rpc"], "webnic": webnic,
                "organizationId": 6,
                "organization": ["company": "Nelson & Sons", "firstName": "Johny", "lastName": "O'Nelson", "address1": "L4-E-2, HIVE 5, Mranti 2",
                                 "address2": "", "city": "Bukit Jalil", "state": "Selangor", "countryCode": "MY", "zip": "57100",
                                 "phoneNumber": "+60.123456789", "faxNumber": nil, "email": "admin@nelson.example", "jobTitle": "CEO"],
            ])
        }

        @Test("a write WebNIC refuses, and one that fails after retries: the outcome is the error category with WebNIC's status")
        func failures() async throws {
            let path = try Self.directory().appendingPathComponent("audit.jsonl").path
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--audit-log", path, "--retry-backoff", "0"])
            try await simulator.inject("validation", route: "updateOrganizationContact")
            let refused = try await plugin.call("patchOrganizationContact", ["organizationId": 5, "changes": ["lastName": "Tan"]], id: 1)
            #expect(refused["error"]?["data"]?["category"] == "webnic_validation")
            try await simulator.inject("http500", route: "updateOrganizationContact", count: 3)
            let failed = try await plugin.call("patchOrganizationContact", ["organizationId": 5, "changes": ["lastName": "Tan"]], id: 2)
            #expect(failed["error"]?["data"]?["category"] == "upstream_error")
            #expect(failed["error"]?["data"]?["attempts"] == 4)
            let records = try Self.records(path)
            let webnic: JSONValue = ["environment": "custom", "host": .string("127.0.0.1:\(simulator.port)")]
            #expect(try records.map(Self.stable).filter { $0["phase"] == "outcome" } == [
                [
                    "phase": "outcome", "requestId": 1, "method": "patchOrganizationContact", "via": ["protocol": "json-rpc"], "webnic": webnic,
                    "outcome": "webnic_validation", "httpStatus": 400, "attempts": 1,
                ],
                [
                    "phase": "outcome", "requestId": 2, "method": "patchOrganizationContact", "via": ["protocol": "json-rpc"], "webnic": webnic,
                    "outcome": "upstream_error", "httpStatus": 500, "attempts": 3,
                ],
            ])
            #expect(records.map(\.["phase"]) == ["intent", "outcome", "intent", "outcome"])
        }

        @Test("a record cut short by a file-size limit is taken back: the write is refused and every line stays whole")
        func cutShort() async throws {
            let path = try Self.directory().appendingPathComponent("audit.jsonl").path
            let earlier = #"{"phase":"outcome","auditId":"0","outcome":"ok"}"# + "\n"
            try earlier.write(toFile: path, atomically: false, encoding: .utf8)
            let simulator = try await Simulator()
            // sh's ulimit -f counts 512-byte blocks: the file may grow to 1024 bytes, less than the intent needs.
            var environment = simulator.environment
            environment["PATH"] = "/usr/bin:/bin"
            let process = try ChildProcess("/bin/sh", arguments: ["-c", "ulimit -f 2; exec \"$0\" --audit-log \"$1\"", Binaries.plugin, path], environment: environment)
            process.send(#"{"jsonrpc":"2.0","id":1,"method":"patchOrganizationContact","params":{"organizationId":5,"changes":{"address1":"\#(String(repeating: "x", count: 200))"}}}"#)
            process.send(#"{"jsonrpc":"2.0","id":2,"method":"patchOrganizationContact","params":{"organizationId":6,"changes":{"city":"Ipoh"}}}"#)
            process.send(#"{"jsonrpc":"2.0","id":3,"method":"getOrganization","params":{"organizationId":5}}"#)
            let answers = try await process.waitForLines(3).map(json)
            process.closeInput()
            #expect(try await process.waitForExit() == 0)
            let refused = try #require(answers.first { $0["id"] == 1 })
            #expect(refused["error"]?["data"]?["category"] == "configuration")
            #expect(refused["error"]?["message"]?.stringValue?.hasPrefix("The write was not sent: its record could not be written to the audit log \(path) (only ") == true)
            #expect(answers.first { $0["id"] == 3 }?["result"]?["organizationId"] == 5)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasSuffix("\n"))
            let lines = text.split(separator: "\n").map(String.init)
            #expect(lines.first == String(earlier.dropLast()))
            #expect(try lines.allSatisfy { try json($0).objectValue != nil })
            #expect(try await simulator.requests().filter { $0["method"] == "PUT" }.count == (answers.first { $0["id"] == 2 }?["result"] != nil ? 1 : 0))
        }

        @Test("a write cancelled while WebNIC is answering: the outcome says cancelled, with no status")
        func cancelled() async throws {
            let path = try Self.directory().appendingPathComponent("audit.jsonl").path
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--audit-log", path])
            try await simulator.inject("delay", route: "updateOrganizationContact", extra: ["delayMs": 5000])
            plugin.request("slow", "patchOrganizationContact", ["organizationId": 5, "changes": ["city": "Ipoh"]])
            try await waitUntil { try await simulator.requests().contains { $0["method"] == "PUT" } }
            plugin.send(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"slow"}}"#)
            let answer = try json(try await plugin.process.waitForLines(1)[0])
            // The PUT had left: the cancel's code, and the category says the outcome is unknown.
            #expect(answer["error"]?["code"] == -32800)
            #expect(answer["error"]?["data"]?["category"] == "outcome_unknown")
            #expect(answer["error"]?["data"]?["retryable"] == false)
            #expect(answer["error"]?["message"] == "The write may have reached WebNIC, but the call was cancelled before WebNIC answered: it may or may not have been applied.")
            try await waitUntil { (try? Self.records(path).count) == 2 }
            #expect(try Self.stable(try Self.records(path)[1]) == [
                "phase": "outcome", "requestId": "slow", "method": "patchOrganizationContact", "via": ["protocol": "json-rpc"],
                "webnic": ["environment": "custom", "host": .string("127.0.0.1:\(simulator.port)")],
                "outcome": "unknown", "httpStatus": nil, "attempts": 1,
            ])
        }

        @Test("a write that times out once sent: outcome_unknown, not retryable, the hint says to read and compare; the log says unknown")
        func timedOutWrite() async throws {
            let path = try Self.directory().appendingPathComponent("audit.jsonl").path
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--audit-log", path, "--timeout", "1", "--retries", "0"])
            try await simulator.inject("delay", route: "updateOrganizationContact", extra: ["delayMs": 5000])
            let answer = try await plugin.call("patchOrganizationContact", ["organizationId": 5, "changes": ["city": "Ipoh"]])
            #expect(answer["error"]?["code"] == 1018)
            #expect(answer["error"]?["data"] == [
                "category": "outcome_unknown", "retryable": false,
                "hint": "An attempt of the write may have reached WebNIC without an answer saying what WebNIC did: read the organization (getOrganization) and compare it with what was sent before writing again. Do not simply send it again.",
                "attempts": 2,
            ])
            #expect(try await plugin.finish() == 0)
            #expect(try Self.records(path).map { $0["outcome"] } == [nil, "unknown"])
        }

        @Test("a write a gateway answered 504 stays outcome_unknown when its retry meets a 503; the log records the last status")
        func gatewayThenRefused() async throws {
            let path = try Self.directory().appendingPathComponent("audit.jsonl").path
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--audit-log", path, "--retries", "1"])
            try await simulator.inject("http504", route: "updateOrganizationContact")
            try await simulator.inject("http503", route: "updateOrganizationContact")
            let answer = try await plugin.call("updateOrganizationContact", ["organizationId": 6, "organization": Fixtures.contact])
            #expect(answer["error"]?["code"] == 1018)
            #expect(answer["error"]?["message"] == .string(
                "The write may have reached WebNIC: on attempt 1 of 2 a gateway answered HTTP 504 in WebNIC's place, and the last attempt failed (WebNIC failed with HTTP 503): it may or may not have been applied."
            ))
            #expect(answer["error"]?["data"]?["category"] == "outcome_unknown")
            #expect(answer["error"]?["data"]?["httpStatus"] == 503)
            #expect(answer["error"]?["data"]?["attempts"] == 2)
            #expect(try await plugin.finish() == 0)
            let records = try Self.records(path)
            #expect(records.map { $0["outcome"] } == [nil, "unknown"])
            #expect(records.last?["httpStatus"] == 503)
            #expect(try await simulator.requests().filter { $0["method"] == "PUT" }.count == 2)
        }

        @Test("a write whose token mint times out never left: timeout, retryable, and the log says timeout")
        func mintTimedOut() async throws {
            let path = try Self.directory().appendingPathComponent("audit.jsonl").path
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--audit-log", path, "--timeout", "1", "--retries", "0"])
            try await simulator.inject("delay", route: "token", extra: ["delayMs": 3000])
            let answer = try await plugin.call("updateOrganizationContact", ["organizationId": 6, "organization": Fixtures.contact])
            #expect(answer["error"]?["code"] == 1009)
            #expect(answer["error"]?["data"]?["category"] == "timeout")
            #expect(answer["error"]?["data"]?["retryable"] == true)
            #expect(try await plugin.finish() == 0)
            #expect(try Self.records(path).map { $0["outcome"] } == [nil, "timeout"])
            #expect(try await simulator.requests().filter { $0["method"] == "PUT" }.isEmpty)
        }

        @Test("at start, a write with an intent and no outcome (the process was killed mid-write) is reported, naming what to read")
        func unfinishedAtStart() async throws {
            let path = try Self.directory().appendingPathComponent("audit.jsonl").path
            try """
            {"phase":"intent","auditId":"aaa","time":"2026-12-01T10:00:00.000Z","organizationId":5}
            {"phase":"outcome","auditId":"aaa","time":"2026-12-01T10:00:00.100Z","outcome":"ok"}
            {"phase":"intent","auditId":"bbb","time":"2026-12-01T11:00:00.000Z","organizationId":6}

            """.write(toFile: path, atomically: false, encoding: .utf8)
            let plugin = try Plugin(["--sandbox", "--audit-log", path])
            #expect(try await plugin.finish() == 0)
            let warnings = plugin.process.stderrText.split(separator: "\n").filter { $0.contains("never ended") }
            #expect(warnings.count == 1)
            #expect(warnings.first?.hasSuffix(" warning the audit log holds a write that never ended: webnic-rpc stopped while sending it, so it may or may not have been applied; read the organization and compare organizationId=6 auditId=bbb time=2026-12-01T11:00:00.000Z") == true)
        }

        @Test("a log that cannot take the intent: the write is refused with configuration and nothing is sent")
        func unwritable() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--audit-log", "/dev/full"])
            let response = try await plugin.call("patchOrganizationContact", ["organizationId": 5, "changes": ["city": "Ipoh"]], id: 1)
            #expect(response["error"] == [
                "code": 1011,
                "message": "The write was not sent: its record could not be written to the audit log /dev/full (No space left on device).",
                "data": [
                    "category": "configuration", "retryable": false,
                    "hint": "Make the audit log /dev/full writable (space, permissions), or point --audit-log elsewhere and restart webnic-rpc.",
                    "attempts": 1,
                ],
            ])
            #expect(try await simulator.requests().map(\.["method"]) == ["POST", "GET"])
        }

        @Test("a path that cannot be opened for appending stops the start with exit 2")
        func cannotOpen() async throws {
            let directory = try Self.directory()
            let plugin = try Plugin(["--sandbox", "--audit-log", directory.path])
            #expect(try await plugin.process.waitForExit() == 2)
            #expect(plugin.process.stderrText == "webnic-rpc: the audit log \(directory.path) cannot be written: Is a directory; choose a path webnic-rpc can create or append to.\n")
            let viaEnvironment = try Plugin(["--sandbox"], environment: ["WEBNIC_AUDIT_LOG": directory.appendingPathComponent("missing/audit.jsonl").path])
            #expect(try await viaEnvironment.process.waitForExit() == 2)
            #expect(viaEnvironment.process.stderrText.contains("cannot be written: No such file or directory"))
        }

        @Test("an existing log others can read gets a warning naming the chmod")
        func sharedLog() async throws {
            let path = try Self.directory().appendingPathComponent("audit.jsonl").path
            #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o644]))
            let plugin = try Plugin(["--sandbox", "--audit-log", path])
            #expect(try await plugin.finish() == 0)
            #expect(plugin.process.stderrText.contains("warning the audit log can be read by others; it holds contact data path=\(path) fix=\"chmod 600 \(path)\""))
        }
    }
}
