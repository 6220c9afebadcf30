import Dispatch
import Execution
import Synchronization

/// The requests a server has accepted and not yet answered: waiting, in input order, for a slot
/// and for their turn, or running.
///
/// At most `maxInFlight` requests run at once. A waiting request starts as soon as a slot is free
/// and its `RequestOrdering` allows it; one that must wait for its turn does not hold up later
/// requests that need not. A cancellation reaches a waiting request as well as a running one: the
/// waiting one leaves the queue and starts at once, outside the slots, in a task that is already
/// cancelled, so that its handler answers it without doing its work. Once stopped, every request
/// still waiting, and every one submitted later, is cancelled that way.
///
/// Thread-safe. `submit` and `waitForRoom` are meant for the reading thread; the rest may be
/// called from anywhere. Blocking calls must not run on the concurrency pool the requests need.
final class RequestScheduler: Sendable {
    /// One request or notification to answer, and what to do with its response.
    struct Job: Sendable {
        /// The request, for its id (to match a cancellation and to answer it).
        let request: Request
        /// How it is ordered against the others and how it is answered, as its handler said.
        let prepared: PreparedRequest
        /// The input bytes it stands for, counted against the read-ahead bound while it waits.
        let bytes: Int
        /// Receives the response, or `nil` for a notification or a request that is not to be answered.
        let completion: @Sendable (Response?) -> Void
    }

    private enum Phase {
        case waiting
        case running(Task<Void, Never>?)
    }

    private struct Entry {
        let job: Job
        var phase = Phase.waiting
        var isCancelled = false
        var isAnswered = true
        var holdsSlot = false

        var isWaiting: Bool {
            if case .waiting = phase { return true }
            return false
        }
    }

    /// How the running requests use one key.
    private struct KeyUse {
        var readers = 0
        var writing = false
    }

    private struct State {
        var nextTicket: UInt64 = 0
        var entries: [UInt64: Entry] = [:]
        var waiting: [UInt64] = []
        var waitingBytes = 0
        var running = 0
        var keys: [String: KeyUse] = [:]
        var unanswered = 0
        var stopped = false
    }

    private let limits: ServerLimits
    private let notificationSink: @Sendable (Request) -> Void
    private let peer: PeerRequests?
    private let state = Mutex(State())
    private let changed = DispatchSemaphore(value: 0)

    /// A scheduler running prepared requests within `limits`; notifications their handler sends
    /// while it works go to `notificationSink`, its requests to the peer through `peer`.
    init(limits: ServerLimits, peer: PeerRequests? = nil, notificationSink: @escaping @Sendable (Request) -> Void) {
        self.limits = limits
        self.peer = peer
        self.notificationSink = notificationSink
    }

    /// Whether every request submitted has been answered.
    var isIdle: Bool { unanswered == 0 }

    /// How many requests submitted have not been answered yet.
    var unanswered: Int { state.withLock { $0.unanswered } }

    /// Queues `jobs` in order and starts what may start. After `stop`, they are cancelled at once.
    func submit(_ jobs: [Job]) {
        let (starting, cancelled) = state.withLock { state -> ([(UInt64, Job)], [(UInt64, Job)]) in
            var cancelled: [(UInt64, Job)] = []
            for job in jobs {
                let ticket = state.nextTicket
                state.nextTicket += 1
                state.unanswered += 1
                if state.stopped {
                    state.entries[ticket] = Entry(job: job, phase: .running(nil), isCancelled: true)
                    cancelled.append((ticket, job))
                } else {
                    state.entries[ticket] = Entry(job: job)
                    state.waiting.append(ticket)
                    state.waitingBytes += job.bytes
                }
            }
            return (pump(&state), cancelled)
        }
        for (ticket, job) in starting { start(ticket, job, cancelled: false) }
        for (ticket, job) in cancelled { start(ticket, job, cancelled: true) }
    }

    /// Blocks while the waiting requests fill the read-ahead bounds, until a slot frees one or the
    /// scheduler stops.
    @available(*, noasync, message: "waitForRoom blocks its thread")
    func waitForRoom() {
        while state.withLock({ !$0.stopped && ($0.waiting.count >= limits.maxWaiting || $0.waitingBytes >= limits.maxWaitingBytes) }) {
            changed.wait()
        }
    }

    /// Blocks until something changes (a request is answered, cancelled or started, or the
    /// scheduler stops) or `deadline` passes.
    @available(*, noasync, message: "waitForChange blocks its thread")
    func waitForChange(until deadline: DispatchTime) {
        _ = changed.wait(timeout: deadline)
    }

    /// Cancels every request with `id`, waiting or running; returns how many there were. When
    /// `answered` is false their responses are dropped.
    @discardableResult
    func cancel(id: RequestID, answered: Bool) -> Int {
        cancel(answered: answered) { $0.job.request.id == id }
    }

    /// Cancels every request, waiting or running; each is still answered.
    func cancelAll() {
        cancel(answered: true) { _ in true }
    }

    /// Starts nothing more: the waiting requests, and all submitted from now on, are cancelled;
    /// with `cancelRunning`, so are the running ones.
    func stop(cancelRunning: Bool) {
        state.withLock { $0.stopped = true }
        cancel(answered: true) { cancelRunning || $0.isWaiting }
        changed.signal()
    }

    @discardableResult
    private func cancel(answered: Bool, where matches: (Entry) -> Bool) -> Int {
        let (tasks, starting, count) = state.withLock { state -> ([Task<Void, Never>], [(UInt64, Job, Bool)], Int) in
            var tasks: [Task<Void, Never>] = []
            var starting: [(UInt64, Job, Bool)] = []
            var count = 0
            for ticket in state.entries.keys.sorted() {
                guard var entry = state.entries[ticket], !entry.isCancelled, matches(entry) else { continue }
                count += 1
                entry.isCancelled = true
                entry.isAnswered = answered
                switch entry.phase {
                case .waiting:
                    if let index = state.waiting.firstIndex(of: ticket) { state.waiting.remove(at: index) }
                    state.waitingBytes -= entry.job.bytes
                    entry.phase = .running(nil)
                    starting.append((ticket, entry.job, true))
                case .running(let task):
                    if let task { tasks.append(task) }
                }
                state.entries[ticket] = entry
            }
            // A request that left the queue may have been all that held later ones back.
            starting += pump(&state).map { ($0.0, $0.1, false) }
            return (tasks, starting, count)
        }
        tasks.forEach { $0.cancel() }
        for (ticket, job, cancelled) in starting { start(ticket, job, cancelled: cancelled) }
        if count > 0 { changed.signal() }
        return count
    }

    /// Takes from the queue, in order, every request that may start now, and gives each a slot.
    private func pump(_ state: inout State) -> [(UInt64, Job)] {
        var starting: [(UInt64, Job)] = []
        var earlierWrites = Set<String>()  // keys an earlier waiting request writes: later ones on them wait
        var earlierRequests = Set<String>()  // keys of every earlier waiting request: later writes wait
        var index = 0
        while index < state.waiting.count, state.running < limits.maxInFlight {
            let ticket = state.waiting[index]
            guard let job = state.entries[ticket]?.job else {
                state.waiting.remove(at: index)
                continue
            }
            let mayStart: Bool
            switch job.prepared.ordering {
            case .independent:
                mayStart = true
            case .reads(let key):
                mayStart = !earlierWrites.contains(key) && state.keys[key]?.writing != true
            case .writes(let key):
                mayStart = !earlierRequests.contains(key) && state.keys[key] == nil
            }
            guard mayStart else {
                if let key = job.prepared.ordering.key { earlierRequests.insert(key) }
                if case .writes(let key) = job.prepared.ordering { earlierWrites.insert(key) }
                index += 1
                continue
            }
            state.waiting.remove(at: index)
            state.waitingBytes -= job.bytes
            state.running += 1
            if let entry = state.entries.index(forKey: ticket) {
                state.entries.values[entry].holdsSlot = true
                state.entries.values[entry].phase = .running(nil)
            }
            switch job.prepared.ordering {
            case .independent: break
            case .reads(let key): state.keys[key, default: KeyUse()].readers += 1
            case .writes(let key): state.keys[key, default: KeyUse()].writing = true
            }
            starting.append((ticket, job))
        }
        return starting
    }

    /// Runs `job` in a task of its own; a `cancelled` one starts cancelled.
    private func start(_ ticket: UInt64, _ job: Job, cancelled: Bool) {
        let context = RequestContext(id: job.request.id, peer: peer, notificationSink: notificationSink)
        let task = Task(executorPreference: InlineTaskExecutor.shared) { [self] in
            if cancelled { withUnsafeCurrentTask { $0?.cancel() } }
            let outcome = await job.prepared.answer(context)
            // Answer before the slot and the key are free, so that ordered requests are answered in order.
            let answered = state.withLock { $0.entries[ticket]?.isAnswered ?? true }
            job.completion(answered ? job.request.id.map { Response(id: $0, outcome: outcome) } : nil)
            release(ticket)
            state.withLock { $0.unanswered -= 1 }
            changed.signal()
        }
        let cancelNow = state.withLock { state -> Bool in
            guard let entry = state.entries.index(forKey: ticket) else { return false }
            state.entries.values[entry].phase = .running(task)
            return state.entries.values[entry].isCancelled
        }
        if cancelNow { task.cancel() }
    }

    /// Forgets a finished request, frees its slot and key, and starts what may start now.
    private func release(_ ticket: UInt64) {
        let starting = state.withLock { state -> [(UInt64, Job)] in
            guard let entry = state.entries.removeValue(forKey: ticket) else { return [] }
            if entry.holdsSlot {
                state.running -= 1
                if let key = entry.job.prepared.ordering.key, var use = state.keys[key] {
                    if case .writes = entry.job.prepared.ordering { use.writing = false } else { use.readers -= 1 }
                    state.keys[key] = use.readers == 0 && !use.writing ? nil : use
                }
            }
            return pump(&state)
        }
        for (ticket, job) in starting { start(ticket, job, cancelled: false) }
    }
}
