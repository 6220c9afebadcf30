#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Turns SIGTERM and SIGINT into a call, instead of death: the server then stops reading,
/// lets requests finish within the grace period, and the process exits 0.
final class ShutdownSignals {
    private let sources: [any DispatchSourceSignal]

    /// Calls `handler` with the signal's name each time SIGTERM or SIGINT arrives.
    init(_ handler: @escaping @Sendable (String) -> Void) {
        sources = [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")].map { number, name in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(name) }
            source.resume()
            return source
        }
    }
}
