import Dispatch

/// A serial queue for work that blocks (a file's write and sync, a file read, a DNS lookup),
/// run on a thread of its own so that the threads serving calls never wait for it.
///
/// `run(_:)` suspends its caller, runs the work after every piece submitted before it, and resumes
/// the caller with the result; the caller's task then goes on on the queue's thread until it next
/// suspends (see `InlineTaskExecutor`), which costs the queue nothing as long as tasks do not block.
package final class BlockingQueue: Sendable {
    private let queue: DispatchQueue

    /// A queue named `label` (debuggers show it).
    package init(label: String) {
        queue = DispatchQueue(label: label)
    }

    /// The result of `work`, run on the queue.
    package func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }

    /// Runs `work` on the queue; nobody waits for it.
    package func submit(_ work: @escaping @Sendable () -> Void) {
        queue.async(execute: work)
    }

    /// Blocks until every piece of work submitted so far has run (for start-up and shutdown,
    /// never on a serving thread).
    package func drain() {
        ThreadRole.assertMayBlock("waiting for a BlockingQueue")
        queue.sync {}
    }
}
