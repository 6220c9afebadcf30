import JSONCore

/// Answers requests: the one place that knows which methods exist.
///
/// Concurrency contract: the server calls `admit` and then `ordering(of:)` on its reading thread,
/// one line at a time and in input order; both must return quickly. It calls `handle`
/// concurrently from many tasks, for requests and notifications alike (a notification's outcome
/// is discarded), so conforming types must be safe to share. A request cancelled before it
/// started is still handed to `handle`, in a task that is already cancelled: the handler answers it
/// as it answers any cancelled request, without doing its work.
///
/// **A handler never blocks the thread it runs on.** Its task starts on the reading thread and
/// goes on wherever it is resumed (the transfer loop's thread, most often; see
/// `InlineTaskExecutor`), so a blocking call would stall every call in flight. Blocking work (a
/// file's write and sync, a file read, a DNS lookup, waiting for a person) runs on a
/// `BlockingQueue` or a thread of its own and resumes the handler's continuation; a debug build
/// stops the process when a serving thread is about to block (`ThreadRole.assertMayBlock`).
package protocol RequestHandler: Sendable {
    /// What to do with `message` before it is scheduled; by default, serve it.
    func admit(_ message: IncomingMessage) -> Admission

    /// How `request`, once admitted, is ordered against the requests around it; by default it is
    /// independent of them.
    func ordering(of request: Request) -> RequestOrdering

    /// The result of `request`, or the error to answer it with.
    func handle(_ request: Request, context: RequestContext) async -> Result<JSONValue, ResponseError>
}

extension RequestHandler {
    /// Serves every line.
    package func admit(_ message: IncomingMessage) -> Admission { .serve }

    /// Every request is independent.
    package func ordering(of request: Request) -> RequestOrdering { .independent }
}
