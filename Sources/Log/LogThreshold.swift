import Synchronization

/// The lowest level the loggers made with it write: one object, shared by reference, so that a
/// change made while serving (an MCP client's `logging/setLevel`) applies to every logger at once.
package final class LogThreshold: Sendable {
    private let raw: Atomic<Int>

    /// A threshold at `level`.
    package init(_ level: LogLevel) { raw = Atomic(level.rawValue) }

    /// The lowest level written.
    package var level: LogLevel {
        get { LogLevel(rawValue: raw.load(ordering: .relaxed)) ?? .info }
        set { raw.store(newValue.rawValue, ordering: .relaxed) }
    }
}
