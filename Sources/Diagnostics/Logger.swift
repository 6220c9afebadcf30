import Synchronization

/// A leveled logger that forwards records at or above its level to a `LogHandler`.
///
/// Copies share one level, so a change (for example from a client's request) applies everywhere.
/// Message and metadata are built only when the level is enabled.
package struct Logger: Sendable {
    private let handler: any LogHandler
    private let threshold: LevelBox

    /// A logger writing records at `level` and above to `handler`.
    package init(level: LogLevel, handler: any LogHandler) {
        self.handler = handler
        self.threshold = LevelBox(level)
    }

    /// A logger that writes nothing.
    package static var disabled: Logger { Logger(level: .error, handler: DiscardingLogHandler()) }

    /// The lowest level written.
    package var level: LogLevel {
        get { threshold.level }
        nonmutating set { threshold.level = newValue }
    }

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

/// The shared, changeable threshold of a logger and its copies.
private final class LevelBox: Sendable {
    private let raw: Atomic<Int>

    init(_ level: LogLevel) { raw = Atomic(level.rawValue) }

    var level: LogLevel {
        get { LogLevel(rawValue: raw.load(ordering: .relaxed)) ?? .info }
        set { raw.store(newValue.rawValue, ordering: .relaxed) }
    }
}
