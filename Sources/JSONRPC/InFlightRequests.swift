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
        var isAnswered = true
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

    /// Forgets a finished ticket; returns whether its response is to be sent.
    func finish(_ ticket: Int) -> Bool {
        state.withLock { $0.entries.removeValue(forKey: ticket)?.isAnswered ?? true }
    }

    /// Cancels every request in flight with `id`; returns how many there were. When `answered`
    /// is false their responses are dropped.
    @discardableResult
    func cancel(id: RequestID, answered: Bool = true) -> Int {
        cancel(answered: answered) { $0 == id }
    }

    /// Cancels everything in flight; each is still answered.
    func cancelAll() {
        _ = cancel(answered: true) { _ in true }
    }

    private func cancel(answered: Bool, where matches: (RequestID?) -> Bool) -> Int {
        let handlers = state.withLock { state -> [@Sendable () -> Void] in
            var handlers: [@Sendable () -> Void] = []
            for (ticket, var entry) in state.entries where matches(entry.id) && !entry.isCancelled {
                entry.isCancelled = true
                entry.isAnswered = answered
                state.entries[ticket] = entry
                if let cancel = entry.cancel { handlers.append(cancel) }
            }
            return handlers
        }
        handlers.forEach { $0() }
        return handlers.count
    }
}
