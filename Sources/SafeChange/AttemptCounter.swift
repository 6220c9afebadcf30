import Synchronization
import WebNIC

/// Numbers the HTTP attempts of a change across its calls (a read, then a write), so that what
/// hears of them sees one growing count.
final class AttemptCounter: Sendable {
    private let total = Atomic(0)
    private let forward: AttemptObserver?

    /// A counter telling `forward` of each attempt.
    init(forwardingTo forward: AttemptObserver?) {
        self.forward = forward
    }

    /// The observer to give each call.
    var observer: AttemptObserver {
        { [self] _ in
            let number = total.wrappingAdd(1, ordering: .relaxed).newValue
            forward?(number)
        }
    }

    /// The attempts so far.
    var count: Int { total.load(ordering: .relaxed) }
}
