import Foundation
import JSONCore
import Testing

/// `--confirm-writes` and the preview tool, spoken to as an MCP host in a handshake era would, by
/// hand; the official SDK drives the same in both eras in `Tests/contract/test_approval.py`.
extension EndToEndTests {
    @Suite("Approval of writes (--confirm-writes), end to end")
    struct ApprovalTests {
        static func initialize(elicitation: Bool, version: String = "2025-11-25") -> String {
            let capabilities = elicitation ? #"{"elicitation":{}}"# : "{}"
            return #"{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"\#(version)","capabilities":\#(capabilities),"clientInfo":{"name":"e2e-host","version":"1.2"}}}"#
        }

        static func patch(_ id: String, organization: Int = 5, changes: JSONValue = ["email": "admin@nelson.example"]) -> String {
            MCPServerTests.call(0, "patch_organization_contact", ["organizationId": .integer(Int64(organization)), "changes": changes], modern: false)
                .replacingOccurrences(of: #""id":0"#, with: #""id":"\#(id)""#)
        }

        /// Waits until stdout holds a message `matching`, and returns it.
        static func message(_ plugin: Plugin, timeout: Duration = .seconds(10), matching: (JSONValue) -> Bool) async throws -> JSONValue {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if let found = try plugin.process.stdoutLines.map(json).first(where: matching) { return found }
                try await Task.sleep(for: .milliseconds(5))
            }
            throw ChildProcessError(description: "no such message; stdout: \(plugin.process.stdoutText)\nstderr: \(plugin.process.stderrText)")
        }

        static func puts(_ simulator: Simulator) async throws -> [JSONValue] {
            try await simulator.requests().filter { $0["method"] == "PUT" }
        }

        @Test("the person is asked where the write goes and what changes; approve true sends exactly the PUT shown; reads go on while the question is open")
        func approved() async throws {
            let path = try AuditLogTests.directory().appendingPathComponent("audit.jsonl").path
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--confirm-writes", "--audit-log", path])
            plugin.send(Self.initialize(elicitation: true))
            plugin.send(Self.patch("w"))
            let question = try await Self.message(plugin) { $0["method"] == "elicitation/create" }
            #expect(question["id"] == "webnic-rpc-1")
            #expect(question["params"] == [
                "mode": "form",
                "message": .string("""
                Send this change to WebNIC at 127.0.0.1:\(simulator.port)?
                Organization 5 (Nelson Solutions):
                - organization.email: "wj@webnic.cc" → "admin@nelson.example"
                Nothing is sent unless you approve.
                """),
                "requestedSchema": [
                    "type": "object",
                    "properties": ["approve": ["type": "boolean", "title": "Approve this write", "description": "Send exactly this change to WebNIC.", "default": false]],
                    "required": ["approve"],
                ],
            ])
            // The question is open: a read is answered meanwhile, and nothing has been written.
            let read = try await plugin.call("getOrganization", ["organizationId": 6], id: "read")
            #expect(read["result"]?["organizationId"] == 6)
            #expect(try await Self.puts(simulator).isEmpty)
            plugin.send(#"{"jsonrpc":"2.0","id":"webnic-rpc-1","result":{"action":"accept","content":{"approve":true}}}"#)
            let answer = try await Self.message(plugin) { $0["id"] == "w" }
            #expect(answer["result"]?["isError"] == false)
            #expect(answer["result"]?["structuredContent"]?["changes"] == [["field": "organization.email", "before": "wj@webnic.cc", "after": "admin@nelson.example"]])
            let puts = try await Self.puts(simulator)
            #expect(puts.count == 1)
            #expect(puts.first?["body"]?["organization"]?["email"] == "admin@nelson.example")
            #expect(try await plugin.finish() == 0)
            let records = try AuditLogTests.records(path)
            #expect(records.map { $0["phase"] } == ["intent", "outcome"])
            #expect(records[0]["via"] == ["protocol": "mcp", "client": "e2e-host", "clientVersion": "1.2", "era": "2025-11-25"])
            #expect(records[0]["webnic"] == ["environment": "custom", "host": .string("127.0.0.1:\(simulator.port)")])
            let approval = try #require(records[0]["approval"]?.objectValue)
            let asked = try #require(approval["askedAt"]?.stringValue), answered = try #require(approval["answeredAt"]?.stringValue)
            #expect(asked.count == 24 && answered.count == 24 && asked <= answered)
        }

        @Test("decline, dismiss, or approve false: declined, nothing sent, each refusal recorded", arguments: [
            (#"{"action":"decline"}"#, "the person declined"),
            (#"{"action":"cancel"}"#, "the person dismissed the question"),
            (#"{"action":"accept","content":{"approve":false}}"#, "approve was false"),
        ])
        func refused(answer: String, how: String) async throws {
            let path = try AuditLogTests.directory().appendingPathComponent("audit.jsonl").path
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--confirm-writes", "--audit-log", path])
            plugin.send(Self.initialize(elicitation: true))
            plugin.send(Self.patch("w"))
            _ = try await Self.message(plugin) { $0["method"] == "elicitation/create" }
            plugin.send(#"{"jsonrpc":"2.0","id":"webnic-rpc-1","result":\#(answer)}"#)
            let result = try await Self.message(plugin) { $0["id"] == "w" }["result"]
            #expect(result?["isError"] == true)
            #expect(result?["structuredContent"]?["code"] == 1016)
            #expect(result?["structuredContent"]?["message"] == .string("The write was not approved (\(how)): nothing was sent."))
            #expect(result?["structuredContent"]?["category"] == "declined")
            #expect(try await Self.puts(simulator).isEmpty)
            #expect(try await plugin.finish() == 0)
            let records = try AuditLogTests.records(path)
            #expect(records.count == 1)
            #expect(records.first?["phase"] == "refused" && records.first?["outcome"] == "declined" && records.first?["sent"] == false)
            #expect(records.first?["organizationId"] == 5)
        }

        @Test("a client without form elicitation, and a JSON-RPC write: approval_required, nothing sent; reads and previews work")
        func cannotBeAsked() async throws {
            let path = try AuditLogTests.directory().appendingPathComponent("audit.jsonl").path
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--confirm-writes", "--audit-log", path])
            let jsonrpc = try await plugin.call("patchOrganizationContact", ["organizationId": 5, "changes": ["city": "Ipoh"]], id: "j")
            #expect(jsonrpc["error"]?["code"] == 1017)
            #expect(jsonrpc["error"]?["data"]?["category"] == "approval_required")
            #expect(jsonrpc["error"]?["message"] == "This write needs the person's approval, and it cannot be asked: a JSON-RPC caller is a program, and a program cannot be asked; only an MCP client can show the person a question. Nothing was sent.")
            let preview = try await plugin.call("planOrganizationContactChange", ["organizationId": 5, "changes": ["city": "Ipoh"]], id: "p")
            #expect(preview["result"]?["changes"] == [["field": "organization.city", "before": "Bukit Jalil 2", "after": "Ipoh"]])
            plugin.send(Self.initialize(elicitation: false))
            plugin.send(Self.patch("m"))
            let result = try await Self.message(plugin) { $0["id"] == "m" }["result"]
            #expect(result?["structuredContent"]?["category"] == "approval_required")
            #expect(result?["structuredContent"]?["message"] == "This write needs the person's approval, and it cannot be asked: the client did not declare form elicitation in initialize. Nothing was sent.")
            #expect(try await Self.puts(simulator).isEmpty)
            #expect(try await plugin.finish() == 0)
            let records = try AuditLogTests.records(path)
            #expect(records.map { $0["outcome"] } == ["approval_required", "approval_required"])
            #expect(records.map { $0["via"]?["protocol"] } == ["json-rpc", "mcp"])
        }

        @Test("cancelled while the person is asked: nothing sent, the question withdrawn; stdin closed while asked: answered cancelled")
        func cancelledWhileAsked() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--confirm-writes"])
            plugin.send(Self.initialize(elicitation: true))
            plugin.send(Self.patch("w"))
            _ = try await Self.message(plugin) { $0["method"] == "elicitation/create" }
            plugin.send(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"w"}}"#)
            let withdrawn = try await Self.message(plugin) { $0["method"] == "notifications/cancelled" }
            #expect(withdrawn["params"] == ["requestId": "webnic-rpc-1", "reason": "The tool call that asked was cancelled."])
            // A late answer changes nothing.
            plugin.send(#"{"jsonrpc":"2.0","id":"webnic-rpc-1","result":{"action":"accept","content":{"approve":true}}}"#)
            plugin.send(Self.patch("w2", changes: ["city": "Ipoh"]))
            _ = try await Self.message(plugin) { $0["method"] == "elicitation/create" && $0["id"] == "webnic-rpc-2" }
            plugin.process.closeInput()
            #expect(try await plugin.process.waitForExit() == 0)
            let lines = try plugin.process.stdoutLines.map(json)
            #expect(lines.first { $0["id"] == "w" } == nil)
            #expect(lines.first { $0["id"] == "w2" }?["result"]?["structuredContent"]?["category"] == "cancelled")
            #expect(try await Self.puts(simulator).isEmpty)
        }

        @Test("the record changed between the question and the approval: conflict, nothing sent")
        func changedMeanwhile() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--confirm-writes"])
            plugin.send(Self.initialize(elicitation: true))
            plugin.send(Self.patch("w"))
            _ = try await Self.message(plugin) { $0["method"] == "elicitation/create" }
            let other = try Plugin(simulator: simulator)
            #expect(try await other.call("patchOrganizationContact", ["organizationId": 5, "changes": ["city": "Ipoh"]])["result"] != nil)
            #expect(try await other.finish() == 0)
            plugin.send(#"{"jsonrpc":"2.0","id":"webnic-rpc-1","result":{"action":"accept","content":{"approve":true}}}"#)
            let result = try await Self.message(plugin) { $0["id"] == "w" }["result"]
            #expect(result?["structuredContent"]?["category"] == "conflict")
            #expect(try await Self.puts(simulator).count == 1)
            #expect(try await plugin.finish() == 0)
        }
    }

    @Suite("Limits on organizations and fields, end to end")
    struct LimitsTests {
        @Test("--organizations: another organization is out_of_scope for reads, previews and writes alike, and never reaches WebNIC")
        func organizations() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--organizations", "5"])
            #expect(try await plugin.call("getOrganization", ["organizationId": 5])["result"]?["organizationId"] == 5)
            let read = try await plugin.call("getOrganization", ["organizationId": 6], id: 2)
            #expect(read["error"] == [
                "code": 1015, "message": "Organization 6 is outside the organizations webnic-rpc may touch (5): nothing was sent.",
                "data": .object(JSONObject(Fixtures.errorBase(
                    "out_of_scope", retryable: false,
                    hint: "webnic-rpc was started with limits (--organizations, --writable-fields, or WEBNIC_ORGANIZATIONS, WEBNIC_WRITABLE_FIELDS) that leave this out: nothing was sent. Ask the person who runs it to widen them if the call is meant."
                ) + [.init(key: "organizationId", value: 6), .init(key: "allowedOrganizations", value: [5])])),
            ])
            let plan = try await plugin.call("planOrganizationContactChange", ["organizationId": 6, "changes": ["city": "Ipoh"]], id: 3)
            let patch = try await plugin.call("patchOrganizationContact", ["organizationId": 6, "changes": ["city": "Ipoh"]], id: 4)
            let update = try await plugin.call("updateOrganizationContact", ["organizationId": 6, "organization": Fixtures.contact], id: 5)
            #expect([plan, patch, update].map { $0["error"]?["data"]?["category"] } == ["out_of_scope", "out_of_scope", "out_of_scope"])
            plugin.send(MCPServerTests.initialize)
            plugin.send(MCPServerTests.call(6, "get_organization", ["organizationId": 6], modern: false))
            let tool = try await ApprovalTests.message(plugin) { $0["id"] == 6 }
            #expect(tool["result"]?["isError"] == true && tool["result"]?["structuredContent"]?["category"] == "out_of_scope")
            #expect(try await plugin.finish() == 0)
            #expect(try await simulator.requests().compactMap { $0["path"]?.stringValue }.filter { $0.hasSuffix("/6") || $0.contains("/6/") } == [])
        }

        @Test("--writable-fields: a patch naming another field, or an update changing one, is out_of_scope and sends nothing; the rest is written")
        func fields() async throws {
            let path = try AuditLogTests.directory().appendingPathComponent("audit.jsonl").path
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--writable-fields", "email,phoneNumber", "--audit-log", path])
            let city = try await plugin.call("patchOrganizationContact", ["organizationId": 5, "changes": ["city": "Ipoh", "email": "a@b.example"]], id: 1)
            #expect(city["error"]?["message"] == "The field city is outside the fields webnic-rpc may write (email, phoneNumber): nothing was sent.")
            #expect(city["error"]?["data"]?["fields"] == ["city"])
            let current = try #require(try await plugin.call("getOrganization", ["organizationId": 6], id: 2)["result"])
            var replacement = try #require(current["organization"]?.objectValue)
            replacement["email"] = "new@tan.example"
            replacement["jobTitle"] = "CEO"
            let update = try await plugin.call("updateOrganizationContact", ["organizationId": 6, "organization": .object(replacement)], id: 3)
            #expect(update["error"]?["data"]?["category"] == "out_of_scope")
            #expect(update["error"]?["data"]?["fields"] == ["jobTitle"])
            #expect(try await simulator.requests().filter { $0["method"] == "PUT" }.isEmpty)
            replacement["jobTitle"] = current["organization"]?["jobTitle"]
            let allowed = try await plugin.call("updateOrganizationContact", ["organizationId": 6, "organization": .object(replacement)], id: 4)
            #expect(allowed["result"]?["organization"]?["email"] == "new@tan.example")
            let email = try await plugin.call("patchOrganizationContact", ["organizationId": 5, "changes": ["email": "a@b.example"]], id: 5)
            #expect(email["result"]?["organization"]?["email"] == "a@b.example")
            #expect(try await simulator.requests().filter { $0["method"] == "PUT" }.count == 2)
            #expect(try await plugin.finish() == 0)
            let records = try AuditLogTests.records(path)
            #expect(records.map { $0["phase"] } == ["refused", "refused", "intent", "outcome", "intent", "outcome"])
            #expect(records[0]["fields"] == ["city"] && records[0]["outcome"] == "out_of_scope" && records[0]["requestId"] == 1)
            #expect(records[1]["fields"] == ["jobTitle"] && records[1]["organizationId"] == 6)
        }

        @Test("the limits in force are stated at start, in rpc.discover and in every tool's description")
        func stated() async throws {
            let plugin = try Plugin(["--sandbox", "--organizations", "5,6", "--writable-fields", "email", "--confirm-writes"])
            let limits = "each write is sent only once the person approves it through an MCP question; only organizations 5, 6 may be named; a write may change only email"
            let discover = try await plugin.call("rpc.discover")
            #expect(discover["result"]?["info"]?["description"]?.stringValue?.hasSuffix("Limits in force in this process: \(limits).") == true)
            plugin.send(MCPServerTests.initialize)
            plugin.send(#"{"jsonrpc":"2.0","id":"list","method":"tools/list"}"#)
            let tools = try await ApprovalTests.message(plugin) { $0["id"] == "list" }["result"]?["tools"]?.arrayValue ?? []
            #expect(tools.count == 4)
            #expect(tools.allSatisfy { $0["description"]?.stringValue?.hasSuffix("Limits in force: \(limits).") == true })
            #expect(try await plugin.finish() == 0)
            #expect(plugin.process.stderrText.contains("info limits in force: \(limits)\n"))
        }

        @Test("a bad list is a usage error naming what is accepted")
        func usage() async throws {
            let organizations = try Plugin(["--organizations", "5,x"])
            #expect(try await organizations.process.waitForExit() == 2)
            #expect(organizations.process.stderrText == "webnic-rpc: --organizations expects organization ids separated by commas (5,6), got \"x\".\n")
            let fields = try Plugin(["--sandbox"], environment: ["WEBNIC_WRITABLE_FIELDS": "email,phone"])
            #expect(try await fields.process.waitForExit() == 2)
            #expect(fields.process.stderrText == "webnic-rpc: WEBNIC_WRITABLE_FIELDS expects field names separated by commas, each one of company, firstName, lastName, address1, address2, city, state, countryCode, zip, phoneNumber, faxNumber, email, jobTitle, technicalContactId; got \"phone\".\n")
        }
    }
}
