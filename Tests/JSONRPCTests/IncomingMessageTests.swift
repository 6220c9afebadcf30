import JSONCore
@testable import JSONRPC
import Testing

@Suite("IncomingMessage")
struct IncomingMessageTests {
    private func classify(_ line: String, maxBatch: Int = 100) -> IncomingMessage {
        IncomingMessage(line: Array(line.utf8), maxBatch: maxBatch)
    }

    static func single(_ line: String) -> IncomingMessage.Entry? {
        if case .single(let entry) = IncomingMessage(line: Array(line.utf8), maxBatch: 100) { return entry }
        return nil
    }

    @Test("a request keeps its id exactly, integers never through Double")
    func requestIDs() throws {
        for (literal, expected) in [
            (#""abc""#, RequestID.string("abc")),
            ("12345678901234567890", .number(try #require(JSONParser.parse("12345678901234567890").numberValue))),
            ("-0", .number(try #require(JSONParser.parse("-0").numberValue))),
            ("null", .null),
        ] {
            guard case .request(let request)? = Self.single(#"{"jsonrpc":"2.0","id":\#(literal),"method":"m"}"#) else {
                Issue.record("not a request: \(literal)")
                continue
            }
            #expect(request.id == expected)
            #expect(request.id?.json.jsonText == literal)
        }
    }

    @Test("ids that are objects, arrays, booleans or fractions are invalid, answered with id null", arguments: [
        #"{"a":1}"#, "[1]", "true", "1.5", "1e3",
    ])
    func invalidIDs(id: String) {
        guard case .invalid(let echoed, let error)? = Self.single(#"{"jsonrpc":"2.0","id":\#(id),"method":"m"}"#) else {
            Issue.record("expected invalid")
            return
        }
        #expect(echoed == .null)
        #expect(error == .invalidRequest("`id` must be a string, an integer or null"))
    }

    @Test("a notification is never answered, even when invalid")
    func notifications() {
        guard case .request(let request)? = Self.single(#"{"jsonrpc":"2.0","method":"note","params":[1]}"#) else {
            Issue.record("expected a request")
            return
        }
        #expect(request.isNotification)
        for line in [
            #"{"jsonrpc":"1.0","method":"note"}"#,
            #"{"jsonrpc":"2.0","method":"note","params":"x"}"#,
            #"{"method":"note"}"#,
            #"{"jsonrpc":"2.0","method":"note","method":"other"}"#,
        ] {
            guard case .ignored? = Self.single(line) else {
                Issue.record("expected ignored: \(line)")
                continue
            }
        }
    }

    @Test("invalid requests echo a valid id and say what is wrong", arguments: [
        (#"{"jsonrpc":"2.1","id":7,"method":"m"}"#, "Invalid Request: `jsonrpc` must be \"2.0\""),
        (#"{"jsonrpc":"2.0","id":7,"method":1}"#, "Invalid Request: `method` must be a string"),
        (#"{"jsonrpc":"2.0","id":7,"method":"m","params":"bar"}"#, "Invalid Request: `params` must be an object or an array"),
        (#"{"jsonrpc":"2.0","id":7,"method":"m","params":null}"#, "Invalid Request: `params` must be an object or an array"),
        (#"{"jsonrpc":"2.0","id":7}"#, "Invalid Request: `method` must be a string"),
        (#"{"jsonrpc":"2.0","id":7,"method":"m","params":{"a":1,"a":2}}"#, "Invalid Request: the key \"params.a\" is written twice"),
        (#"{"jsonrpc":"2.0","id":7,"method":"m","method":"n"}"#, "Invalid Request: the key \"method\" is written twice"),
    ])
    func invalidRequests(line: String, message: String) {
        guard case .invalid(let id, let error)? = Self.single(line) else {
            Issue.record("expected invalid")
            return
        }
        #expect(id == .number(JSONNumber(integer: 7)))
        #expect(error.code == .invalidRequest)
        #expect(error.message == message)
    }

    @Test("batches: empty and oversized get one error, members are classified one by one")
    func batches() {
        guard case .rejected(let empty) = classify("[]") else { Issue.record("[] not rejected"); return }
        #expect(empty == .invalidRequest("an empty batch"))
        guard case .rejected(let big) = classify("[1,2,3]", maxBatch: 2) else { Issue.record("big batch not rejected"); return }
        #expect(big == .invalidRequest("a batch of 3 messages is over the limit of 2"))
        guard case .batch(let entries) = classify(#"[1,{"jsonrpc":"2.0","method":"n"}]"#) else { Issue.record("not a batch"); return }
        #expect(entries.count == 2)
        if case .invalid(let id, let error) = entries[0] {
            #expect(id == .null)
            #expect(error == .invalidRequest("expected a request object, got a number"))
        } else {
            Issue.record("first member should be invalid")
        }
    }

    @Test("a line that is not JSON is a parse error")
    func parseError() {
        guard case .rejected(let error) = classify(#"{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]"#) else {
            Issue.record("expected rejected")
            return
        }
        #expect(error.code == .parseError)
        #expect(error.message == "Parse error: expected ',' or '}' at byte 39")
    }
}

@Suite("Response model")
struct ResponseModelTests {
    @Test("error objects decode with any code, known or not, and encode back the same")
    func unknownCodes() throws {
        let json = try JSONParser.parse(#"{"code":4711,"message":"Custom","data":{"x":[1]}}"#)
        let error = try #require(ResponseError(json: json))
        #expect(error.code == ErrorCode(rawValue: 4711))
        #expect(!error.code.isReserved)
        #expect(error.json == json)
        #expect(ResponseError(json: #"{"code":"4711","message":"x"}"#.parsedForTest) == nil)
        #expect(ErrorCode.parseError.isReserved)
        #expect(!ErrorCode.requestCancelled.isReserved)
    }

    @Test("responses put jsonrpc, id, then result or error")
    func responseOrder() {
        let ok = Response(id: .string("a"), outcome: .success(["k": 1]))
        #expect(ok.json.jsonText == #"{"jsonrpc":"2.0","id":"a","result":{"k":1}}"#)
        let failed = Response(id: .null, outcome: .failure(.methodNotFound("x")))
        #expect(failed.json.jsonText == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32601,"message":"Method not found: \"x\""}}"#)
    }
}

private extension String {
    var parsedForTest: JSONValue { (try? JSONParser.parse(self)) ?? .null }

    @Test("members beyond JSON-RPC's four are accepted and ignored, and named for the log")
    func unknownMembers() {
        guard case .request(let request)? = IncomingMessageTests.single(#"{"jsonrpc":"2.0","id":7,"method":"m","foo":1,"_trace":"x"}"#) else {
            Issue.record("expected a request")
            return
        }
        #expect(request.method == "m")
        #expect(request.ignoredMembers == ["foo", "_trace"])
    }

    @Test("a duplicate key: answered with the id when the id is not the key written twice; a notification stays unanswered")
    func duplicateKeys() {
        guard case .invalid(let id, let error)? = IncomingMessageTests.single(#"{"jsonrpc":"2.0","id":7,"id":8,"method":"m"}"#) else {
            Issue.record("expected invalid")
            return
        }
        #expect(id == .null)
        #expect(error.message == "Invalid Request: the key \"id\" is written twice")
        guard case .ignored? = IncomingMessageTests.single(#"{"jsonrpc":"2.0","method":"m","params":{"x":1,"x":1}}"#) else {
            Issue.record("a notification is never answered")
            return
        }
        guard case .batch(let entries) = IncomingMessage(line: Array(#"[{"jsonrpc":"2.0","id":1,"method":"m"},{"jsonrpc":"2.0","id":2,"method":"m","params":[{"k":1,"k":2}]}]"#.utf8), maxBatch: 10) else {
            Issue.record("expected a batch")
            return
        }
        guard case .request = entries[0], case .invalid(let second, let problem) = entries[1] else {
            Issue.record("expected a request, then an invalid member")
            return
        }
        #expect(second == .number(JSONNumber(integer: 2)))
        #expect(problem.message == "Invalid Request: the key \"params[0].k\" is written twice")
    }

    @Test("keys are compared byte for byte: a precomposed and a decomposed é are two keys")
    func byteKeys() {
        guard case .request(let request)? = IncomingMessageTests.single(#"{"jsonrpc":"2.0","id":1,"method":"m","params":{"\u00e9":1,"e\u0301":2}}"#) else {
            Issue.record("expected a request")
            return
        }
        #expect(request.params?.objectValue?.count == 2)
        #expect(request.params?["\u{E9}"] == 1)
        #expect(request.params?["e\u{301}"] == 2)
    }
}
