#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Diagnostics
import Foundation
import JSONCore
import Synchronization

/// Reads line-delimited JSON-RPC 2.0 from a file descriptor, hands requests to a handler,
/// and writes each response as soon as it is ready.
///
/// Concurrency contract: `run(inputFileDescriptor:)` blocks its calling thread (reading is
/// blocking I/O) and must be called from a thread of its own, never from a Swift concurrency
/// task; `stop(grace:)` may be called from any thread. Requests run as tasks, at most
/// `limits.maxInFlight` lines at a time, with as many more lines read ahead; beyond that reading
/// pauses, so a flood of input is held back by the pipe instead of by memory. Responses may come
/// out of order; a batch is answered with one array once all its members are done.
///
/// Each line is first put to the handler's `admit` on the reading thread, in input order: it is
/// served, refused with one error, or is a cancellation. A cancellation cancels the task of every
/// request in flight with that id (the handler then answers as it sees fit, unless the
/// cancellation says the request gets no answer); it is acted on as soon as it is read, even
/// while every slot is taken. Unknown or finished ids are ignored.
///
/// Handlers may send notifications to the peer while they work (`RequestContext.notify`); they go
/// out on the same output, never interleaved with other messages.
public final class Server: Sendable {
    private enum Stop {
        /// Finish what is in flight until the deadline, then cancel it.
        case graceful(deadline: ContinuousClock.Instant)
        /// The output is gone: cancel everything now.
        case immediate
    }

    private let handler: any RequestHandler
    private let output: OutputChannel
    private let limits: ServerLimits
    private let logger: Logger
    private let requests = InFlightRequests()
    private let stopState = Mutex<Stop?>(nil)
    private let wake: (read: Int32, write: Int32)
    private let drainWake = DispatchSemaphore(value: 0)

    /// A server answering through `handler` and writing to `output`.
    public init(handler: any RequestHandler, output: OutputChannel, limits: ServerLimits, logger: Logger) {
        self.handler = handler
        self.output = output
        self.limits = limits
        self.logger = logger
        var descriptors: [Int32] = [-1, -1]
        if pipe(&descriptors) == 0 {
            _ = fcntl(descriptors[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(descriptors[1], F_SETFD, FD_CLOEXEC)
        }
        wake = (descriptors[0], descriptors[1])
    }

    deinit {
        close(wake.read)
        close(wake.write)
    }

    /// Stops reading; requests in flight may finish within `grace`, then they are cancelled.
    /// `run` returns once every request has been answered.
    public func stop(grace: Duration) {
        requestStop(.graceful(deadline: ContinuousClock.now + grace))
    }

    private func requestStop(_ stop: Stop) {
        stopState.withLock { current in
            switch (current, stop) {
            case (nil, _), (.graceful?, .immediate): current = stop
            default: break
            }
        }
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
        drainWake.signal()
    }

    /// Serves lines from `inputFileDescriptor` until end of input or `stop`, then waits for every
    /// request in flight to be answered (or, after a stop, cancelled), and returns.
    @available(*, noasync, message: "run blocks its thread; call it from a thread of its own")
    public func run(inputFileDescriptor: Int32) {
        let queue = BoundedQueue<IncomingMessage>(capacity: limits.maxInFlight)
        let slots = DispatchSemaphore(value: limits.maxInFlight)
        let inFlight = DispatchGroup()
        let dispatcherDone = DispatchSemaphore(value: 0)
        Thread.detachNewThread { [self] in
            while let message = queue.take() {
                slots.wait()
                dispatch(message, slots: slots, inFlight: inFlight)
            }
            dispatcherDone.signal()
        }
        read(inputFileDescriptor) { message in
            // The common case, a free slot and nothing waiting: start at once, without a hop
            // through the dispatcher thread. Otherwise queue, in order.
            if queue.isEmpty, slots.wait(timeout: .now()) == .success {
                dispatch(message, slots: slots, inFlight: inFlight)
            } else {
                queue.put(message)
            }
        }
        queue.close()
        dispatcherDone.wait()
        drain(inFlight)
    }

    private func read(_ inputFileDescriptor: Int32, handing submit: (IncomingMessage) -> Void) {
        var reader = LineReader(fileDescriptor: inputFileDescriptor, maxLineBytes: limits.maxMessageBytes, wakeFileDescriptor: wake.read)
        while stopState.withLock({ $0 == nil }), let item = reader.next() {
            switch item {
            case .tooLong(let length):
                logger.warning("refused an over-long line", metadata: [("bytes", String(length))])
                submit(.rejected(.invalidRequest("the message is \(length) bytes, over the limit of \(limits.maxMessageBytes)")))
            case .line(let line):
                guard line.contains(where: { !Self.isWhitespace($0) }) else { continue }
                logger.trace("line received", metadata: [("bytes", String(line.count))])
                let message = IncomingMessage(line: line, maxBatch: limits.maxBatch)
                switch handler.admit(message) {
                case .serve:
                    submit(message)
                case .refuse(let error):
                    submit(.rejected(error))
                case .cancel(let id, let answered):
                    let count = requests.cancel(id: id, answered: answered)
                    logger.debug("cancel request", metadata: [("id", id.description), ("inFlight", String(count))])
                }
            }
        }
        logger.debug(stopState.withLock { $0 == nil } ? "end of input" : "stopped reading")
    }

    /// Starts `message`, whose slot is already taken.
    private func dispatch(_ message: IncomingMessage, slots: DispatchSemaphore, inFlight: DispatchGroup) {
        inFlight.enter()
        let finish: @Sendable (JSONValue?) -> Void = { [self] reply in
            if let reply, !output.send(reply) { requestStop(.immediate) }
            slots.signal()
            inFlight.leave()
        }
        switch message {
        case .rejected(let error):
            finish(Response(id: .null, outcome: .failure(error)).json)
        case .single(let entry):
            start(entry) { response in finish(response?.json) }
        case .batch(let entries):
            let collector = BatchCollector(count: entries.count) { responses in
                finish(responses.isEmpty ? nil : .array(responses.map(\.json)))
            }
            for (index, entry) in entries.enumerated() {
                start(entry) { response in collector.deliver(response, at: index) }
            }
        }
    }

    /// Answers one entry in a task of its own, registered so that it can be cancelled by id,
    /// and hands the response (or `nil` for a notification) to `completion`.
    private func start(_ entry: IncomingMessage.Entry, completion: @escaping @Sendable (Response?) -> Void) {
        guard case .request(let request) = entry else {
            completion(Self.immediateResponse(entry))
            return
        }
        let ticket = requests.register(request.id)
        let context = RequestContext(id: request.id) { [output] notification in _ = output.send(notification.json) }
        let task = Task { [self] in
            let outcome = await handler.handle(request, context: context)
            let answered = requests.finish(ticket)
            completion(answered ? request.id.map { Response(id: $0, outcome: outcome) } : nil)
        }
        requests.attach(ticket) { task.cancel() }
    }

    private static func immediateResponse(_ entry: IncomingMessage.Entry) -> Response? {
        if case .invalid(let id, let error) = entry { return Response(id: id, outcome: .failure(error)) }
        return nil
    }

    /// Waits until every request in flight is answered, cancelling them when a stop says so.
    private func drain(_ inFlight: DispatchGroup) {
        inFlight.notify(queue: .global()) { [drainWake] in drainWake.signal() }
        while inFlight.wait(timeout: .now()) != .success {
            var timeout = DispatchTime.distantFuture
            switch stopState.withLock({ $0 }) {
            case .immediate?:
                requests.cancelAll()
            case .graceful(let deadline)?:
                let remaining = deadline - ContinuousClock.now
                if remaining <= .zero {
                    logger.info("grace period over; cancelling requests still running")
                    requests.cancelAll()
                } else {
                    timeout = .now() + remaining.inSeconds
                }
            case nil:
                break
            }
            _ = drainWake.wait(timeout: timeout)
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D
    }
}
