#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Doctor
import Log
import Synchronization
import WebNIC
import WebNICSimulator

/// `webnic-rpc doctor`: checks the way to WebNIC with the settings of a normal run, prints the
/// report on stdout (lines, or one JSON object with `--json`) and exits 0 when every step that ran
/// passed, 1 otherwise. Logs, if any, go to stderr.
enum DoctorCommand {
    /// Runs the diagnosis and exits.
    static func run(_ settings: RunSettings, options: CommandLineOptions) -> Never {
        signal(SIGPIPE, SIG_IGN)
        let logger = Logger(level: max(options.logLevel, .warning), handler: StreamLogHandler(format: options.logFormat))
        let transport: any HTTPTransport = settings.sandbox
            ? SimulatorTransport(simulator: WebNICSimulator())
            : PlatformTransport.make(maxConnections: 1, policy: settings.connection, maxBodyBytes: settings.maxResponseBytes)
        for warning in settings.warnings { logger.warning(warning) }
        let environment: String
        switch settings.environmentLabel {
        case "sandbox": environment = "sandbox (the built-in simulator)"
        case "ote": environment = "OTE"
        case "production": environment = "production"
        default:
            let host = settings.client.host.contains(":") ? "[\(settings.client.host)]" : settings.client.host
            environment = "\(host):\(settings.client.port) (a base URL of your own, neither OTE nor production)"
        }
        var described = "\(environment) at \(settings.client.baseURL); credentials: \(settings.credentialSource)"
        if settings.client.routes.isOverridden(.getOrganization) {
            described += "; Get Organization Info at \(settings.client.routes.template(.getOrganization))"
        }
        if settings.connection.ipv4Only { described += "; IPv4 only" }
        if let caFile = settings.connection.caFile { described += "; CA certificates from \(caFile)" }
        let doctor = Doctor(
            Doctor.Subject(
                configuration: described, sandbox: settings.sandbox, client: settings.client, connection: settings.connection,
                organizationId: options.organizationId
            ),
            transport: transport, diagnosis: PlatformTransport.diagnosis, logger: logger
        )
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<DoctorReport?>(nil)
        Task {
            let report = await doctor.run()
            outcome.withLock { $0 = report }
            done.signal()
        }
        done.wait()
        guard let report = outcome.withLock({ $0 }) else { exit(1) }
        printOutput(options.json ? report.json.jsonText : report.text)
        exit(report.ok ? 0 : 1)
    }
}
