#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Diagnostics
import Foundation
import JSONRPC
import SafeChange
import WebNIC
import WebNICBridge
import WebNICSimulator

/// Writes one line to standard error.
func printError(_ line: String) {
    FileDescriptorOutput.standardError.writeAll(Array("\(line)\n".utf8))
}

/// Writes text to standard output: only for `--help` and `--version`, before any protocol starts.
func printOutput(_ text: String) {
    FileDescriptorOutput(rawValue: 1).writeAll(Array("\(text)\n".utf8))
}

let environment = ProcessInfo.processInfo.environment
let options: CommandLineOptions
let credentials: Credentials?
let readOnly: Bool
do {
    options = try CommandLineOptions.parse(Array(CommandLine.arguments.dropFirst()))
    if options.showHelp {
        printOutput(CommandLineOptions.usage)
        exit(0)
    }
    if options.showVersion {
        printOutput("webnic-rpc \(OpenRPCDocument.version)")
        exit(0)
    }
    credentials = options.sandbox ? nil : try CredentialSource.resolve(environment)
    let readOnlyByEnvironment = try SafetySettings.readOnly(environment)
    readOnly = options.readOnly || readOnlyByEnvironment
} catch {
    printError("webnic-rpc: \(error.message)")
    exit(2)
}

signal(SIGPIPE, SIG_IGN)
let protocolOutput = ProtocolOutput.claim()
let logger = Logger(level: options.logLevel, handler: StreamLogHandler(format: options.logFormat))
/// `seconds` as a `Duration`, to the millisecond.
func duration(_ seconds: Double) -> Duration { .milliseconds(Int64((seconds * 1000).rounded())) }
let timeout = duration(options.timeoutSeconds)
let retryPolicy = RetryPolicy(
    maxRetries: options.retries, baseDelay: duration(options.retryBackoffSeconds), maxRetryAfter: duration(options.maxRetryAfterSeconds)
)
let userAgent = "webnic-rpc/\(OpenRPCDocument.version)"

let auditLog: AuditLog?
do throws(AuditLogError) {
    auditLog = try SafetySettings.auditLogPath(options: options, environment: environment).map { path throws(AuditLogError) in try AuditLog(path: path) }
} catch {
    printError("webnic-rpc: \(error.description); choose a path webnic-rpc can create or append to.")
    exit(2)
}
if let auditLog, auditLog.isSharedWithOthers {
    logger.warning("the audit log can be read by others; it holds contact data", metadata: [("path", auditLog.path), ("fix", "chmod 600 \(auditLog.path)")])
}

let configuration: ClientConfiguration
let transport: any HTTPTransport
do throws(ConfigurationError) {
    if options.sandbox {
        configuration = try ClientConfiguration(
            baseURL: Sandbox.baseURL,
            credentials: .password(username: SimulatorSettings.sandboxUsername, password: SimulatorSettings.sandboxPassword),
            timeout: timeout, userAgent: userAgent, retryPolicy: retryPolicy
        )
        transport = SimulatorTransport(simulator: WebNICSimulator())
        logger.warning("sandbox mode: answering from the built-in WebNIC simulator; nothing leaves this process")
    } else {
        let environmentName = options.environment?.rawValue ?? environment["WEBNIC_ENV"].flatMap { $0.isEmpty ? nil : $0 } ?? "ote"
        guard let webnicEnvironment = WebNICEnvironment(rawValue: environmentName) else {
            throw ConfigurationError("WEBNIC_ENV expects ote or production, got \(environmentName.debugDescription).")
        }
        let baseURL = options.baseURL ?? environment["WEBNIC_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? webnicEnvironment.baseURL
        configuration = try ClientConfiguration(
            baseURL: baseURL, credentials: credentials, timeout: timeout, userAgent: userAgent, retryPolicy: retryPolicy
        )
        if options.preferIPv4 {
            guard let host = URLComponents(string: configuration.baseURL)?.host else {
                throw ConfigurationError("--ipv4 needs a base URL with a host.")
            }
            guard !host.contains(":") else {
                throw ConfigurationError("--ipv4 cannot be used with an IPv6 address in the base URL (\(host)).")
            }
            logger.info("connecting over IPv4 only", metadata: [("host", host)])
        }
        transport = CurlTransport(maxConnections: options.maxInFlight, ipv4Only: options.preferIPv4)
        if credentials == nil {
            logger.warning("no WebNIC credentials: calls to WebNIC will fail with a configuration error; rpc.discover, dryRun and validation work")
        }
    }
} catch {
    printError("webnic-rpc: \(error.message)")
    exit(2)
}

logger.info("webnic-rpc \(OpenRPCDocument.version) ready", metadata: [
    ("baseURL", configuration.baseURL), ("credentials", configuration.credentials?.description ?? "none"),
    ("timeoutSeconds", String(options.timeoutSeconds)), ("maxInFlight", String(options.maxInFlight)),
    ("writes", readOnly ? "refused (read-only)" : "allowed"), ("auditLog", auditLog?.path ?? "none"),
])
let client = WebNICClient(configuration: configuration, transport: transport, logger: logger)
let methods = WebNICMethods(client: client, auditLog: auditLog, readOnly: readOnly, logger: logger)
let server = Server(
    handler: WebNICTools.endpoint(serving: methods, logger: logger),
    output: OutputChannel(output: protocolOutput),
    limits: ServerLimits(maxInFlight: options.maxInFlight, maxMessageBytes: options.maxMessageBytes, maxBatch: options.maxBatch),
    logger: logger
)
let shutdownSignals = ShutdownSignals { signal in
    logger.info("received \(signal); stopping", metadata: [("graceSeconds", String(options.shutdownGraceSeconds))])
    server.stop(grace: duration(options.shutdownGraceSeconds))
}
server.run(inputFileDescriptor: 0)
logger.debug("exiting")
exit(0)
