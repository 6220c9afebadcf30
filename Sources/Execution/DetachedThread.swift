#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Starts blocking work on a thread of its own (a reader, the libcurl loop, a probe), never on the
/// concurrency pool whose few threads the requests need.
///
/// A POSIX thread, created detached: nothing of Foundation (whose `Thread` brings its whole
/// internationalization data into a static binary).
package enum DetachedThread {
    private final class Work {
        let name: String?
        let body: @Sendable () -> Void
        init(_ name: String?, _ body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }

        #if !canImport(Darwin)
        /// glibc's `pthread_setname_np`, a GNU extension the Glibc module does not export: found at
        /// run time (absent, threads keep their inherited name).
        static let setName: (@convention(c) (pthread_t, UnsafePointer<CChar>) -> Int32)? =
            dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pthread_setname_np").map {
                unsafeBitCast($0, to: (@convention(c) (pthread_t, UnsafePointer<CChar>) -> Int32).self)
            }
        #endif

        func run() {
            if let name {
                #if canImport(Darwin)
                _ = pthread_setname_np(name)
                #else
                _ = Self.setName?(pthread_self(), String(name.utf8.prefix(15)) ?? "")
                #endif
            }
            body()
        }
    }

    /// Runs `body` on a new thread, named `name` (at most 15 bytes on Linux: `ps -L`, `top -H`
    /// and debuggers show it) or else named as the thread that starts it. Should the system refuse
    /// a thread, `body` runs on Dispatch's global queue instead, so that it still runs.
    package static func start(name: String? = nil, _ body: @escaping @Sendable () -> Void) {
        let work = Unmanaged.passRetained(Work(name, body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        let started = pthread_create(&thread, &attributes, { context in
            guard let context else { return nil }
            Unmanaged<Work>.fromOpaque(context).takeRetainedValue().run()
            return nil
        }, work)
        guard started != 0 else { return }
        Unmanaged<Work>.fromOpaque(work).release()
        DispatchQueue.global().async(execute: body)
    }
}
