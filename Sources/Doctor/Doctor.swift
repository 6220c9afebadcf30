import ErrorCategories
import Execution
import Log
import WebNIC

/// Checks, step by step, the way from this machine to WebNIC, with the settings of a normal run:
/// configuration, the HTTP library (libcurl on Linux), DNS, TCP connection, TLS, token, one organization, and, when the
/// organization's route answers 404 without WebNIC's envelope, which of the candidate paths of Get
/// Organization Info answers instead. A step whose prerequisite failed is skipped.
///
/// It only ever reads (GET, and the token mint) and never reports a secret. A failure names the
/// error category and hint a JSON-RPC call would get for it.
package struct Doctor: Sendable {
    /// What a diagnosis checks.
    package struct Subject: Sendable {
        /// The settings in words: environment, base URL and where the credentials come from (no secret).
        package let configuration: String
        /// Whether the built-in simulator answers instead of WebNIC (nothing leaves the process).
        package let sandbox: Bool
        /// The client's configuration.
        package let client: ClientConfiguration
        /// How connections are made.
        package let connection: ConnectionPolicy
        /// The organization to read, if any.
        package let organizationId: Int64?

        /// The settings to check, described as `configuration`, and the organization to read, if any.
        package init(configuration: String, sandbox: Bool, client: ClientConfiguration, connection: ConnectionPolicy, organizationId: Int64?) {
            self.configuration = configuration
            self.sandbox = sandbox
            self.client = client
            self.connection = connection
            self.organizationId = organizationId
        }
    }

    private let subject: Subject
    private let client: WebNICClient
    private let diagnosis: TransportDiagnosis

    /// A diagnosis of `subject`, calling WebNIC through `transport` (whose library and handshake
    /// `diagnosis` checks), logging to `logger`.
    package init(_ subject: Subject, transport: any HTTPTransport, diagnosis: TransportDiagnosis, logger: Logger) {
        self.subject = subject
        self.diagnosis = diagnosis
        client = WebNICClient(configuration: subject.client, transport: transport, logger: logger)
    }

    /// Runs every step and returns the report.
    package func run() async -> DoctorReport {
        let hasCredentials = subject.sandbox || subject.client.credentials != nil
        var checks = [hasCredentials ? DoctorCheck.passed("configuration", subject.configuration) : failure(
            "configuration", .noCredentials, context: subject.configuration
        )]
        var reachable = true
        if subject.sandbox {
            let reason = "the sandbox answers from inside this process; nothing is sent"
            checks += [diagnosis.step, "dns", "connection", "tls"].map { DoctorCheck.skipped($0, reason) }
        } else {
            let library = checkLibrary()
            let (dns, address) = await resolve()
            var connection = DoctorCheck.skipped("connection", "needs the DNS step")
            if let address { connection = await connect(address) }
            let tls = library.ok && connection.ok && !connection.skipped
                ? await handshake() : .skipped("tls", library.ok ? "needs the connection step" : "needs \(diagnosis.step)")
            checks += [library, dns, connection, tls]
            reachable = [library, dns, connection, tls].allSatisfy(\.ok) && !connection.skipped
        }
        guard reachable else {
            return DoctorReport(checks: checks + ["token", "organization", "routeDiscovery"].map { .skipped($0, "needs WebNIC to be reachable") })
        }
        guard hasCredentials else {
            return DoctorReport(checks: checks + ["token", "organization", "routeDiscovery"].map { .skipped($0, "needs credentials") })
        }
        let token = await checkToken()
        checks.append(token)
        guard token.ok, let organizationId = subject.organizationId else {
            let reason = token.ok ? "give --organization-id N to read an organization" : "needs a token"
            return DoctorReport(checks: checks + ["organization", "routeDiscovery"].map { .skipped($0, reason) })
        }
        let (organization, missingRoute) = await read(organizationId)
        checks.append(organization)
        checks.append(missingRoute ? await discover(organizationId) : .skipped(
            "routeDiscovery", "runs only when Get Organization Info answers 404 without WebNIC's envelope (a path that does not exist)"
        ))
        return DoctorReport(checks: checks)
    }

    // MARK: - Steps

    private func checkLibrary() -> DoctorCheck {
        switch diagnosis.library() {
        case .success(let version): return .passed(diagnosis.step, version)
        case .failure(let error): return failure(diagnosis.step, WebNICError(transport: error))
        }
    }

    private func resolve() async -> (DoctorCheck, HostProbe.Address?) {
        let host = subject.client.host, port = subject.client.port, ipv4Only = subject.connection.ipv4Only
        let start = ContinuousClock.now
        let outcome = await onThread { HostProbe.resolve(host, port: port) }
        let elapsed = ContinuousClock.now - start
        let dnsHint = "Check the host name in the base URL and this machine's DNS (/etc/resolv.conf), then run doctor again."
        switch outcome {
        case .failure(let failure):
            return (.failed("dns", "network: \(host) could not be resolved: \(failure.reason)", hint: dnsHint, after: elapsed), nil)
        case .success(let addresses):
            let ipv4 = addresses.filter { $0.isIPv4 }, ipv6 = addresses.filter { !$0.isIPv4 }
            func list(_ family: [HostProbe.Address]) -> String { family.isEmpty ? "none" : family.map(\.text).joined(separator: ", ") }
            let found = "\(host): IPv4 \(list(ipv4)); IPv6 \(list(ipv6))"
            guard let chosen = ipv4Only ? ipv4.first : addresses.first else {
                return (.failed("dns", "network: \(found), and --ipv4 asks for IPv4", hint: dnsHint, after: elapsed), nil)
            }
            let family = ipv4Only ? "--ipv4 is on: connecting to \(chosen.text)"
                : ipv4.first.map { "with --ipv4: \($0.text)" } ?? "no IPv4 address for --ipv4"
            return (.passed("dns", "\(found); \(family)", after: elapsed), chosen)
        }
    }

    private func connect(_ address: HostProbe.Address) async -> DoctorCheck {
        let timeout = subject.client.timeout, port = subject.client.port
        let start = ContinuousClock.now
        let outcome = await onThread { HostProbe.openConnection(to: address, timeout: timeout) }
        let elapsed = ContinuousClock.now - start
        switch outcome {
        case .success: return .passed("connection", "TCP to \(address.text) port \(port)", after: elapsed)
        case .failure(let failure):
            return .failed(
                "connection", "network: TCP to \(address.text) port \(port) failed: \(failure.reason)",
                hint: "Check that a firewall or proxy lets this machine reach \(subject.client.host) on port \(port).", after: elapsed
            )
        }
    }

    private func handshake() async -> DoctorCheck {
        guard subject.client.isHTTPS else { return .skipped("tls", "the base URL is http (allowed on a loopback host only)") }
        do throws(TransportError) {
            let elapsed = try await diagnosis.handshake(subject.client.baseURL, subject.connection, subject.client.timeout)
            let trust = subject.connection.caFile.map { "the CA certificates in \($0)" } ?? "the system's CA certificates"
            return .passed("tls", "certificate of \(subject.client.host) verified against \(trust)", after: elapsed)
        } catch {
            return failure("tls", WebNICError(transport: error))
        }
    }

    private func checkToken() async -> DoctorCheck {
        let start = ContinuousClock.now
        do throws(WebNICError) {
            guard let lifetime = try await client.checkToken() else {
                let check = subject.organizationId == nil ? "give --organization-id N to have WebNIC check it" : "the organization step checks that WebNIC accepts it"
                return .passed("token", "a fixed token: not minted, not renewed; \(check)")
            }
            return .passed("token", "minted; it lives \(lifetime) s and is reused until shortly before", after: ContinuousClock.now - start)
        } catch {
            return failure("token", error, after: ContinuousClock.now - start)
        }
    }

    /// Reads the organization; says too whether the failure was a 404 without WebNIC's envelope.
    private func read(_ organizationId: Int64) async -> (DoctorCheck, missingRoute: Bool) {
        let start = ContinuousClock.now
        let path = "GET \(subject.client.routes.template(.getOrganization))"
        do throws(WebNICError) {
            let record = try await client.getOrganization(id: organizationId).value
            let company = record.contact[.company].map { " (\($0))" } ?? ""
            return (.passed(
                "organization", "\(path): organization \(organizationId)\(company) in the documented shape, modified \(record.modifiedAt ?? "at an unknown time")",
                after: ContinuousClock.now - start
            ), false)
        } catch {
            return (failure("organization", error, context: path, after: ContinuousClock.now - start), Self.isMissingRoute(error))
        }
    }

    /// Tries each other candidate path of Get Organization Info, GET only.
    private func discover(_ organizationId: Int64) async -> DoctorCheck {
        let start = ContinuousClock.now
        let inUse = subject.client.routes.template(.getOrganization)
        let candidates = ([Route.getOrganization.template] + RouteTable.getOrganizationCandidates).filter { $0 != inUse }
        var tried: [String] = []
        for candidate in candidates {
            guard let routes = try? RouteTable(getOrganizationPath: candidate) else { continue }
            do throws(WebNICError) {
                _ = try await client.using(routes).getOrganization(id: organizationId)
                let setting = candidate == Route.getOrganization.template
                    ? "Start webnic-rpc without --get-organization-path and WEBNIC_GET_ORGANIZATION_PATH: the default is right."
                    : "Start webnic-rpc with --get-organization-path '\(candidate)' (or WEBNIC_GET_ORGANIZATION_PATH='\(candidate)')."
                return .passed("routeDiscovery", "Get Organization Info answers at \(candidate) (tried \(tried.count + 1) \(tried.isEmpty ? "path" : "paths"))", hint: setting, after: ContinuousClock.now - start)
            } catch {
                tried.append("\(candidate): \(Self.isMissingRoute(error) ? "no such path" : ErrorCategory(error.kind).rawValue)")
            }
        }
        return .failed(
            "routeDiscovery", "no candidate path answers with an organization: \(tried.joined(separator: "; "))",
            hint: "Ask WebNIC for the path of Get Organization Info, then set it with --get-organization-path.", after: ContinuousClock.now - start
        )
    }

    // MARK: - Helpers

    /// A 404 or 405 without WebNIC's envelope: the path does not exist there.
    private static func isMissingRoute(_ error: WebNICError) -> Bool {
        error.kind == .badResponse && error.envelope == nil && [404, 405].contains(error.httpStatus)
    }

    /// A failed step carrying the category and hint a JSON-RPC call would get.
    private func failure(_ name: String, _ error: WebNICError, context: String? = nil, after elapsed: Duration? = nil) -> DoctorCheck {
        let category = ErrorCategory(error.kind)
        var detail = "\(category.rawValue): \(error.message)"
        if let status = error.httpStatus { detail += " [HTTP \(status)\(error.envelope?.subCode.map { ", \($0)" } ?? "")]" }
        if let context { detail = "\(context): " + detail }
        var hint = error.hint ?? category.hint
        if category == .configuration, error.hint == nil {
            hint = "Set the setting named above (credentials or base URL), then run webnic-rpc doctor again."
        }
        if name == "organization", Self.isMissingRoute(error) {
            hint = "No such path at WebNIC: the routeDiscovery step below looks for the path of Get Organization Info and prints the --get-organization-path to start with."
        }
        return .failed(name, detail, hint: hint, after: elapsed)
    }

    /// Runs blocking `work` on a thread of its own.
    private func onThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DetachedThread.start { continuation.resume(returning: work()) }
        }
    }
}
