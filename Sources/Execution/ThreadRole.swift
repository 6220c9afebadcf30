#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which threads serve calls, and the check that keeps blocking work off them.
///
/// The reading thread and the transfer loop's thread run every request's task between its
/// suspensions (see `InlineTaskExecutor`): anything that blocks one of them stalls every call in
/// flight. They mark themselves with `markServing(_:)`; every operation that can block (a file's
/// sync, a file read, a DNS lookup, a wait) calls `assertMayBlock(_:)` first. In a debug build
/// that stops the process on a serving thread, so that any test reaching such a path fails; a
/// release build does not check.
package enum ThreadRole {
    /// Holds the serving thread's name; never freed (the threads that serve live as long as the process).
    private final class Name {
        let value: String
        init(_ value: String) { self.value = value }
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Marks the current thread as one that serves calls, named `name` in the check's message.
    package static func markServing(_ name: String) {
        pthread_setspecific(key, Unmanaged.passRetained(Name(name)).toOpaque())
    }

    /// The name of the serving thread this is, or nil when the current thread may block.
    package static var serving: String? {
        guard let current = pthread_getspecific(key) else { return nil }
        return Unmanaged<Name>.fromOpaque(current).takeUnretainedValue().value
    }

    /// Runs `body` with the current thread marked as serving, then clears the mark (for tests).
    package static func whileServing<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let previous = pthread_getspecific(key)
        markServing(name)
        defer {
            if let mark = pthread_getspecific(key) { Unmanaged<Name>.fromOpaque(mark).release() }
            pthread_setspecific(key, previous)
        }
        return try body()
    }

    /// Says that `operation` is about to block: in a debug build, stops the process with a
    /// message naming it when the current thread serves calls.
    package static func assertMayBlock(_ operation: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
        #if DEBUG
        if let thread = serving {
            fatalError("\(operation()) would block \(thread), which serves calls: run it on a BlockingQueue", file: file, line: line)
        }
        #endif
    }
}
