import Foundation
import JSONCore
import Testing

extension EndToEndTests {
    @Suite("webnic-rpc call, end to end")
    struct CallTests {
        /// Runs `webnic-rpc call` with `arguments` (and `input` on stdin); its exit status, stdout and stderr.
        static func call(
            _ arguments: [String], environment: [String: String] = [:], input: String? = nil
        ) async throws -> (status: Int32, stdout: String, stderr: String) {
            let process = try ChildProcess(Binaries.plugin, arguments: ["call"] + arguments, environment: environment)
            if let input { process.send(input) }
            process.closeInput()
            let status = try await process.waitForExit(timeout: .seconds(30))
            return (status, process.stdoutText, process.stderrText)
        }

        @Test("success: the result on stdout as one line (not a terminal), nothing on stderr, exit 0; flags before or after the arguments")
        func success() async throws {
            let after = try await Self.call(["getOrganization", "organizationId=5", "--sandbox"])
            #expect(after.status == 0)
            #expect(try json(after.stdout) == (try json(Fixtures.organization5)))
            #expect(after.stdout.hasSuffix("}\n") && after.stdout.split(separator: "\n").count == 1)
            #expect(after.stderr == "")
            let before = try await Self.call(["--sandbox", "getOrganization", "organizationId=5"])
            #expect(before.status == 0 && before.stdout == after.stdout)
        }

        @Test("arguments are typed by the method's schema: an id is an integer, a zip stays text, dryRun a boolean, := a raw JSON value")
        func typing() async throws {
            let result = try await Self.call([
                "patchOrganizationContact", "organizationId=5", "changes.zip=01234", "changes.jobTitle:=null", "dryRun=true", "--sandbox",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let plan = try json(result.stdout)
            #expect(plan["changes"] == [
                ["field": "organization.zip", "before": "571001", "after": "01234"],
                ["field": "organization.jobTitle", "before": "guru", "after": nil],
            ])
            #expect(plan["request"]?["body"]?["organization"]?["zip"] == "01234")
        }

        @Test("a JSON object, or - for one on stdin, gives the params; key=value pairs add to them")
        func jsonArguments() async throws {
            let inline = try await Self.call(["getOrganization", #"{"organizationId": 6}"#, "--sandbox"])
            #expect(try json(inline.stdout)["organizationId"] == 6)
            let piped = try await Self.call(["planOrganizationContactChange", "-", "changes.city=Ipoh", "--sandbox"], input: #"{"organizationId": 5}"#)
            #expect(try json(piped.stdout)["changes"] == [["field": "organization.city", "before": "Bukit Jalil 2", "after": "Ipoh"]])
        }

        @Test("--output text: an organization as aligned field: value lines, a change as field: before → after, an error as one line")
        func text() async throws {
            let organization = try await Self.call(["getOrganization", "organizationId=5", "--sandbox", "--output", "text"])
            #expect(organization.stdout.split(separator: "\n").prefix(3) == [
                "organizationId:         5", "company:                Nelson Solutions", "firstName:              First Name Here's",
            ])
            #expect(organization.stdout.hasSuffix("modifiedAt:             2025-01-13T12:52:01.973992Z\n"))
            let plan = try await Self.call(["planOrganizationContactChange", "organizationId=5", "changes.city=Ipoh", "--sandbox", "--output", "text"])
            #expect(plan.stdout == """
            organization.city: Bukit Jalil 2 → Ipoh
            request:           PUT https://sandbox.webnic-rpc.invalid/ssl/v2/organization/5/contact/update
            modifiedAt:        2025-01-13T12:52:01.973992Z

            """)
            let missing = try await Self.call(["getOrganization", "organizationId=999", "--sandbox", "--output", "text"])
            #expect(missing.status == 5 && missing.stdout == "")
            #expect(missing.stderr == "not_found: WebNIC found no such organization: Organization not found. Hint: Check organizationId: no such organization exists for this account in this environment.\n")
        }

        @Test("a failure: nothing on stdout; stderr names the category, the message and the hint, and ends with the error as JSON")
        func failure() async throws {
            let result = try await Self.call(["getOrganization", "organisationId=5", "--sandbox"])
            #expect(result.status == 3 && result.stdout == "")
            let lines = result.stderr.split(separator: "\n").map(String.init)
            #expect(lines.count == 2)
            #expect(lines[0].hasPrefix("webnic-rpc: invalid_params: Invalid params, 2 problems: `organisationId`: unknown field; did you mean `organizationId`?"))
            let error = try json(lines[1])
            #expect(error["code"] == -32602 && error["data"]?["category"] == "invalid_params")
            #expect(error["data"]?["fieldErrors"]?.arrayValue?.first?["message"] == "unknown field; did you mean `organizationId`?")
        }

        @Test("usage errors exit 2 and say what to do: an unknown method, a value of the wrong type, no method at all")
        func usage() async throws {
            let method = try await Self.call(["getOrganisation", "organizationId=5", "--sandbox"])
            #expect(method.status == 2 && method.stdout == "")
            #expect(method.stderr == "webnic-rpc: call: unknown method \"getOrganisation\". Did you mean getOrganization? The methods are getOrganization, planOrganizationContactChange, updateOrganizationContact, patchOrganizationContact, rpc.discover.\n")
            let typed = try await Self.call(["getOrganization", "organizationId=five", "--sandbox"])
            #expect(typed.status == 2 && typed.stderr == "webnic-rpc: call: organizationId expects an integer, got \"five\".\n")
            let none = try await Self.call(["--sandbox"])
            #expect(none.status == 2 && none.stderr.hasPrefix("webnic-rpc: call needs a method: webnic-rpc call getOrganization organizationId=5;"))
        }

        @Test("each class of failure has its exit status", arguments: [
            (["getOrganization", "organizationId=999"], [String](), Int32(5), "not_found"),
            (["patchOrganizationContact", "organizationId=5", "changes.city=Ipoh", "expectedModifiedAt=2020-01-01T00:00:00Z"], [], 6, "conflict"),
            (["patchOrganizationContact", "organizationId=5", "changes.city=Ipoh"], ["--read-only"], 7, "read_only"),
            (["getOrganization", "organizationId=6"], ["--organizations", "5"], 7, "out_of_scope"),
            (["patchOrganizationContact", "organizationId=5", "changes.city=Ipoh"], ["--confirm-writes"], 7, "approval_required"),
            (["patchOrganizationContact", "organizationId=5", "changes.countryCode=XX"], [], 3, "invalid_params"),
        ])
        func statuses(arguments: [String], flags: [String], status: Int32, category: String) async throws {
            let result = try await Self.call(arguments + ["--sandbox"] + flags)
            #expect(result.status == status, "\(result.stderr)")
            #expect(try json(String(result.stderr.split(separator: "\n").last ?? ""))["data"]?["category"] == .string(category))
        }

        @Test("against WebNIC: refused credentials exit 4, a passing failure 8, a write whose outcome is unknown 9, anything else 1")
        func upstream() async throws {
            let simulator = try await Simulator()
            let wrong = try await Self.call(["getOrganization", "organizationId=5"], environment: simulator.environment.merging(["WEBNIC_PASSWORD": "wrong"]) { $1 })
            #expect(wrong.status == 4, "\(wrong.stderr)")
            try await simulator.inject("http503", route: "getOrganization", count: 1)
            let busy = try await Self.call(["getOrganization", "organizationId=5", "--retries", "0"], environment: simulator.environment)
            #expect(busy.status == 8, "\(busy.stderr)")
            #expect(busy.stderr.hasPrefix("webnic-rpc: upstream_error: "))
            let unconfigured = try await Self.call(["getOrganization", "organizationId=5", "--base-url", simulator.baseURL])
            #expect(unconfigured.status == 1 && unconfigured.stderr.hasPrefix("webnic-rpc: configuration: No WebNIC credentials are configured"))
            try await simulator.inject("delay", route: "updateOrganizationContact", extra: ["delayMs": 3000])
            let unknown = try await Self.call(["patchOrganizationContact", "organizationId=6", "changes.city=Ipoh", "--timeout", "1", "--retries", "0"], environment: simulator.environment)
            #expect(unknown.status == 9, "\(unknown.stderr)")
            #expect(unknown.stderr.hasPrefix("webnic-rpc: outcome_unknown: The write may have reached WebNIC, but WebNIC did not answer within the timeout: it may or may not have been applied. Hint: "))
            let written = try await Self.call(["patchOrganizationContact", "organizationId=5", "changes.city=Ipoh"], environment: simulator.environment)
            let record = try json(written.stdout)
            #expect(written.status == 0 && record["organization"]?["city"] == "Ipoh")
            #expect(try await simulator.requests().filter { $0["method"] == "PUT" }.count == 2)
        }

        @Test("the safe change of the README runs as shown: plan, then patch guarded by the plan's modifiedAt")
        func safeChange() async throws {
            let simulator = try await Simulator()
            let script = """
            plan=$(webnic-rpc call planOrganizationContactChange organizationId=5 changes.phoneNumber=+60.312345678 --output text) && echo "$plan"
            modified=$(echo "$plan" | sed -n 's/^modifiedAt: *//p')
            webnic-rpc call patchOrganizationContact organizationId=5 changes.phoneNumber=+60.312345678 expectedModifiedAt="$modified" --output text
            """
            var environment = simulator.environment
            environment["PATH"] = Binaries.directory.path + ":/usr/bin:/bin"
            let process = try ChildProcess("/bin/sh", arguments: ["-c", script], environment: environment)
            #expect(try await process.waitForExit(timeout: .seconds(30)) == 0, "\(process.stderrText)")
            let lines = process.stdoutText.split(separator: "\n")
            #expect(lines.first == "organization.phoneNumber: +022.6506503 → +60.312345678")
            #expect(lines.last == "organization.phoneNumber: +022.6506503 → +60.312345678")
            #expect(try await simulator.requests().filter { $0["method"] == "PUT" }.count == 1)
        }
    }
}
