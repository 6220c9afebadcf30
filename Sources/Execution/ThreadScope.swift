#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A scope a thread opens for the length of some work, in which more work can be set aside to run
/// on the same thread when the scope ends, in the order it was set aside. Each instance is a kind
/// of scope of its own (its own thread-local list).
///
/// Scopes of one instance do not nest: `run` inside an open scope is part of it. Work set aside
/// while the set-aside work runs still runs before the scope ends.
package final class ThreadScope: Sendable {
    /// The work set aside in one thread's open scope.
    private final class Pending {
        var work: [() -> Void] = []
    }

    private let key: pthread_key_t

    /// A kind of scope no thread has open yet.
    package init() {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        self.key = key
    }

    /// Runs `body` in a scope on this thread (or in the one already open); what is set aside during
    /// it runs, in order, when it returns.
    package func run<T>(_ body: () -> T) -> T {
        if pthread_getspecific(key) != nil { return body() }
        let pending = Pending()
        pthread_setspecific(key, Unmanaged.passUnretained(pending).toOpaque())
        defer {
            var next = 0
            while next < pending.work.count {
                pending.work[next]()
                next += 1
            }
            pthread_setspecific(key, nil)
            withExtendedLifetime(pending) {}
        }
        return body()
    }

    /// Sets `work` aside until the current thread's scope ends; false (and `work` not kept) when
    /// the thread has none open.
    package func setAside(_ work: @escaping () -> Void) -> Bool {
        guard let current = pthread_getspecific(key) else { return false }
        Unmanaged<Pending>.fromOpaque(current).takeUnretainedValue().work.append(work)
        return true
    }
}
