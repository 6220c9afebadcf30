#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A scope in which a thread's writes to an output may wait until the scope ends, so that what a
/// burst of work produces goes out in one system call instead of one per message.
///
/// A thread that finishes several pieces of work at once (the transfer loop answering every
/// transfer that completed in one pass) runs them in `run(_:)`; an output that supports it
/// (`OutputChannel`) asks `onScopeEnd(_:)` to have its flush run when the scope ends, and keeps
/// the bytes until then. Outside a scope, `onScopeEnd(_:)` returns false and the output writes at
/// once. Scopes do not nest: an inner `run` is part of the outer one. A scope belongs to its
/// thread: a flush registered in it runs on that thread.
public enum DeferredWrites {
    /// The flushes registered in the current thread's scope.
    private final class Flushes {
        var pending: [() -> Void] = []
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Runs `body`; the flushes registered during it run, in order, when it returns.
    public static func run<T>(_ body: () -> T) -> T {
        if pthread_getspecific(key) != nil { return body() }
        let flushes = Flushes()
        pthread_setspecific(key, Unmanaged.passUnretained(flushes).toOpaque())
        defer {
            var next = 0
            while next < flushes.pending.count {
                flushes.pending[next]()
                next += 1
            }
            pthread_setspecific(key, nil)
            withExtendedLifetime(flushes) {}
        }
        return body()
    }

    /// Has `flush` run when the current thread's scope ends; false (and `flush` not kept) when the
    /// thread is in no scope.
    public static func onScopeEnd(_ flush: @escaping () -> Void) -> Bool {
        guard let current = pthread_getspecific(key) else { return false }
        Unmanaged<Flushes>.fromOpaque(current).takeUnretainedValue().pending.append(flush)
        return true
    }
}
