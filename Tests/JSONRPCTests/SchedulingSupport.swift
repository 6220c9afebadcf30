#if canImport(Glibc)
import Glibc
#endif
import Foundation
import JSONCore
import JSONRPC
import Log
import Platform
import Synchronization
import Testing

/// A handler whose `read` and `write` methods declare an ordering on `params.key` and wait until
/// they are released (`release <tag>`) or for `params.ms`, recording when each starts and ends;
/// `probe` answers whether its task was already cancelled when it started.
final class OrderedHandler: RequestHandler {
    private let events = Mutex<[String]>([])
    private let gates = Mutex<[String: CheckedContinuation<Void, Never>]>([:])
    private let released = Mutex<Set<String>>([])

    func admit(_ message: IncomingMessage) -> Admission {
        guard case .single(.request(let request)) = message, request.isNotification else { return .serve }
        switch request.method {
        case "cancel":
            return request.params?["id"].flatMap(RequestID.init(json:)).map { .cancel($0, answered: true) } ?? .serve
        case "release":
            if let tag = request.params?["tag"]?.stringValue { release(tag) }
            return .serve
        default:
            return .serve
        }
    }

    func prepare(_ request: Request) -> PreparedRequest {
        PreparedRequest(ordering: order(of: request)) { context in await self.answer(request, context: context) }
    }

    func order(of request: Request) -> RequestOrdering {
        guard let key = request.params?["key"]?.stringValue else { return .independent }
        switch request.method {
        case "read": return .reads(key)
        case "write": return .writes(key)
        default: return .independent
        }
    }

    func answer(_ request: Request, context: RequestContext) async -> Result<JSONValue, ResponseError> {
        switch request.method {
        case "probe":
            return .success(.bool(Task.isCancelled))
        case "read", "write":
            let tag = request.params?["tag"]?.stringValue ?? "?"
            if Task.isCancelled { return .failure(ResponseError(code: .requestCancelled, message: "Cancelled")) }
            record("start \(tag)")
            if let milliseconds = request.params?["ms"]?.numberValue?.int64Value {
                try? await Task.sleep(for: .milliseconds(milliseconds))
            } else {
                await wait(for: tag)
            }
            record("end \(tag)")
            return Task.isCancelled ? .failure(ResponseError(code: .requestCancelled, message: "Cancelled")) : .success(.string(tag))
        default:
            return .success(.null)
        }
    }

    /// Every start and end so far, in order.
    var log: [String] { events.withLock { $0 } }

    /// Whether `event` was recorded before `later`.
    func happened(_ event: String, before later: String) -> Bool {
        let log = log
        guard let first = log.firstIndex(of: event), let second = log.firstIndex(of: later) else { return false }
        return first < second
    }

    private func record(_ event: String) { events.withLock { $0.append(event) } }

    private func wait(for tag: String) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = released.withLock { $0.contains(tag) }
                if now { continuation.resume() } else { gates.withLock { $0[tag] = continuation } }
            }
        } onCancel: {
            release(tag)
        }
    }

    private func release(_ tag: String) {
        released.withLock { _ = $0.insert(tag) }
        gates.withLock { $0.removeValue(forKey: tag) }?.resume()
    }
}

/// A server on real pipes whose input stays open until the test closes it.
final class LiveServer: Sendable {
    let server: Server
    private let writer: Int32
    /// Written to make the output's reader close it (a close from another thread would not end its read).
    private let hangup: (read: Int32, write: Int32)
    private let outputLines = Mutex<[String]>([])
    private let finished = Mutex<ContinuousClock.Instant?>(nil)
    private let outputEnded = Mutex(false)

    init(handler: any RequestHandler, limits: ServerLimits = ServerLimits()) {
        var inPipe: [Int32] = [0, 0], outPipe: [Int32] = [0, 0]
        _ = pipe(&inPipe)
        _ = pipe(&outPipe)
        server = Server(handler: handler, output: OutputChannel(output: FileDescriptorOutput(rawValue: outPipe[1])), limits: limits, logger: .disabled)
        writer = inPipe[1]
        var hangupPipe: [Int32] = [0, 0]
        _ = pipe(&hangupPipe)
        hangup = (hangupPipe[0], hangupPipe[1])
        let inputFD = inPipe[0], outputFD = outPipe[1]
        Thread.detachNewThread { [self] in
            server.run(inputFileDescriptor: inputFD)
            finished.withLock { $0 = ContinuousClock.now }
            close(outputFD)
            close(inputFD)
        }
        let outputReader = outPipe[0]
        Thread.detachNewThread { [self] in
            var pending: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            defer {
                close(outputReader)
                outputEnded.withLock { $0 = true }
            }
            while true {
                var descriptors = [pollfd(fd: outputReader, events: Int16(POLLIN), revents: 0), pollfd(fd: hangup.read, events: Int16(POLLIN), revents: 0)]
                _ = poll(&descriptors, 2, -1)
                if descriptors[1].revents != 0 { return }
                let count = chunk.withUnsafeMutableBytes { read(outputReader, $0.baseAddress, $0.count) }
                guard count > 0 else { return }
                pending += chunk[0..<count]
                while let newline = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[..<newline], as: UTF8.self)
                    pending.removeSubrange(...newline)
                    outputLines.withLock { $0.append(line) }
                }
            }
        }
    }

    /// Writes `lines`, each followed by a newline, in one write.
    func send(_ lines: [String]) {
        FileDescriptorOutput(rawValue: writer).writeAll(Array(lines.map { $0 + "\n" }.joined().utf8))
    }

    /// Ends the input.
    func closeInput() { close(writer) }

    /// Closes the reading end of the output, as a peer that goes away does.
    func closeOutput() {
        var byte: UInt8 = 1
        _ = write(hangup.write, &byte, 1)
    }

    /// The lines written so far.
    var lines: [String] { outputLines.withLock { $0 } }

    /// When `run` returned, if it has.
    var finishedAt: ContinuousClock.Instant? { finished.withLock { $0 } }

    /// Whether `run` has returned and everything it wrote has been read into `lines` (the output
    /// is read on a thread of its own, which may still hold the last lines when `run` returns).
    var isFinished: Bool { finishedAt != nil && outputEnded.withLock { $0 } }

    /// Waits until `condition` holds, for at most `timeout`.
    func wait(timeout: Duration = .seconds(10), until condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            guard ContinuousClock.now < deadline else { throw SchedulingTimeout() }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Waits for at least `count` lines and returns them.
    func waitForLines(_ count: Int) async throws -> [String] {
        try await wait { lines.count >= count }
        return lines
    }
}

struct SchedulingTimeout: Error {}

/// A request line.
func requestLine(_ id: Int, _ method: String, _ params: JSONValue = [:]) -> String {
    JSONValue.object(JSONObject([
        .init(key: "jsonrpc", value: "2.0"), .init(key: "id", value: .integer(id)), .init(key: "method", value: .string(method)),
        .init(key: "params", value: params),
    ])).jsonText
}

/// A notification line.
func notificationLine(_ method: String, _ params: JSONValue) -> String {
    JSONValue.object(JSONObject([
        .init(key: "jsonrpc", value: "2.0"), .init(key: "method", value: .string(method)), .init(key: "params", value: params),
    ])).jsonText
}
