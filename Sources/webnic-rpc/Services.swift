#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Log
import SafeChange
import WebNIC
import WebNICService
import WebNICSimulator

/// The parts every command that calls WebNIC wires the same way from its settings.
enum Services {
    /// The audit log the settings name, opened for appending; exits 2 naming the path when it
    /// cannot be.
    static func auditLog(_ settings: RunSettings) -> AuditLog? {
        do throws(AuditLogError) {
            return try settings.auditLogPath.map { path throws(AuditLogError) in try AuditLog(path: path) }
        } catch {
            printError("webnic-rpc: \(error.description); choose a path webnic-rpc can create or append to.")
            exit(2)
        }
    }

    /// The transport: the built-in simulator in the sandbox (saying so), else this platform's.
    static func transport(_ settings: RunSettings, maxConnections: Int, logger: Logger) -> any HTTPTransport {
        guard settings.sandbox else {
            return PlatformTransport.make(maxConnections: maxConnections, policy: settings.connection, maxBodyBytes: settings.maxResponseBytes)
        }
        logger.warning("sandbox mode: answering from the built-in WebNIC simulator; nothing leaves this process")
        return SimulatorTransport(simulator: WebNICSimulator())
    }

    /// The locks that serialize writes to one organization across this machine's processes; nil
    /// in the sandbox (its WebNIC lives in the process), and nil with a warning saying why when the
    /// directory cannot be used (writes go on, not serialized).
    static func locks(_ settings: RunSettings, logger: Logger) -> OrganizationLocks? {
        guard !settings.sandbox else { return nil }
        do throws(LockDirectoryError) {
            return try OrganizationLocks(directory: settings.lockDirectory)
        } catch {
            logger.warning("writes to one organization are not serialized with other webnic-rpc processes on this machine: \(error.description); choose another with --lock-dir")
            return nil
        }
    }

    /// The methods, calling WebNIC through `transport` under the settings' write policy.
    static func methods(
        _ settings: RunSettings, auditLog: AuditLog?, locks: OrganizationLocks?, transport: any HTTPTransport, logger: Logger
    ) -> WebNICMethods {
        let client = WebNICClient(configuration: settings.client, transport: transport, logger: logger)
        return WebNICMethods(
            client: client, auditLog: auditLog, locks: locks, policy: settings.policy, environment: settings.environmentLabel,
            target: settings.targetLabel, logger: logger
        )
    }
}
