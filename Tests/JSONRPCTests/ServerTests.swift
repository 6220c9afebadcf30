#if canImport(Glibc)
import Glibc
#endif
import Execution
import Foundation
import JSONCore
@testable import JSONRPC
import Log
import Platform
import Testing

/// A handler with the methods the JSON-RPC 2.0 specification's examples use, plus `sleep`, `chatty`
/// (two notifications, then the answer), and an admission policy: `cancel` / `forget` notifications
/// cancel `params.id` with and without an answer, and batches are refused when they hold `solo`.
struct SpecHandler: RequestHandler {
    func admit(_ message: IncomingMessage) -> Admission {
        switch message {
        case .single(.request(let request)) where request.isNotification && ["cancel", "forget"].contains(request.method):
            guard let id = request.params?["id"].flatMap(RequestID.init(json:)) else { return .serve }
            return .cancel(id, answered: request.method == "cancel")
        case .batch(let entries):
            let solo = entries.contains { if case .request(let request) = $0 { request.method == "solo" } else { false } }
            return solo ? .refuse(.invalidRequest("solo is never batched")) : .serve
        default:
            return .serve
        }
    }

    func prepare(_ request: Request) -> PreparedRequest {
        PreparedRequest { context in await answer(request, context: context) }
    }

    func answer(_ request: Request, context: RequestContext) async -> Result<JSONValue, ResponseError> {
        func integers() -> [Int64] { request.params?.arrayValue?.compactMap { $0.numberValue?.int64Value } ?? [] }
        switch request.method {
        case "subtract":
            if let object = request.params?.objectValue,
               let minuend = object["minuend"]?.numberValue?.int64Value, let subtrahend = object["subtrahend"]?.numberValue?.int64Value {
                return .success(.integer(minuend - subtrahend))
            }
            let values = integers()
            guard values.count == 2 else { return .failure(ResponseError(code: .invalidParams, message: "Invalid params")) }
            return .success(.integer(values[0] - values[1]))
        case "sum": return .success(.integer(integers().reduce(0, +)))
        case "get_data": return .success(["hello", 5])
        case "update", "notify_hello", "notify_sum": return .success(nil)
        case "chatty":
            context.notify("progress", params: ["step": 1])
            context.notify("progress", params: ["step": 2, "of": context.id?.json ?? .null])
            return .success("done")
        case "sleep":
            let milliseconds = request.params?["ms"]?.numberValue?.int64Value ?? 0
            try? await Task.sleep(for: .milliseconds(milliseconds))
            if Task.isCancelled { return .failure(ResponseError(code: .requestCancelled, message: "Cancelled")) }
            return .success(.integer(milliseconds))
        default: return .failure(.methodNotFound(request.method))
        }
    }
}

/// Runs a server over real pipes: writes `input`, closes it, returns every output line once the server is done.
///
/// All blocking work happens on threads of its own, never on the concurrency pool the server's tasks need.
func serve(_ input: String, limits: ServerLimits = ServerLimits(), handler: any RequestHandler = SpecHandler()) async throws -> [String] {
    var inPipe: [Int32] = [0, 0], outPipe: [Int32] = [0, 0]
    #expect(pipe(&inPipe) == 0)
    #expect(pipe(&outPipe) == 0)
    let server = Server(handler: handler, output: OutputChannel(output: FileDescriptorOutput(rawValue: outPipe[1])), limits: limits, logger: .disabled)
    let inputFD = inPipe[0], outputFD = outPipe[1], writerFD = inPipe[1], readerFD = outPipe[0]
    Thread.detachNewThread {
        server.run(inputFileDescriptor: inputFD)
        close(outputFD)
        close(inputFD)
    }
    let bytes = Array(input.utf8)
    Thread.detachNewThread {
        FileDescriptorOutput(rawValue: writerFD).writeAll(bytes)
        close(writerFD)
    }
    let output = await withCheckedContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(returning: FileHandle(fileDescriptor: readerFD, closeOnDealloc: true).readDataToEndOfFile())
        }
    }
    let text = String(decoding: output, as: UTF8.self)
    return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
}

func json(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }

@Suite("Server")
struct ServerTests {
    @Test("the JSON-RPC 2.0 specification's examples, one line each", arguments: [
        (#"{"jsonrpc": "2.0", "method": "subtract", "params": [42, 23], "id": 1}"#, #"{"jsonrpc": "2.0", "result": 19, "id": 1}"#),
        (#"{"jsonrpc": "2.0", "method": "subtract", "params": [23, 42], "id": 2}"#, #"{"jsonrpc": "2.0", "result": -19, "id": 2}"#),
        (#"{"jsonrpc": "2.0", "method": "subtract", "params": {"subtrahend": 23, "minuend": 42}, "id": 3}"#, #"{"jsonrpc": "2.0", "result": 19, "id": 3}"#),
        (#"{"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": 42, "subtrahend": 23}, "id": 4}"#, #"{"jsonrpc": "2.0", "result": 19, "id": 4}"#),
        (#"{"jsonrpc": "2.0", "method": "foobar", "id": "1"}"#, #"{"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found: \"foobar\""}, "id": "1"}"#),
    ])
    func specExamples(request: String, response: String) async throws {
        let lines = try await serve(request + "\n")
        #expect(lines.count == 1)
        #expect(try json(lines[0]) == json(response))
    }

    @Test("notifications, from the specification, get no answer at all")
    func specNotifications() async throws {
        let lines = try await serve("""
        {"jsonrpc": "2.0", "method": "update", "params": [1,2,3,4,5]}
        {"jsonrpc": "2.0", "method": "foobar"}
        [{"jsonrpc": "2.0", "method": "notify_sum", "params": [1,2,4]}, {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]}]

        """)
        #expect(lines == [])
    }

    @Test("the specification's error examples")
    func specErrors() async throws {
        let lines = try await serve("""
        {"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]
        {"jsonrpc": "2.0", "method": 1, "params": "bar"}
        [  {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},  {"jsonrpc": "2.0", "method" ]
        []
        [1]
        [1,2,3]

        """, handler: SpecHandler())
        let parsed = try lines.map(json)
        #expect(parsed.count == 6)
        func codes(_ value: JSONValue) -> [Int64?] {
            if let array = value.arrayValue { return array.map { $0["error"]?["code"]?.numberValue?.int64Value } }
            return [value["error"]?["code"]?.numberValue?.int64Value]
        }
        let all = parsed.map { (codes($0), $0.arrayValue != nil) }
        #expect(all.filter { $0.0 == [-32700] && !$0.1 }.count == 2)
        #expect(all.filter { $0.0 == [-32600] && !$0.1 }.count == 2)
        #expect(all.filter { $0.0 == [-32600] && $0.1 }.count == 1)
        #expect(all.filter { $0.0 == [-32600, -32600, -32600] && $0.1 }.count == 1)
        for value in parsed {
            for member in value.arrayValue ?? [value] { #expect(member["id"] == .null) }
        }
    }

    @Test("the specification's mixed batch: every valid and invalid member gets its own answer")
    func specBatch() async throws {
        let lines = try await serve("""
        [{"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},{"jsonrpc": "2.0", "method": "notify_hello", "params": [7]},{"jsonrpc": "2.0", "method": "subtract", "params": [42,23], "id": "2"},{"foo": "boo"},{"jsonrpc": "2.0", "method": "foo.get", "params": {"name": "myself"}, "id": "5"},{"jsonrpc": "2.0", "method": "get_data", "id": "9"}]

        """)
        #expect(lines.count == 1)
        #expect(try json(lines[0]) == json("""
        [{"jsonrpc": "2.0", "result": 7, "id": "1"},{"jsonrpc": "2.0", "result": 19, "id": "2"},
         {"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request: `jsonrpc` must be \\"2.0\\""}, "id": null},
         {"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found: \\"foo.get\\""}, "id": "5"},
         {"jsonrpc": "2.0", "result": ["hello", 5], "id": "9"}]
        """))
    }

    @Test("responses are written as soon as ready, so they come out of order")
    func outOfOrder() async throws {
        let lines = try await serve("""
        {"jsonrpc":"2.0","id":"slow","method":"sleep","params":{"ms":400}}
        {"jsonrpc":"2.0","id":"fast","method":"sleep","params":{"ms":0}}

        """)
        #expect(lines == [#"{"jsonrpc":"2.0","id":"fast","result":0}"#, #"{"jsonrpc":"2.0","id":"slow","result":400}"#])
    }

    @Test("end of input waits for requests in flight and writes their answers")
    func endOfInput() async throws {
        let lines = try await serve(#"{"jsonrpc":"2.0","id":1,"method":"sleep","params":{"ms":200}}"#)
        #expect(lines == [#"{"jsonrpc":"2.0","id":1,"result":200}"#])
    }

    @Test("CRLF and blank lines; ids echoed byte for byte; compact output")
    func framingAndIDs() async throws {
        let lines = try await serve("\r\n   \n{\"jsonrpc\":\"2.0\",\"id\":18446744073709551616,\"method\":\"get_data\"}\r\n{\"jsonrpc\":\"2.0\",\"id\":-0,\"method\":\"get_data\"}\n{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"get_data\"}\n")
        #expect(Set(lines) == [
            #"{"jsonrpc":"2.0","id":18446744073709551616,"result":["hello",5]}"#,
            #"{"jsonrpc":"2.0","id":-0,"result":["hello",5]}"#,
            #"{"jsonrpc":"2.0","id":null,"result":["hello",5]}"#,
        ])
    }

    @Test("a line over the size limit is refused with id null and the next line is served")
    func oversizedLine() async throws {
        let big = #"{"jsonrpc":"2.0","id":1,"method":"get_data","params":[""# + String(repeating: "x", count: 5000) + "\"]}"
        let lines = try await serve(big + "\n" + #"{"jsonrpc":"2.0","id":2,"method":"get_data"}"# + "\n", limits: ServerLimits(maxMessageBytes: 1000))
        #expect(lines == [
            #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request: the message is \#(big.utf8.count) bytes, over the limit of 1000"}}"#,
            #"{"jsonrpc":"2.0","id":2,"result":["hello",5]}"#,
        ])
    }

    @Test("a batch over the limit gets one error")
    func batchLimit() async throws {
        let member = #"{"jsonrpc":"2.0","id":1,"method":"get_data"}"#
        let lines = try await serve("[" + Array(repeating: member, count: 5).joined(separator: ",") + "]\n", limits: ServerLimits(maxBatch: 4))
        #expect(lines == [#"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request: a batch of 5 messages is over the limit of 4"}}"#])
    }

    @Test("with one request in flight at a time, answers come in input order")
    func inFlightLimit() async throws {
        let lines = try await serve("""
        {"jsonrpc":"2.0","id":1,"method":"sleep","params":{"ms":150}}
        {"jsonrpc":"2.0","id":2,"method":"sleep","params":{"ms":0}}

        """, limits: ServerLimits(maxInFlight: 1))
        #expect(lines == [#"{"jsonrpc":"2.0","id":1,"result":150}"#, #"{"jsonrpc":"2.0","id":2,"result":0}"#])
    }

    @Test("a handler's admission: a cancellation stops the request it names, answered or not, and is itself never answered")
    func admissionCancels() async throws {
        let lines = try await serve("""
        {"jsonrpc":"2.0","id":1,"method":"sleep","params":{"ms":20000}}
        {"jsonrpc":"2.0","method":"cancel","params":{"id":1}}
        {"jsonrpc":"2.0","id":"two","method":"sleep","params":{"ms":20000}}
        {"jsonrpc":"2.0","method":"forget","params":{"id":"two"}}
        {"jsonrpc":"2.0","method":"forget","params":{"id":"never-sent"}}
        {"jsonrpc":"2.0","id":3,"method":"get_data"}

        """)
        #expect(Set(lines) == [
            #"{"jsonrpc":"2.0","id":1,"error":{"code":-32800,"message":"Cancelled"}}"#,
            #"{"jsonrpc":"2.0","id":3,"result":["hello",5]}"#,
        ])
        #expect(lines.count == 2)
    }

    @Test("a handler's admission: a refused line gets one error with id null and runs nothing")
    func admissionRefuses() async throws {
        let lines = try await serve("""
        [{"jsonrpc":"2.0","id":1,"method":"solo"},{"jsonrpc":"2.0","id":2,"method":"get_data"}]
        [{"jsonrpc":"2.0","id":3,"method":"get_data"}]

        """, limits: ServerLimits(maxInFlight: 1))
        #expect(lines == [
            #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request: solo is never batched"}}"#,
            #"[{"jsonrpc":"2.0","id":3,"result":["hello",5]}]"#,
        ])
    }

    @Test("notifications a handler sends while it works go out before its answer, as whole lines")
    func handlerNotifications() async throws {
        let lines = try await serve(#"{"jsonrpc":"2.0","id":"c","method":"chatty"}"# + "\n")
        #expect(lines == [
            #"{"jsonrpc":"2.0","method":"progress","params":{"step":1}}"#,
            #"{"jsonrpc":"2.0","method":"progress","params":{"step":2,"of":"c"}}"#,
            #"{"jsonrpc":"2.0","id":"c","result":"done"}"#,
        ])
    }
}
