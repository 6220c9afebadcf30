/// Runs each job of a request's task at once, on the thread that enqueues it: a request starts on
/// the reading thread, and after the HTTP call it goes on where its answer arrived (the libcurl
/// loop's thread), instead of being handed to the concurrency pool and woken there twice (see
/// docs/performance.md for what that saves).
///
/// A job enqueued while this thread already runs one (a continuation resumed, another request
/// let go) waits until that job returns and then runs on the same thread, so that runs never nest.
/// Jobs must not block: they may run on a serving thread (see `ThreadRole`).
package final class InlineTaskExecutor: TaskExecutor {
    /// The executor every request's task prefers.
    package static let shared = InlineTaskExecutor()

    /// Open on a thread while it runs a job here: the jobs enqueued meanwhile wait in it.
    private let running = ThreadScope()

    private init() {}

    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        let runJob = { job.runSynchronously(on: executor) }
        if !running.setAside(runJob) { running.run(runJob) }
    }
}
