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
