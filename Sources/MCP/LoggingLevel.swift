import Log

/// MCP's syslog-style log levels, as `logging/setLevel` names them.
enum LoggingLevel: String, CaseIterable {
    case debug, info, notice, warning, error, critical, alert, emergency

    /// Our level for it: `notice` counts as `info`, everything above `error` as `error`.
    var logLevel: LogLevel {
        switch self {
        case .debug: return .debug
        case .info, .notice: return .info
        case .warning: return .warning
        case .error, .critical, .alert, .emergency: return .error
        }
    }
}
