/// The settings that guard writes: read-only mode and the audit log, from flags and environment.
enum SafetySettings {
    /// Whether `WEBNIC_READ_ONLY` asks for read-only mode: `1` or `true` (any case) do, `0`,
    /// `false` or empty do not; anything else is a usage error.
    static func readOnly(_ environment: [String: String]) throws(CommandLineOptions.UsageError) -> Bool {
        switch environment["WEBNIC_READ_ONLY"]?.lowercased() {
        case nil, "", "0", "false": return false
        case "1", "true": return true
        case let other?: throw .init(message: "WEBNIC_READ_ONLY expects 1, true, 0 or false, got \(other.debugDescription).")
        }
    }

    /// The audit log's path: `--audit-log`, else `WEBNIC_AUDIT_LOG`, else none.
    static func auditLogPath(options: CommandLineOptions, environment: [String: String]) -> String? {
        options.auditLogPath ?? environment["WEBNIC_AUDIT_LOG"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
