import Foundation
import JSONCore
import Testing

extension EndToEndTests {
    @Suite("webnic-rpc doctor, end to end against webnic-sim")
    struct DoctorTests {
        /// Runs `webnic-rpc doctor` with `arguments` and `environment`; returns its exit status and output.
        static func doctor(_ arguments: [String], environment: [String: String] = [:]) async throws -> (status: Int32, stdout: String, stderr: String) {
            let process = try ChildProcess(Binaries.plugin, arguments: ["doctor"] + arguments, environment: environment)
            let status = try await process.waitForExit(timeout: .seconds(30))
            return (status, process.stdoutText, process.stderrText)
        }

        /// The report of `--json`, as (name, ok, skipped, detail, hint) per check.
        static func checks(_ stdout: String) throws -> [(name: String, ok: Bool, skipped: Bool, detail: String, hint: String?)] {
            let report = try json(stdout)
            return try #require(report["checks"]?.arrayValue).map { check in
                (
                    check["name"]?.stringValue ?? "?", check["ok"] == true, check["skipped"] == true, check["detail"]?.stringValue ?? "",
                    check["hint"]?.stringValue
                )
            }
        }

        static let libraryStep = Binaries.transport
        static let libraryPrefix = Binaries.transport == "libcurl" ? "libcurl/" : "URLSession ("
        static let names = ["configuration", libraryStep, "dns", "connection", "tls", "token", "organization", "routeDiscovery"]

        @Test("against the simulator every step that applies passes; --json holds each check, field by field")
        func allGreen() async throws {
            let simulator = try await Simulator()
            let (status, stdout, stderr) = try await Self.doctor(["--organization-id", "5", "--json"], environment: simulator.environment)
            #expect(status == 0)
            let report = try json(stdout)
            #expect(report["ok"] == true)
            let checks = try Self.checks(stdout)
            #expect(checks.map(\.name) == Self.names)
            #expect(checks.map { $0.skipped ? "skipped" : $0.ok ? "ok" : "failed" } == ["ok", "ok", "ok", "ok", "skipped", "ok", "ok", "skipped"])
            // A base URL of one's own is named by its host, not as OTE.
            #expect(checks[0].detail == "127.0.0.1:\(simulator.port) (a base URL of your own, neither OTE nor production) at \(simulator.baseURL); credentials: API user \(Simulator.username), password from WEBNIC_PASSWORD")
            #expect(checks[1].detail.hasPrefix(Self.libraryPrefix))
            #expect(checks[2].detail == "127.0.0.1: IPv4 127.0.0.1; IPv6 none; with --ipv4: 127.0.0.1")
            #expect(checks[3].detail == "TCP to 127.0.0.1 port \(simulator.port)")
            #expect(checks[4].detail == "the base URL is http (allowed on a loopback host only)")
            #expect(checks[5].detail == "minted; it lives 3600 s and is reused until shortly before")
            #expect(checks[6].detail == "GET /ssl/v2/organization/{organizationId}: organization 5 (Nelson Solutions) in the documented shape, modified 2025-01-13T12:52:01.973992Z")
            let entries = try #require(report["checks"]?.arrayValue)
            for entry in entries {
                #expect(entry.objectValue?.keys == ["name", "ok", "skipped", "detail", "hint", "ms"])
                #expect(entry["skipped"] == true ? entry["ms"] == .null : true)
            }
            #expect(entries[6]["ms"]?.numberValue != nil)
            #expect(!stdout.contains(Simulator.password) && !stderr.contains(Simulator.password))
            #expect(try await simulator.requests().map { "\($0["method"]?.stringValue ?? "") \($0["path"]?.stringValue ?? "")" } == [
                "POST /reseller/v2/api-user/token", "GET /ssl/v2/organization/5",
            ])
        }

        @Test("in the sandbox: the network steps are skipped, the rest passes; one line per step and a summary")
        func sandbox() async throws {
            let (status, stdout, _) = try await Self.doctor(["--sandbox", "--organization-id", "5"])
            #expect(status == 0)
            let lines = stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 9)
            #expect(lines.map { $0.split(separator: " ").first.map(String.init) } == ["ok", "skipped", "skipped", "skipped", "skipped", "ok", "ok", "skipped", "All"])
            #expect(lines[0] == "ok       configuration   sandbox (the built-in simulator) at https://sandbox.webnic-rpc.invalid; credentials: the sandbox's own")
            #expect(lines.last == "All 3 checks that ran passed.")
        }

        @Test("a wrong password fails at the token with the unauthorized hint; what needs a token is skipped; exit 1")
        func wrongPassword() async throws {
            let simulator = try await Simulator()
            var environment = simulator.environment
            environment["WEBNIC_PASSWORD"] = "not-the-password"
            let (status, stdout, _) = try await Self.doctor(["--organization-id", "5", "--json"], environment: environment)
            #expect(status == 1)
            let checks = try Self.checks(stdout)
            #expect(checks[5].name == "token" && !checks[5].ok)
            #expect(checks[5].detail == "unauthorized: WebNIC refused the API user or password: Invalid username. [HTTP 500, RES5001]")
            #expect(checks[5].hint == "Check WEBNIC_USERNAME and WEBNIC_PASSWORD (or WEBNIC_TOKEN) for this environment; OTE and production credentials differ.")
            #expect(checks[6].skipped && checks[6].detail == "needs a token" && checks[7].skipped)
            #expect(!stdout.contains("not-the-password"))
        }

        @Test("a fixed token is not minted; the organization step shows WebNIC refusing it")
        func fixedToken() async throws {
            let simulator = try await Simulator()
            let (status, stdout, _) = try await Self.doctor(
                ["--organization-id", "5", "--json"], environment: ["WEBNIC_TOKEN": "revoked-token", "WEBNIC_BASE_URL": simulator.baseURL]
            )
            #expect(status == 1)
            let checks = try Self.checks(stdout)
            #expect(checks[0].detail == "127.0.0.1:\(simulator.port) (a base URL of your own, neither OTE nor production) at \(simulator.baseURL); credentials: fixed token from WEBNIC_TOKEN")
            #expect(checks[5].ok && !checks[5].skipped)
            #expect(checks[5].detail == "a fixed token: not minted, not renewed; the organization step checks that WebNIC accepts it")
            #expect(checks[6].detail.contains("unauthorized: WebNIC refused the token: Invalid or expired token"))
            #expect(!stdout.contains("revoked-token"))
        }

        @Test("a blocked IP, with HTTP 403 or with 400 and a …0004 sub-code: forbidden, and the hint explains the allow list and --ipv4", arguments: [
            ("http403", "forbidden: WebNIC refused the call from this address (HTTP 403, RES0004): Forbidden access. [HTTP 403, RES0004]"),
            ("forbidden400", "forbidden: WebNIC refused the call from this address (HTTP 400, DOM0004): Forbidden access with current ip address. [HTTP 400, DOM0004]"),
        ])
        func blockedIP(fault: String, detail: String) async throws {
            let simulator = try await Simulator()
            try await simulator.inject(fault, route: "getOrganization")
            let (status, stdout, _) = try await Self.doctor(["--organization-id", "5", "--json"], environment: simulator.environment)
            #expect(status == 1)
            let organization = try Self.checks(stdout)[6]
            #expect(!organization.ok && organization.detail == "GET /ssl/v2/organization/{organizationId}: " + detail)
            let hint = try #require(organization.hint)
            #expect(hint.contains("allow list") && hint.contains("--ipv4"))
            #expect(try Self.checks(stdout)[7].skipped)
        }

        @Test("an organization that does not exist is not_found; no route discovery")
        func missingOrganization() async throws {
            let simulator = try await Simulator()
            let (status, stdout, _) = try await Self.doctor(["--organization-id", "999", "--json"], environment: simulator.environment)
            #expect(status == 1)
            let checks = try Self.checks(stdout)
            #expect(checks[6].detail == "GET /ssl/v2/organization/{organizationId}: not_found: WebNIC found no such organization: Organization not found. [HTTP 400, SSL2400]")
            #expect(checks[6].hint == "Check organizationId: no such organization exists for this account in this environment.")
            #expect(checks[7].skipped)
        }

        @Test("Get Organization Info at another path: the default answers 404, discovery finds the path, GET only, and prints the setting")
        func discovery() async throws {
            let path = "/ssl/v2/organization/info?organizationId={organizationId}"
            let simulator = try await Simulator(arguments: ["--get-organization-path", path])
            let (status, stdout, _) = try await Self.doctor(["--organization-id", "5"], environment: simulator.environment)
            #expect(status == 1)
            let lines = stdout.split(separator: "\n").map(String.init)
            #expect(lines[6].hasPrefix("FAILED   organization    GET /ssl/v2/organization/{organizationId}: bad_upstream_response: WebNIC has no such route (HTTP 404 without its envelope)"))
            // The organization step points to route discovery, not to the base URL.
            #expect(lines[6].hasSuffix(" ms). What to do: No such path at WebNIC: the routeDiscovery step below looks for the path of Get Organization Info and prints the --get-organization-path to start with."))
            #expect(lines[7].hasPrefix("ok       routeDiscovery  Get Organization Info answers at \(path) (tried 1 path) ("))
            #expect(lines[7].hasSuffix(" ms). What to do: Start webnic-rpc with --get-organization-path '\(path)' (or WEBNIC_GET_ORGANIZATION_PATH='\(path)')."))
            #expect(try await simulator.requests().map(\.["method"]) == ["POST", "GET", "GET"])

            let fixed = try await Self.doctor(["--organization-id", "5", "--get-organization-path", path], environment: simulator.environment)
            #expect(fixed.status == 0)
        }

        @Test("no candidate path answers: discovery fails and says whom to ask")
        func discoveryFails() async throws {
            let simulator = try await Simulator(arguments: ["--get-organization-path", "/ssl/v2/org/{organizationId}/details"])
            let (status, stdout, _) = try await Self.doctor(["--organization-id", "5", "--json"], environment: simulator.environment)
            #expect(status == 1)
            let discovery = try Self.checks(stdout)[7]
            #expect(!discovery.ok)
            #expect(discovery.detail == "no candidate path answers with an organization: /ssl/v2/organization/info?organizationId={organizationId}: no such path; /ssl/v2/organization/{organizationId}/info: no such path; /ssl/v2/organization/info/{organizationId}: no such path")
            #expect(discovery.hint == "Ask WebNIC for the path of Get Organization Info, then set it with --get-organization-path.")
        }

        @Test("without credentials the configuration step fails, the network steps still run, the token is skipped")
        func noCredentials() async throws {
            let simulator = try await Simulator()
            let (status, stdout, _) = try await Self.doctor(["--json"], environment: ["WEBNIC_BASE_URL": simulator.baseURL])
            #expect(status == 1)
            let checks = try Self.checks(stdout)
            #expect(!checks[0].ok && checks[0].detail.hasSuffix("configuration: No WebNIC credentials are configured: set WEBNIC_USERNAME and WEBNIC_PASSWORD (or WEBNIC_PASSWORD_FILE), or WEBNIC_TOKEN (or WEBNIC_TOKEN_FILE)."))
            #expect(checks[3].ok && !checks[3].skipped)
            #expect(checks[5].skipped && checks[5].detail == "needs credentials")
            // Doctor is run again, not webnic-rpc restarted.
            #expect(checks[0].hint == "Set the setting named above (credentials or base URL), then run webnic-rpc doctor again.")
        }

        @Test("usage errors exit 2: a doctor flag without doctor, a bad organization id")
        func usage() async throws {
            let plugin = try ChildProcess(Binaries.plugin, arguments: ["--json"])
            #expect(try await plugin.waitForExit() == 2)
            #expect(plugin.stderrText == "webnic-rpc: --json belongs to the doctor command: webnic-rpc doctor --json …; see --help.\n")
            let (status, _, stderr) = try await Self.doctor(["--organization-id", "five"])
            #expect(status == 2)
            #expect(stderr == "webnic-rpc: --organization-id expects a whole number from 1, got \"five\".\n")
        }
    }
}

extension EndToEndTests {
    @Suite("--get-organization-path, end to end")
    struct RouteOverrideTests {
        @Test("the plugin calls the path set at start, logs it, and rpc.discover names it")
        func override() async throws {
            let path = "/ssl/v2/organization/info?organizationId={organizationId}"
            let simulator = try await Simulator(arguments: ["--get-organization-path", path])
            let plugin = try Plugin(simulator: simulator, [], environment: ["WEBNIC_GET_ORGANIZATION_PATH": path])
            let read = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(read["result"] == (try json(Fixtures.organization5)))
            let patched = try await plugin.call("patchOrganizationContact", ["organizationId": 5, "changes": ["city": "Ipoh"]], id: 2)
            #expect(patched["result"]?["organization"]?["city"] == "Ipoh")
            #expect(try await simulator.requests().compactMap { $0["path"]?.stringValue } == [
                "/reseller/v2/api-user/token", "/ssl/v2/organization/info?organizationId=5", "/ssl/v2/organization/info?organizationId=5",
                "/ssl/v2/organization/5/contact/update",
            ])
            let discover = try await plugin.call("rpc.discover", id: 3)
            let description = discover["result"]?["methods"]?.arrayValue?.first { $0["name"] == "getOrganization" }?["description"]?.stringValue
            #expect(description == "Calls WebNIC's Get Organization Info (`GET \(path)`, the path set at start with --get-organization-path in place of the assumed `/ssl/v2/organization/{organizationId}`). Strings come back HTML-entity-decoded.")
            #expect(try await plugin.finish() == 0)
            #expect(plugin.process.stderrText.contains("info Get Organization Info path set at start path=\"\(path)\" default=/ssl/v2/organization/{organizationId}"))
        }

        @Test("a template without the placeholder or not starting with / stops the start with exit 2")
        func invalid() async throws {
            let plugin = try Plugin(["--get-organization-path", "/ssl/v2/organization/info"])
            #expect(try await plugin.process.waitForExit() == 2)
            #expect(plugin.process.stderrText == "webnic-rpc: The Get Organization Info path \"/ssl/v2/organization/info\" must hold {organizationId} once; for example /ssl/v2/organization/info?organizationId={organizationId}.\n")
            let relative = try Plugin([], environment: ["WEBNIC_GET_ORGANIZATION_PATH": "ssl/{organizationId}"])
            #expect(try await relative.process.waitForExit() == 2)
        }
    }
}
