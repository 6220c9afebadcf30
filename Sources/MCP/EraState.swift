import Synchronization

/// The era of one connection: read by every request, set once.
final class EraState: Sendable {
    private let state = Mutex(Era.undecided)

    /// The era now.
    var current: Era { state.withLock { $0 } }

    /// Sets the era when it is still undecided; returns whether it did.
    func open(_ era: Era) -> Bool {
        state.withLock { current in
            guard current == .undecided else { return false }
            current = era
            return true
        }
    }
}
