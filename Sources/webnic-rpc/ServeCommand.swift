#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JSONRPC
import Log
import SafeChange
import WebNIC
import WebNICService
import WebNICSimulator

/// The protocol mode: JSON-RPC and MCP on stdin and stdout until the host is done.
enum ServeCommand {
    /// Serves until end of input, a stop signal or the host going away, then exits 0.
    static func run(_ settings: RunSettings, options: CommandLineOptions) -> Never {
        let auditLog = Services.auditLog(settings)
        signal(SIGPIPE, SIG_IGN)
        let protocolOutput = ProtocolOutput.claim()
        let logHandler = StreamLogHandler(format: options.logFormat)
        let logger = Logger(level: options.logLevel, handler: logHandler)
        let transport = Services.transport(settings, maxConnections: options.maxInFlight, logger: logger)
        for warning in settings.warnings { logger.warning(warning) }
        for write in auditLog?.unfinishedWrites() ?? [] {
            logger.warning("the audit log holds a write that never ended: webnic-rpc stopped while sending it, so it may or may not have been applied; read the organization and compare", metadata: [
                ("organizationId", write.organizationId), ("auditId", write.auditId), ("time", write.time),
            ])
        }
        if let auditLog, auditLog.isSharedWithOthers {
            logger.warning("the audit log can be read by others; it holds contact data", metadata: [("path", auditLog.path), ("fix", "chmod 600 \(auditLog.path)")])
        }
        if settings.connection.ipv4Only { logger.info("connecting over IPv4 only", metadata: [("host", settings.client.host)]) }
        if settings.client.routes.isOverridden(.getOrganization) {
            logger.info("Get Organization Info path set at start", metadata: [
                ("path", settings.client.routes.template(.getOrganization)), ("default", Route.getOrganization.template),
            ])
        }
        if settings.client.credentials == nil {
            logger.warning("no WebNIC credentials: calls to WebNIC will fail with a configuration error; rpc.discover, dryRun and validation work")
        }
        let locks = Services.locks(settings, logger: logger)
        logger.info("webnic-rpc \(OpenRPCDocument.version) ready", metadata: [
            ("baseURL", settings.client.baseURL), ("credentials", settings.credentialSource),
            ("timeoutMs", Int((options.timeoutSeconds * 1000).rounded())), ("maxInFlight", options.maxInFlight),
            ("writes", settings.readOnly ? "refused (read-only)" : settings.policy.confirmWrites ? "approved by the person (MCP question)" : "allowed"),
            ("auditLog", auditLog?.path ?? "none"),
            ("writeLocks", locks?.directory ?? (settings.sandbox ? "none (sandbox)" : "none: writes not serialized across processes")),
        ])
        if let limits = settings.policy.limitsDescription { logger.info("limits in force: \(limits)") }
        let methods = Services.methods(settings, auditLog: auditLog, locks: locks, transport: transport, logger: logger)
        let server = Server(
            handler: WebNICTools.endpoint(serving: methods, logger: logger),
            output: OutputChannel(output: protocolOutput),
            limits: ServerLimits(maxInFlight: options.maxInFlight, maxMessageBytes: options.maxMessageBytes, maxBatch: options.maxBatch),
            logger: logger
        )
        let signals = ShutdownSignals { signal in
            logger.info("received \(signal); stopping", metadata: [("graceMs", Int((options.shutdownGraceSeconds * 1000).rounded()))])
            server.stop(grace: RunSettings.duration(options.shutdownGraceSeconds))
        }
        server.run(inputFileDescriptor: 0)
        withExtendedLifetime(signals) {}
        logger.debug("exiting")
        // Lines held while standard error was not read get a moment to go out; a host that never
        // reads it does not hold the exit up.
        logHandler.flush(timeout: .milliseconds(200))
        exit(0)
    }
}
