import Synchronization

/// The requests being handled, so that one can be cancelled by id, or all at shutdown.
///
/// Thread-safe. A cancellation that arrives between `register` and `attach` is not lost:
/// `attach` then cancels at once.
final class InFlightRequests: Sendable {
    private struct Entry {
        let id: RequestID?
        var cancel: (@Sendable () -> Void)?
        var isCancelled = false
    }

    private let state = Mutex<(next: Int, entries: [Int: Entry])>((0, [:]))

    /// Records a request (or notification, `id` nil) about to start; returns its ticket.
    func register(_ id: RequestID?) -> Int {
        state.withLock { state in
            let ticket = state.next
            state.next += 1
            state.entries[ticket] = Entry(id: id)
            return ticket
        }
    }

    /// Gives the ticket the way to cancel its work.
    func attach(_ ticket: Int, cancel: @escaping @Sendable () -> Void) {
        let cancelNow = state.withLock { state -> Bool in
            guard var entry = state.entries[ticket] else { return false }
            entry.cancel = cancel
            state.entries[ticket] = entry
            return entry.isCancelled
        }
        if cancelNow { cancel() }
    }

    /// Forgets a finished ticket.
    func finish(_ ticket: Int) {
        _ = state.withLock { $0.entries.removeValue(forKey: ticket) }
    }

    /// Cancels every request in flight with `id`; returns how many there were.
    @discardableResult
    func cancel(id: RequestID) -> Int {
        cancel { $0 == id }
    }

    /// Cancels everything in flight.
    func cancelAll() {
        _ = cancel { _ in true }
    }

    private func cancel(where matches: (RequestID?) -> Bool) -> Int {
        let handlers = state.withLock { state -> [@Sendable () -> Void] in
            var handlers: [@Sendable () -> Void] = []
            for (ticket, var entry) in state.entries where matches(entry.id) && !entry.isCancelled {
                entry.isCancelled = true
                state.entries[ticket] = entry
                if let cancel = entry.cancel { handlers.append(cancel) }
            }
            return handlers
        }
        handlers.forEach { $0() }
        return handlers.count
    }
}
