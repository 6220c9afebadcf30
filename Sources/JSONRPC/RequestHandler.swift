import JSONCore

/// Answers requests: the one place that knows which methods exist.
///
/// The server calls `admit` on its reading thread, one line at a time and in input order; it must
/// return quickly and never block. It calls `handle` concurrently from many tasks, for requests
/// and notifications alike (a notification's outcome is discarded), so conforming types must be
/// safe to share.
public protocol RequestHandler: Sendable {
    /// What to do with `message` before it is scheduled; by default, serve it.
    func admit(_ message: IncomingMessage) -> Admission

    /// The result of `request`, or the error to answer it with.
    func handle(_ request: Request, context: RequestContext) async -> Result<JSONValue, ResponseError>
}

extension RequestHandler {
    /// Serves every line.
    public func admit(_ message: IncomingMessage) -> Admission { .serve }
}
