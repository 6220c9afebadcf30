/// Where log records go. The executable chooses one; libraries only receive a `Logger`.
///
/// Handlers are called concurrently from any thread and must serialize their own output.
package protocol LogHandler: Sendable {
    /// Writes one record. `metadata` keeps its order.
    func log(level: LogLevel, message: String, metadata: [(String, LogValue)])
}
