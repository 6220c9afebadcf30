import JSONCore

/// Answers requests: the one place that knows which methods exist.
///
/// Concurrency contract: the server calls `admit` and then `prepare` on its reading thread, one
/// line at a time and in input order; both must return quickly. It runs each prepared `answer`
/// concurrently from many tasks, for requests and notifications alike (a notification's outcome
/// is discarded), so conforming types must be safe to share. A request cancelled before it
/// started is still answered, in a task that is already cancelled: the handler answers it as it
/// answers any cancelled request, without doing its work.
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

    /// Reads `request`, once admitted: how it is ordered against the requests around it, and how
    /// it is answered.
    func prepare(_ request: Request) -> PreparedRequest
}

extension RequestHandler {
    /// Serves every line.
    package func admit(_ message: IncomingMessage) -> Admission { .serve }

    /// How `request` is ordered, as `prepare` says.
    package func ordering(of request: Request) -> RequestOrdering { prepare(request).ordering }

    /// Answers `request` at once, as `prepare` says: for a caller that does not schedule (the
    /// `call` command, tests).
    package func handle(_ request: Request, context: RequestContext) async -> Result<JSONValue, ResponseError> {
        await prepare(request).answer(context)
    }
}
