import JSONCore

/// Answers requests: the one place that knows which methods exist.
///
/// The server calls `handle` concurrently from many tasks, for requests and notifications alike
/// (a notification's outcome is discarded), so conforming types must be safe to share.
public protocol RequestHandler: Sendable {
    /// The result of `request`, or the error to answer it with.
    func handle(_ request: Request) async -> Result<JSONValue, ResponseError>
}
