import Doctor
import Log
import Testing
import WebNIC
import WebNICSimulator

/// A diagnosis with a libcurl step that reports `library` and a handshake that is never needed
/// over http (the servers here are loopback http).
func diagnosis(library: Result<String, TransportError> = .success("libcurl/test")) -> TransportDiagnosis {
    TransportDiagnosis(step: "libcurl", library: { library }, handshake: { _, _, _ throws(TransportError) in .zero })
}

/// A simulator served over loopback HTTP, and a subject pointing at it.
struct LoopbackWebNIC {
    let simulator: WebNICSimulator
    let server: SimulatorHTTPServer

    init(settings: SimulatorSettings = SimulatorSettings()) throws {
        simulator = WebNICSimulator(settings: settings)
        server = try SimulatorHTTPServer(simulator: simulator, port: 0)
    }

    /// Runs doctor against this WebNIC with `credentials`, reading `organizationId`, its libcurl
    /// step reporting `library`; stops the server after.
    func diagnose(
        credentials: Credentials?, organizationId: Int64?, library: Result<String, TransportError> = .success("libcurl/test")
    ) async throws -> DoctorReport {
        defer { server.stop() }
        return await Doctor(
            try subject(credentials: credentials, organizationId: organizationId), transport: SimulatorTransport(simulator: simulator),
            diagnosis: diagnosis(library: library), logger: .disabled
        ).run()
    }

    private func subject(credentials: Credentials?, organizationId: Int64?) throws -> Doctor.Subject {
        Doctor.Subject(
            configuration: "test settings", sandbox: false,
            client: try ClientConfiguration(
                baseURL: "http://127.0.0.1:\(server.port)", credentials: credentials, timeout: .seconds(5), userAgent: "doctor-test"
            ),
            connection: ConnectionPolicy(), organizationId: organizationId
        )
    }
}

/// Each step's name and status: `ok`, `skipped` or `FAILED`.
func statuses(_ report: DoctorReport) -> [String] {
    report.checks.map { "\($0.name) \($0.skipped ? "skipped" : $0.ok ? "ok" : "FAILED")" }
}

@Suite("Doctor's steps, in-process")
struct DoctorStepTests {
    static let credentials = Credentials.password(username: SimulatorSettings.sandboxUsername, password: SimulatorSettings.sandboxPassword)

    @Test("every step passes against a WebNIC that answers; the steps that have no work say why they are skipped")
    func allPass() async throws {
        let webnic = try LoopbackWebNIC()
        let report = try await webnic.diagnose(credentials: Self.credentials, organizationId: 5)
        #expect(statuses(report) == [
            "configuration ok", "libcurl ok", "dns ok", "connection ok", "tls skipped", "token ok", "organization ok", "routeDiscovery skipped",
        ])
        #expect(report.ok)
        #expect(report.checks[4].detail == "the base URL is http (allowed on a loopback host only)")
        #expect(report.checks[5].detail == "minted; it lives 3600 s and is reused until shortly before")
        #expect(report.checks[6].detail == "GET /ssl/v2/organization/{organizationId}: organization 5 (Nelson Solutions) in the documented shape, modified 2025-01-13T12:52:01.973992Z")
        #expect(report.checks[6].hint == nil)
        #expect(report.text.hasSuffix("\nAll 6 checks that ran passed."))
    }

    @Test("no credentials: configuration fails with the category and hint a call would get; token and organization are skipped")
    func noCredentials() async throws {
        let webnic = try LoopbackWebNIC()
        let report = try await webnic.diagnose(credentials: nil, organizationId: 5)
        #expect(statuses(report) == [
            "configuration FAILED", "libcurl ok", "dns ok", "connection ok", "tls skipped", "token skipped", "organization skipped",
            "routeDiscovery skipped",
        ])
        #expect(!report.ok)
        #expect(report.checks[0].detail == "test settings: configuration: No WebNIC credentials are configured: set WEBNIC_USERNAME and WEBNIC_PASSWORD (or WEBNIC_PASSWORD_FILE), or WEBNIC_TOKEN (or WEBNIC_TOKEN_FILE).")
        #expect(report.checks[0].hint == "Set the setting named above (credentials or base URL), then run webnic-rpc doctor again.")
        #expect(report.checks[5...].map(\.detail) == ["needs credentials", "needs credentials", "needs credentials"])
    }

    @Test("an unusable HTTP library fails its step with its hint; nothing after it that needs WebNIC runs")
    func libraryMissing() async throws {
        let webnic = try LoopbackWebNIC()
        let report = try await webnic.diagnose(
            credentials: Self.credentials, organizationId: 5, library: .failure(.unavailable("libcurl.so.4 was not found", hint: "Install libcurl4."))
        )
        #expect(statuses(report) == [
            "configuration ok", "libcurl FAILED", "dns ok", "connection ok", "tls skipped", "token skipped", "organization skipped",
            "routeDiscovery skipped",
        ])
        #expect(report.checks[1].detail == "configuration: Nothing can be sent to WebNIC: libcurl.so.4 was not found.")
        #expect(report.checks[1].hint == "Install libcurl4.")
        #expect(report.checks[4].detail == "needs libcurl")
        #expect(report.checks[5...].map(\.detail) == Array(repeating: "needs WebNIC to be reachable", count: 3))
    }

    @Test("Get Organization Info elsewhere than assumed: the organization step fails as a missing path, and routeDiscovery finds it")
    func routeDiscovery() async throws {
        let moved = try RouteTable(getOrganizationPath: RouteTable.getOrganizationCandidates[1])
        let webnic = try LoopbackWebNIC(settings: SimulatorSettings(routes: moved))
        let report = try await webnic.diagnose(credentials: Self.credentials, organizationId: 5)
        #expect(statuses(report) == [
            "configuration ok", "libcurl ok", "dns ok", "connection ok", "tls skipped", "token ok", "organization FAILED", "routeDiscovery ok",
        ])
        #expect(report.checks[6].detail == "GET /ssl/v2/organization/{organizationId}: bad_upstream_response: WebNIC has no such route (HTTP 404 without its envelope); the base URL or the route table is wrong. [HTTP 404]")
        #expect(report.checks[6].hint == "No such path at WebNIC: the routeDiscovery step below looks for the path of Get Organization Info and prints the --get-organization-path to start with.")
        #expect(report.checks[7].detail == "Get Organization Info answers at /ssl/v2/organization/{organizationId}/info (tried 2 paths)")
        #expect(report.checks[7].hint == "Start webnic-rpc with --get-organization-path '/ssl/v2/organization/{organizationId}/info' (or WEBNIC_GET_ORGANIZATION_PATH='/ssl/v2/organization/{organizationId}/info').")
        #expect(webnic.simulator.receivedRequests.compactMap { $0["path"]?.stringValue } == [
            "/reseller/v2/api-user/token", "/ssl/v2/organization/5", "/ssl/v2/organization/info?organizationId=5", "/ssl/v2/organization/5/info",
        ])
    }

    @Test("the sandbox skips the network steps, naming why, and reads from the simulator in the process")
    func sandbox() async throws {
        let simulator = WebNICSimulator()
        let subject = Doctor.Subject(
            configuration: "sandbox", sandbox: true,
            client: try ClientConfiguration(baseURL: "https://sandbox.invalid", credentials: Self.credentials, timeout: .seconds(5), userAgent: "t"),
            connection: ConnectionPolicy(), organizationId: 6
        )
        let report = await Doctor(subject, transport: SimulatorTransport(simulator: simulator), diagnosis: diagnosis(), logger: .disabled).run()
        #expect(statuses(report) == [
            "configuration ok", "libcurl skipped", "dns skipped", "connection skipped", "tls skipped", "token ok", "organization ok",
            "routeDiscovery skipped",
        ])
        #expect(report.checks[1...4].map(\.detail) == Array(repeating: "the sandbox answers from inside this process; nothing is sent", count: 4))
        #expect(report.checks[6].detail == "GET /ssl/v2/organization/{organizationId}: organization 6 (Tan & Daughters <Trading> Sdn. Bhd.) in the documented shape, modified 2025-02-10T08:00:00Z")
    }
}
