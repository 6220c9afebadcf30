/// A leveled logger that forwards records at or above its threshold to a `LogHandler`.
///
/// The threshold is an object shared on purpose: every copy of a logger, and every logger made
/// with the same `LogThreshold`, follows a change to it (an MCP client's `logging/setLevel`).
/// Message and metadata are built only when the level is enabled.
package struct Logger: Sendable {
    private let handler: any LogHandler
    /// The lowest level written, shared with every copy.
    package let threshold: LogThreshold

    /// A logger writing records at `threshold`'s level and above to `handler`.
    package init(threshold: LogThreshold, handler: any LogHandler) {
        self.handler = handler
        self.threshold = threshold
    }

    /// A logger writing records at `level` and above to `handler`, with a threshold of its own.
    package init(level: LogLevel, handler: any LogHandler) {
        self.init(threshold: LogThreshold(level), handler: handler)
    }

    /// A logger that writes nothing.
    package static var disabled: Logger { Logger(level: .error, handler: DiscardingLogHandler()) }

    /// The lowest level written now.
    package var level: LogLevel { threshold.level }

    /// Whether records at `level` are written.
    package func isEnabled(_ level: LogLevel) -> Bool { level >= threshold.level }

    /// Writes a record at `level` when enabled.
    package func log(
        _ level: LogLevel, _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> [(String, any LogValueConvertible)] = []
    ) {
        guard isEnabled(level) else { return }
        handler.log(level: level, message: message(), metadata: metadata().map { ($0.0, $0.1.logValue) })
    }

    /// Writes a `trace` record.
    package func trace(_ message: @autoclosure () -> String, metadata: @autoclosure () -> [(String, any LogValueConvertible)] = []) {
        log(.trace, message(), metadata: metadata())
    }

    /// Writes a `debug` record.
    package func debug(_ message: @autoclosure () -> String, metadata: @autoclosure () -> [(String, any LogValueConvertible)] = []) {
        log(.debug, message(), metadata: metadata())
    }

    /// Writes an `info` record.
    package func info(_ message: @autoclosure () -> String, metadata: @autoclosure () -> [(String, any LogValueConvertible)] = []) {
        log(.info, message(), metadata: metadata())
    }

    /// Writes a `warning` record.
    package func warning(_ message: @autoclosure () -> String, metadata: @autoclosure () -> [(String, any LogValueConvertible)] = []) {
        log(.warning, message(), metadata: metadata())
    }

    /// Writes an `error` record.
    package func error(_ message: @autoclosure () -> String, metadata: @autoclosure () -> [(String, any LogValueConvertible)] = []) {
        log(.error, message(), metadata: metadata())
    }
}
