#if WEBNIC_LIBCURL
// libcurl is the transport of Linux only (see `LibCurl`); Apple's configuration uses URLSession.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Execution
import Platform
import Synchronization

/// The thread that runs every transfer of a `CurlTransport`: one libcurl multi handle, which keeps
/// the connections, and at most `maxConnections` transfers on it at once; the others wait their
/// turn in order.
///
/// Threads: `submit` and `drop` may be called from any thread; everything else runs on the loop's
/// own thread, which sleeps in `curl_multi_wait` on the transfers' sockets and on a pipe that
/// `submit` and `drop` write to when it sleeps. A transfer's caller is answered on the loop's
/// thread, and whatever the caller's task does next may run there too (see `InlineTaskExecutor`):
/// one thread, no hand-off, as a direct HTTP client would have. The callers of the transfers that
/// finish in one pass are answered in one `DeferredWrites` scope, so that what their tasks write
/// goes out together.
final class CurlLoop: Sendable {
    private struct Inbox {
        var submitted: [CurlTransfer] = []
        var dropped: [CurlTransfer] = []
        /// Whether the loop sleeps, or is about to: a new item must then wake it.
        var sleeping = false
        /// Whether a wake-up byte is in the pipe, not yet read.
        var woken = false
    }

    private let curl: LibCurl
    private let maxConnections: Int
    private let inbox = Mutex(Inbox())
    /// Whether the inbox holds anything, for the loop to watch without the lock while it spins.
    private let posted = Atomic(false)

    /// The pipe that wakes the loop: read end, write end.
    private let wake: (read: Int32, write: Int32)

    /// A loop for `curl`, running at most `maxConnections` transfers at once, started on a thread
    /// of its own; nil when the system gives neither a pipe nor a multi handle.
    init?(curl: LibCurl, maxConnections: Int) {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { return nil }
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        guard let multi = curl.multiInit() else {
            close(descriptors[0])
            close(descriptors[1])
            return nil
        }
        self.curl = curl
        self.maxConnections = maxConnections
        wake = (descriptors[0], descriptors[1])
        // A refused limit leaves libcurl's default, which the transfers' own bound keeps within it.
        _ = curl.multiSetLong(multi, LibCurl.MultiOption.maxTotalConnections, maxConnections)
        _ = curl.multiSetLong(multi, LibCurl.MultiOption.maxHostConnections, maxConnections)
        _ = curl.multiSetLong(multi, LibCurl.MultiOption.maxConnects, maxConnections)
        let state = LoopState(multi: multi)
        DetachedThread.start(name: "webnic-curl") { [self] in run(state) }
    }

    /// Hands `transfer` to the loop.
    func submit(_ transfer: CurlTransfer) {
        post { $0.submitted.append(transfer) }
    }

    /// Has the loop drop `transfer` (cancelled; its caller is answered already), waiting or running.
    func drop(_ transfer: CurlTransfer) {
        post { $0.dropped.append(transfer) }
    }

    private func post(_ change: (inout Inbox) -> Void) {
        let mustWake = inbox.withLock { inbox -> Bool in
            change(&inbox)
            posted.store(true, ordering: .releasing)
            guard inbox.sleeping, !inbox.woken else { return false }
            inbox.woken = true
            return true
        }
        if mustWake {
            var byte: UInt8 = 1
            _ = write(wake.write, &byte, 1)
        }
    }

    /// What only the loop's thread touches (handed to it once, when it starts).
    private final class LoopState: @unchecked Sendable {
        let multi: LibCurl.Multi
        /// Transfers waiting for a connection, in order.
        var waiting: [CurlTransfer] = []
        /// Running transfers, by handle.
        var running: [LibCurl.Handle: CurlTransfer.Running] = [:]
        /// Handles not in use (their connections stay with the multi handle).
        var idle: [LibCurl.Handle] = []
        var handles = 0

        init(multi: LibCurl.Multi) {
            self.multi = multi
        }
    }

    private func run(_ state: LoopState) -> Never {
        ThreadRole.markServing("the transfer loop's thread")
        while true {
            let (submitted, dropped) = inbox.withLock { inbox in
                defer {
                    inbox.submitted.removeAll(keepingCapacity: true)
                    inbox.dropped.removeAll(keepingCapacity: true)
                    posted.store(false, ordering: .relaxed)
                }
                return (inbox.submitted, inbox.dropped)
            }
            state.waiting.append(contentsOf: submitted)
            for transfer in dropped { remove(transfer, from: state) }
            expireWaiting(state)
            startWaiting(state)
            var active: Int32 = 0
            while curl.multiPerform(state.multi, &active) == LibCurl.MultiCode.callMultiPerform {}
            // Answering a caller may run its task here, which may submit another transfer: the
            // inbox is looked at again before the loop sleeps. The answers the callers' tasks
            // write go out together once every finished transfer is answered.
            let finished = DeferredWrites.run { collectFinished(state) }
            if finished { continue }
            sleep(state)
        }
    }

    /// Drops a cancelled transfer: out of the queue, or off the multi handle (which cuts it off
    /// at once, closing its connection).
    private func remove(_ transfer: CurlTransfer, from state: LoopState) {
        if let index = state.waiting.firstIndex(where: { $0 === transfer }) {
            state.waiting.remove(at: index)
            return
        }
        guard let (handle, running) = state.running.first(where: { $0.value.transfer === transfer }) else { return }
        _ = curl.multiRemove(state.multi, handle)
        running.discard(curl: curl)
        state.running[handle] = nil
        state.idle.append(handle)
    }

    /// Answers `.timedOut` to waiting transfers whose deadline has passed.
    private func expireWaiting(_ state: LoopState) {
        guard !state.waiting.isEmpty else { return }
        let now = ContinuousClock.now
        state.waiting.removeAll { transfer in
            if transfer.isCancelled { return true }
            guard transfer.deadline <= now else { return false }
            transfer.finish(.failure(.timedOut))
            return true
        }
    }

    /// Starts waiting transfers while there are free connections.
    private func startWaiting(_ state: LoopState) {
        while state.running.count < maxConnections, !state.waiting.isEmpty {
            let transfer = state.waiting.removeFirst()
            guard !transfer.isCancelled else { continue }
            guard let handle = state.idle.popLast() ?? newHandle(state) else {
                transfer.finish(.failure(.unavailable("libcurl could not create a handle", hint: LibCurl.installHint)))
                continue
            }
            do throws(TransportError) {
                let running = try transfer.prepare(on: handle, curl: curl)
                let added = curl.multiAdd(state.multi, handle)
                guard added == LibCurl.MultiCode.ok else {
                    running.discard(curl: curl)
                    throw .unavailable("libcurl refused a transfer (libcurl multi error \(added))", hint: LibCurl.installHint)
                }
                state.running[handle] = running
            } catch {
                state.idle.append(handle)
                transfer.finish(.failure(error))
            }
        }
    }

    private func newHandle(_ state: LoopState) -> LibCurl.Handle? {
        guard let handle = curl.easyInit() else { return nil }
        state.handles += 1
        return handle
    }

    /// Answers the callers of the transfers libcurl has finished; whether there were any.
    private func collectFinished(_ state: LoopState) -> Bool {
        var finished = false
        var queued: Int32 = 0
        while let message = curl.multiInfoRead(state.multi, &queued) {
            guard message.load(as: Int32.self) == LibCurl.Message.done else { continue }
            let handle = message.load(fromByteOffset: LibCurl.Message.handleOffset, as: LibCurl.Handle.self)
            let code = message.load(fromByteOffset: LibCurl.Message.resultOffset, as: Int32.self)
            guard let running = state.running.removeValue(forKey: handle) else { continue }
            _ = curl.multiRemove(state.multi, handle)
            state.idle.append(handle)
            running.complete(code: code, curl: curl)
            finished = true
        }
        return finished
    }

    /// Sleeps until a socket is ready, libcurl has a timer due, the inbox is written to, or the
    /// next waiting transfer's deadline comes.
    private func sleep(_ state: LoopState) {
        if state.running.isEmpty, state.waiting.isEmpty {
            let limit = ContinuousClock.now + WakePolicy.transferLoopIdleSpin
            while !posted.load(ordering: .acquiring), ContinuousClock.now < limit { sched_yield() }
        }
        let goesToSleep = inbox.withLock { inbox -> Bool in
            guard inbox.submitted.isEmpty, inbox.dropped.isEmpty else { return false }
            inbox.sleeping = true
            return true
        }
        guard goesToSleep else { return }
        var timeout = Int32(1000)
        if let deadline = state.waiting.lazy.map(\.deadline).min() {
            let left = deadline - ContinuousClock.now
            timeout = Int32(clamping: max(0, min(Int64(timeout), left.wholeMillisecondsRoundedUp)))
        }
        var extra = LibCurl.WaitDescriptor(fd: wake.read, events: Int16(POLLIN), revents: 0)
        _ = withUnsafeMutablePointer(to: &extra) { curl.multiWait(state.multi, UnsafeMutableRawPointer($0), 1, timeout, nil) }
        let drain = inbox.withLock { inbox -> Bool in
            inbox.sleeping = false
            defer { inbox.woken = false }
            return inbox.woken
        }
        if drain || extra.revents != 0 {
            var bytes = [UInt8](repeating: 0, count: 16)
            while bytes.withUnsafeMutableBytes({ read(wake.read, $0.baseAddress, $0.count) }) > 0 {}
        }
    }
}

#endif
