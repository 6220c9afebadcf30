import Dispatch
import Diagnostics
import JSONCore

/// Reads line-delimited JSON-RPC 2.0 from a file descriptor, hands requests to a handler,
/// and writes each response as soon as it is ready.
///
/// Concurrency contract: `run()` blocks its calling thread (reading is blocking I/O) and must be
/// called from a thread of its own, never from a Swift concurrency task. Requests run as tasks,
/// at most `limits.maxInFlight` lines at a time: reading pauses until one finishes, so a flood
/// of input is held back by the pipe instead of by memory. Responses may come out of order; a
/// batch is answered with one array once all its members are done.
public final class Server: Sendable {
    private let handler: any RequestHandler
    private let output: OutputChannel
    private let limits: ServerLimits
    private let logger: Logger

    /// A server answering through `handler` and writing to `output`.
    public init(handler: any RequestHandler, output: OutputChannel, limits: ServerLimits, logger: Logger) {
        self.handler = handler
        self.output = output
        self.limits = limits
        self.logger = logger
    }

    /// Serves lines from `inputFileDescriptor` until end of input (or until the output closes),
    /// then waits for every request in flight to be answered, and returns.
    public func run(inputFileDescriptor: Int32) {
        var reader = LineReader(fileDescriptor: inputFileDescriptor, maxLineBytes: limits.maxMessageBytes)
        let slots = DispatchSemaphore(value: limits.maxInFlight)
        let inFlight = DispatchGroup()
        while !output.isClosed, let item = reader.next() {
            switch item {
            case .tooLong(let length):
                logger.warning("refused an over-long line", metadata: [("bytes", String(length))])
                output.send(Response(id: .null, outcome: .failure(.invalidRequest(
                    "the message is \(length) bytes, over the limit of \(limits.maxMessageBytes)"
                ))).json)
            case .line(let line):
                guard line.contains(where: { !Self.isWhitespace($0) }) else { continue }
                logger.trace("received", metadata: [("bytes", String(line.count))])
                let message = IncomingMessage(line: line, maxBatch: limits.maxBatch)
                slots.wait()
                inFlight.enter()
                Task { [self] in
                    if let reply = await answer(message) { output.send(reply) }
                    slots.signal()
                    inFlight.leave()
                }
            }
        }
        logger.debug("end of input; waiting for requests in flight")
        inFlight.wait()
    }

    /// The reply to one line, or `nil` when nothing is to be written.
    func answer(_ message: IncomingMessage) async -> JSONValue? {
        switch message {
        case .rejected(let error):
            return Response(id: .null, outcome: .failure(error)).json
        case .single(let entry):
            return await answer(entry)?.json
        case .batch(let entries):
            let responses = await withTaskGroup(of: (Int, Response?).self) { group in
                for (offset, entry) in entries.enumerated() {
                    group.addTask { (offset, await self.answer(entry)) }
                }
                var collected = [Response?](repeating: nil, count: entries.count)
                for await (offset, response) in group { collected[offset] = response }
                return collected.compactMap { $0 }
            }
            return responses.isEmpty ? nil : .array(responses.map(\.json))
        }
    }

    private func answer(_ entry: IncomingMessage.Entry) async -> Response? {
        switch entry {
        case .ignored:
            return nil
        case .invalid(let id, let error):
            return Response(id: id, outcome: .failure(error))
        case .request(let request):
            let outcome = await handler.handle(request)
            guard let id = request.id else { return nil }
            return Response(id: id, outcome: outcome)
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D
    }
}
