#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs each job of a request's task at once, on the thread that enqueues it: a request starts on
/// the reading thread, and after the HTTP call it goes on where its answer arrived (the libcurl
/// loop's thread), instead of being handed to the concurrency pool and woken there twice. On a
/// 2-core machine those hand-offs were most of a call's cost.
///
/// A job enqueued while this thread already runs one (a continuation resumed, another request
/// let go) waits until that job returns and then runs on the same thread, so that runs never nest.
/// Jobs must not block: they may run on the reading thread.
final class InlineTaskExecutor: TaskExecutor {
    /// The executor every request's task prefers.
    static let shared = InlineTaskExecutor()

    /// The jobs enqueued on a thread while it runs one here.
    private final class Pending {
        var jobs: [UnownedJob] = []
    }

    /// A thread's `Pending`, while it runs a job here.
    private let pending: pthread_key_t

    private init() {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        pending = key
    }

    func enqueue(_ job: consuming ExecutorJob) {
        if let current = pthread_getspecific(pending) {
            Unmanaged<Pending>.fromOpaque(current).takeUnretainedValue().jobs.append(UnownedJob(job))
            return
        }
        let queue = Pending()
        pthread_setspecific(pending, Unmanaged.passUnretained(queue).toOpaque())
        let executor = asUnownedTaskExecutor()
        job.runSynchronously(on: executor)
        var next = 0
        while next < queue.jobs.count {
            queue.jobs[next].runSynchronously(on: executor)
            next += 1
        }
        pthread_setspecific(pending, nil)
        withExtendedLifetime(queue) {}
    }
}
