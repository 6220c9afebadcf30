/// A handler that drops every record: for libraries used without logging, and for tests.
package struct DiscardingLogHandler: LogHandler {
    /// A handler that writes nothing.
    package init() {}

    /// Drops the record.
    package func log(level: LogLevel, message: String, metadata: [(String, LogValue)]) {}
}
