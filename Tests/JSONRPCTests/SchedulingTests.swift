#if canImport(Glibc)
import Glibc
#endif
import Log
import Platform
import Foundation
import JSONCore
import JSONRPC
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

@Suite("Scheduling: ordering per key, cancellation of waiting requests, stop and hang-up")
struct SchedulingTests {
    @Test("a read of a key starts only after an earlier write of it has ended; other keys do not wait")
    func readAfterWrite() async throws {
        let handler = OrderedHandler()
        let live = LiveServer(handler: handler)
        live.send([
            requestLine(1, "write", ["key": "a", "tag": "w"]),
            requestLine(2, "read", ["key": "a", "tag": "r", "ms": 0]),
            requestLine(3, "read", ["key": "b", "tag": "other", "ms": 0]),
            requestLine(4, "probe"),
        ])
        let before = try await live.waitForLines(2)
        #expect(Set(before) == [#"{"jsonrpc":"2.0","id":3,"result":"other"}"#, #"{"jsonrpc":"2.0","id":4,"result":false}"#])
        #expect(handler.log == ["start w", "start other", "end other"] || handler.log == ["start other", "start w", "end other"]
            || handler.log == ["start other", "end other", "start w"])
        live.send([notificationLine("release", ["tag": "w"])])
        let after = try await live.waitForLines(4)
        #expect(Array(after.suffix(2)) == [#"{"jsonrpc":"2.0","id":1,"result":"w"}"#, #"{"jsonrpc":"2.0","id":2,"result":"r"}"#])
        #expect(handler.happened("end w", before: "start r"))
        live.closeInput()
        try await live.wait { live.isFinished }
    }

    @Test("reads of one key run together; a write waits for every earlier one, and later reads wait for the write")
    func writeAfterReads() async throws {
        let handler = OrderedHandler()
        let live = LiveServer(handler: handler)
        live.send([
            requestLine(1, "read", ["key": "k", "tag": "r1"]),
            requestLine(2, "read", ["key": "k", "tag": "r2"]),
            requestLine(3, "write", ["key": "k", "tag": "w", "ms": 0]),
            requestLine(4, "read", ["key": "k", "tag": "r3", "ms": 0]),
        ])
        try await live.wait { handler.log.count == 2 }
        #expect(Set(handler.log) == ["start r1", "start r2"])
        live.send([notificationLine("release", ["tag": "r2"])])
        #expect(try await live.waitForLines(1) == [#"{"jsonrpc":"2.0","id":2,"result":"r2"}"#])
        #expect(!handler.log.contains("start w"))
        live.send([notificationLine("release", ["tag": "r1"])])
        let lines = try await live.waitForLines(4)
        #expect(lines == [
            #"{"jsonrpc":"2.0","id":2,"result":"r2"}"#, #"{"jsonrpc":"2.0","id":1,"result":"r1"}"#,
            #"{"jsonrpc":"2.0","id":3,"result":"w"}"#, #"{"jsonrpc":"2.0","id":4,"result":"r3"}"#,
        ])
        #expect(handler.happened("end r1", before: "start w") && handler.happened("end w", before: "start r3"))
        live.closeInput()
    }

    @Test("writes of one key run one at a time in input order, batch members included, with one slot or many", arguments: [1, 16])
    func writesInOrder(maxInFlight: Int) async throws {
        let handler = OrderedHandler()
        let members = (2...6).map { requestLine($0, "write", ["key": "k", "tag": .string("w\($0)"), "ms": 5]) }
        let lines = try await serve(
            requestLine(1, "write", ["key": "k", "tag": "w1", "ms": 20]) + "\n[" + members.joined(separator: ",") + "]\n"
                + requestLine(7, "read", ["key": "k", "tag": "r7", "ms": 0]) + "\n",
            limits: ServerLimits(maxInFlight: maxInFlight), handler: handler
        )
        #expect(lines.count == 3)
        #expect(handler.log == (1...6).flatMap { ["start w\($0)", "end w\($0)"] } + ["start r7", "end r7"])
    }

    @Test("a cancellation reaches a request still waiting behind 40 others: answered at once, never run")
    func cancelWaiting() async throws {
        let handler = OrderedHandler()
        let live = LiveServer(handler: handler, limits: ServerLimits(maxInFlight: 1))
        live.send((1...41).map { requestLine($0, "write", ["key": "k", "tag": .string("w\($0)")]) } + [requestLine(42, "probe", ["key": "k"])])
        try await live.wait { handler.log == ["start w1"] }
        let start = ContinuousClock.now
        live.send([notificationLine("cancel", ["id": 42]), notificationLine("cancel", ["id": 41])])
        let lines = try await live.waitForLines(2)
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(Set(lines) == [#"{"jsonrpc":"2.0","id":42,"result":true}"#, #"{"jsonrpc":"2.0","id":41,"error":{"code":-32800,"message":"Cancelled"}}"#])
        #expect(handler.log == ["start w1"])
        for tag in 1...40 { live.send([notificationLine("release", ["tag": .string("w\(tag)")])]) }
        live.closeInput()
        try await live.wait { live.isFinished }
        #expect(live.lines.count == 42)
        #expect(!handler.log.contains("start w41"))
    }

    @Test("stop: waiting requests and what was already written are answered cancelled at once; running ones get the grace")
    func stopWithBacklog() async throws {
        let handler = OrderedHandler()
        let live = LiveServer(handler: handler, limits: ServerLimits(maxInFlight: 2))
        live.send((1...100).map { requestLine($0, "read", ["key": .string("k\($0)"), "tag": .string("r\($0)"), "ms": 60000]) })
        try await live.wait { handler.log.count == 2 }
        live.send((101...150).map { requestLine($0, "probe") })
        let start = ContinuousClock.now
        live.server.stop(grace: .milliseconds(300))
        try await live.wait { live.isFinished }
        let elapsed = try #require(live.finishedAt) - start
        #expect(elapsed >= .milliseconds(300) && elapsed < .seconds(5))
        let lines = live.lines
        let ids = try lines.map { try #require(try json($0)["id"]?.numberValue?.int64Value) }
        #expect(ids.sorted() == Array(1...150))
        for line in lines {
            let value = try json(line)
            let id = try #require(value["id"]?.numberValue?.int64Value)
            #expect(id > 100 ? value["result"] == true : value["error"]?["code"] == -32800, "\(line)")
        }
        #expect(handler.log.filter { $0.hasPrefix("start") }.count == 2)
    }

    @Test("the peer closing the output: everything is cancelled and run returns at once")
    func outputHangup() async throws {
        let handler = OrderedHandler()
        let live = LiveServer(handler: handler, limits: ServerLimits(maxInFlight: 1))
        live.send((1...100).map { requestLine($0, "write", ["key": "k", "tag": .string("w\($0)")]) })
        try await live.wait { handler.log == ["start w1"] }
        let start = ContinuousClock.now
        live.closeOutput()
        try await live.wait { live.isFinished }
        #expect(try #require(live.finishedAt) - start < .seconds(2))
        #expect(handler.log == ["start w1", "end w1"])
    }

    @Test("with a read-ahead of two, every request is still answered once")
    func smallReadAhead() async throws {
        let input = (1...50).map { requestLine($0, "read", ["key": "k", "tag": .string("r\($0)"), "ms": 1]) }.joined(separator: "\n") + "\n"
        let lines = try await serve(input, limits: ServerLimits(maxInFlight: 2, maxWaiting: 2), handler: OrderedHandler())
        #expect(Set(lines.compactMap { try? json($0)["id"]?.jsonText }).count == 50)
    }
}
