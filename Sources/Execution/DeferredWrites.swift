/// A scope in which a thread's writes to an output may wait until the scope ends, so that what a
/// burst of work produces goes out in one system call instead of one per message.
///
/// A thread that finishes several pieces of work at once (the transfer loop answering every
/// transfer that completed in one pass) runs them in `run(_:)`; an output that supports it
/// (`OutputChannel`) asks `onScopeEnd(_:)` to have its flush run when the scope ends, and keeps
/// the bytes until then. Outside a scope, `onScopeEnd(_:)` returns false and the output writes at
/// once. Scopes do not nest: an inner `run` is part of the outer one. A scope belongs to its
/// thread: a flush registered in it runs on that thread.
package enum DeferredWrites {
    private static let scope = ThreadScope()

    /// Runs `body`; the flushes registered during it run, in order, when it returns.
    package static func run<T>(_ body: () -> T) -> T {
        scope.run(body)
    }

    /// Has `flush` run when the current thread's scope ends; false (and `flush` not kept) when the
    /// thread is in no scope.
    package static func onScopeEnd(_ flush: @escaping () -> Void) -> Bool {
        scope.setAside(flush)
    }
}
