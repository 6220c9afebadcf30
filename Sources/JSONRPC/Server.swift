#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Execution
import JSONCore
import Log
import Platform
import Synchronization

/// Reads line-delimited JSON-RPC 2.0 from a file descriptor, hands requests to a handler,
/// and writes each response as soon as it is ready.
///
/// Concurrency contract: `run(inputFileDescriptor:)` blocks its calling thread (reading is
/// blocking I/O) and must be called from a thread of its own, never from a Swift concurrency
/// task; `stop(grace:)` may be called from any thread. Each line is read, classified and put to
/// the handler's `admit` on the reading thread, in input order: it is served, refused with one
/// error, or is a cancellation. A served request is then given its `RequestOrdering` (still in
/// input order) and waits for a slot and its turn; at most `limits.maxInFlight` requests run at
/// once, each as a task of its own. Reading goes on while requests wait, up to `maxWaiting`
/// requests or `maxWaitingBytes` of input, so a cancellation is read and acted on at once, even
/// for a request that has not started yet; beyond that bound reading pauses and a flood of input
/// is held back by the pipe instead of by memory. Responses may come out of order; a batch is
/// answered with one array once all its members are done.
///
/// Stopping: at end of input everything read is run and answered, then `run` returns. After
/// `stop(grace:)` what the peer had already written is still read, without waiting for more;
/// every request that has not started (those included) is answered as cancelled at once, and the
/// running ones may finish within the grace, then are cancelled. When the output goes away (the
/// peer closed it), everything is cancelled at once and `run` returns without reading further.
///
/// Handlers may send notifications to the peer while they work (`RequestContext.notify`); they go
/// out on the same output, never interleaved with other messages.
package final class Server: Sendable {
    private enum Stop: Equatable {
        /// Run what has started until the deadline, then cancel it.
        case graceful(deadline: ContinuousClock.Instant)
        /// The output is gone: cancel everything now.
        case immediate
    }

    private let handler: any RequestHandler
    private let output: OutputChannel
    private let limits: ServerLimits
    private let logger: Logger
    private let scheduler: RequestScheduler
    /// The requests handlers send to the peer, waiting for its responses.
    private let peer: PeerRequests
    private let stopState = Mutex<Stop?>(nil)
    /// Written once to stop reading.
    private let wake: (read: Int32, write: Int32)
    /// Written once `run` is done, to end the output watch.
    private let done: (read: Int32, write: Int32)

    /// A server answering through `handler` and writing to `output`.
    package init(handler: any RequestHandler, output: OutputChannel, limits: ServerLimits, logger: Logger) {
        self.handler = handler
        self.output = output
        self.limits = limits
        self.logger = logger
        let peer = PeerRequests { [output] message in output.send(message) }
        self.peer = peer
        scheduler = RequestScheduler(limits: limits, peer: peer) { [output] notification in _ = output.send(notification.json) }
        wake = Self.makePipe()
        done = Self.makePipe()
    }

    deinit {
        for descriptor in [wake.read, wake.write, done.read, done.write] { close(descriptor) }
    }

    private static func makePipe() -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [-1, -1]
        if pipe(&descriptors) == 0 {
            _ = fcntl(descriptors[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(descriptors[1], F_SETFD, FD_CLOEXEC)
        }
        return (descriptors[0], descriptors[1])
    }

    /// Stops reading (after what the peer has already written) and cancels every request that has
    /// not started; running requests may finish within `grace`, then they are cancelled. `run`
    /// returns once every request has been answered.
    package func stop(grace: Duration) {
        requestStop(.graceful(deadline: ContinuousClock.now + grace))
    }

    private func requestStop(_ stop: Stop) {
        let changed = stopState.withLock { current -> Bool in
            switch (current, stop) {
            case (nil, _), (.graceful?, .immediate):
                current = stop
                return true
            default:
                return false
            }
        }
        guard changed else { return }
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
        scheduler.stop(cancelRunning: stop == .immediate)
    }

    /// Serves lines from `inputFileDescriptor` until end of input or a stop, then waits for every
    /// request to be answered (or, after a stop, cancelled), and returns.
    @available(*, noasync, message: "run blocks its thread; call it from a thread of its own")
    package func run(inputFileDescriptor: Int32) {
        let watchEnded = DispatchSemaphore(value: 0)
        DetachedThread.start { [self] in
            if output.waitForHangup(orReadable: done.read) {
                logger.debug("the output is gone; cancelling everything")
                requestStop(.immediate)
            }
            watchEnded.signal()
        }
        read(inputFileDescriptor)
        drain()
        output.flush()
        var byte: UInt8 = 1
        _ = write(done.write, &byte, 1)
        watchEnded.wait()
    }

    private func read(_ inputFileDescriptor: Int32) {
        ThreadRole.markServing("the reading thread")
        var reader = LineReader(fileDescriptor: inputFileDescriptor, maxLineBytes: limits.maxMessageBytes, wakeFileDescriptor: wake.read)
        var lastWait = Duration.zero
        while true {
            let waitStarted = ContinuousClock.now
            guard let item = reader.next(spinFor: WakePolicy.readerSpin(unanswered: scheduler.unanswered, lastWait: lastWait)) else { break }
            lastWait = ContinuousClock.now - waitStarted
            if stopState.withLock({ $0 == .immediate }) { break }
            switch item {
            case .tooLong(let length):
                logger.warning("refused an over-long line", metadata: [("bytes", length)])
                reply(Response(id: .null, outcome: .failure(.invalidRequest("the message is \(length) bytes, over the limit of \(limits.maxMessageBytes)"))).json)
            case .line(let line):
                guard line.contains(where: { !Self.isWhitespace($0) }) else { continue }
                logger.trace("line received", metadata: [("bytes", line.count)])
                var message = IncomingMessage(line: line, maxBatch: limits.maxBatch)
                if case .response(let id, let outcome, let unmatched) = message {
                    if peer.resolve(id: id, outcome: outcome) {
                        logger.debug("response from the peer", metadata: [("id", id.json)])
                        continue
                    }
                    message = .single(unmatched)
                }
                switch handler.admit(message) {
                case .serve:
                    schedule(message, bytes: line.count)
                case .refuse(let error):
                    reply(Response(id: .null, outcome: .failure(error)).json)
                case .cancel(let id, let answered):
                    let count = scheduler.cancel(id: id, answered: answered)
                    logger.debug("cancel request", metadata: [("id", id.json), ("matched", count)])
                }
            }
        }
        logger.debug(stopState.withLock { $0 == nil } ? "end of input" : "stopped reading")
        // Nobody is left to answer what we asked the peer.
        peer.closeAll()
    }

    /// Answers what needs no handler at once and hands every request of `message` to the scheduler.
    private func schedule(_ message: IncomingMessage, bytes: Int) {
        switch message {
        case .rejected(let error):
            reply(Response(id: .null, outcome: .failure(error)).json)
        case .response(_, _, let entry), .single(let entry):
            guard case .request(let request) = entry else {
                if let response = Self.immediateResponse(entry) { reply(response.json) }
                return
            }
            submit([job(request, bytes: bytes) { [self] response in if let response { reply(response.json) } }])
        case .batch(let entries):
            let collector = BatchCollector(count: entries.count) { [self] responses in
                if !responses.isEmpty { reply(.array(responses.map(\.json))) }
            }
            var jobs: [RequestScheduler.Job] = []
            for (index, entry) in entries.enumerated() {
                guard case .request(let request) = entry else {
                    collector.deliver(Self.immediateResponse(entry), at: index)
                    continue
                }
                jobs.append(job(request, bytes: jobs.isEmpty ? bytes : 0) { response in collector.deliver(response, at: index) })
            }
            if !jobs.isEmpty { submit(jobs) }
        }
    }

    private func job(_ request: Request, bytes: Int, completion: @escaping @Sendable (Response?) -> Void) -> RequestScheduler.Job {
        if !request.ignoredMembers.isEmpty {
            var metadata: [(String, any LogValueConvertible)] = [("members", request.ignoredMembers.joined(separator: ","))]
            if let id = request.id { metadata.insert(("id", id.json), at: 0) }
            logger.debug(request.isNotification ? "ignored members a host added to a notification" : "ignored members a host added", metadata: metadata)
        }
        return RequestScheduler.Job(request: request, prepared: handler.prepare(request), bytes: bytes, completion: completion)
    }

    private func submit(_ jobs: [RequestScheduler.Job]) {
        scheduler.waitForRoom()
        scheduler.submit(jobs)
    }

    private func reply(_ message: JSONValue) {
        if !output.send(message) { requestStop(.immediate) }
    }

    private static func immediateResponse(_ entry: IncomingMessage.Entry) -> Response? {
        if case .invalid(let id, let error) = entry { return Response(id: id, outcome: .failure(error)) }
        return nil
    }

    /// Waits until every request is answered, cancelling the running ones when the grace is over.
    private func drain() {
        var graceOver = false
        while !scheduler.isIdle {
            var until = DispatchTime.distantFuture
            if !graceOver, case .graceful(let deadline)? = stopState.withLock({ $0 }) {
                let remaining = deadline - ContinuousClock.now
                if remaining <= .zero {
                    logger.info("grace period over; cancelling requests still running")
                    scheduler.cancelAll()
                    graceOver = true
                } else {
                    until = .now() + remaining.inSeconds
                }
            }
            scheduler.waitForChange(until: until)
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D
    }
}
