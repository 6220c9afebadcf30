/// A handler that drops every record: for libraries used without logging, and for tests.
public struct DiscardingLogHandler: LogHandler {
    /// A handler that writes nothing.
    public init() {}

    /// Drops the record.
    public func log(level: LogLevel, message: String, metadata: [(String, LogValue)]) {}
}
