import Foundation
import JSONCore
import Testing

extension EndToEndTests {
    @Suite("JSON-RPC 2.0 on the wire, end to end (sandbox mode)")
    struct ProtocolTests {
        @Test("parse errors, invalid requests and unknown methods get the specification's codes")
        func protocolErrors() async throws {
            let plugin = try Plugin(["--sandbox"])
            plugin.send(#"{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]"#)
            plugin.send(#"{"jsonrpc": "2.0", "method": 1, "params": "bar"}"#)
            plugin.send(#"{"jsonrpc":"2.0","id":3,"method":"noSuchMethod"}"#)
            plugin.send(#"{"jsonrpc":"2.0","id":4,"method":"getOrganization","params":[5]}"#)
            plugin.send(#"{"jsonrpc":"2.0","id":5,"method":"getOrganization","params":"5"}"#)
            plugin.send(#"{"jsonrpc":"1.0","id":6,"method":"getOrganization"}"#)
            #expect(try await plugin.finish() == 0)
            let responses = plugin.process.stdoutLines
            #expect(Set(responses) == [
                #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error: expected ',' or '}' at byte 39"}}"#,
                #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request: `method` must be a string"}}"#,
                #"{"jsonrpc":"2.0","id":3,"error":{"code":-32601,"message":"Method not found: \"noSuchMethod\"","data":{"methods":["getOrganization","planOrganizationContactChange","updateOrganizationContact","patchOrganizationContact","rpc.discover"]}}}"#,
                #"{"jsonrpc":"2.0","id":4,"error":{"code":-32602,"message":"Invalid params: params are accepted by name only; send an object such as {\"organizationId\": 5}.","data":{"category":"invalid_params","retryable":false,"hint":"Correct the fields listed in fieldErrors and send the request again.","fieldErrors":[{"field":"params","message":"must be an object of named parameters"}]}}}"#,
                #"{"jsonrpc":"2.0","id":5,"error":{"code":-32600,"message":"Invalid Request: `params` must be an object or an array"}}"#,
                #"{"jsonrpc":"2.0","id":6,"error":{"code":-32600,"message":"Invalid Request: `jsonrpc` must be \"2.0\""}}"#,
            ])
        }

        static let methods: JSONValue = ["getOrganization", "planOrganizationContactChange", "updateOrganizationContact", "patchOrganizationContact", "rpc.discover"]

        @Test("a mistyped method gets the one it was probably meant to be; rpc.discover refuses params as every method does")
        func suggestionsAndDiscoverParams() async throws {
            let plugin = try Plugin(["--sandbox"])
            plugin.send(#"{"jsonrpc":"2.0","id":1,"method":"getOrganisation","params":{"organizationId":5}}"#)
            plugin.send(#"{"jsonrpc":"2.0","id":2,"method":"patchorganizationcontact"}"#)
            plugin.send(#"{"jsonrpc":"2.0","id":3,"method":"rpc.discover","params":{"verbose":true}}"#)
            plugin.send(#"{"jsonrpc":"2.0","id":4,"method":"rpc.discover","params":{}}"#)
            #expect(try await plugin.finish() == 0)
            let lines = try plugin.process.stdoutLines.map(json)
            #expect(lines.count == 4)
            let byID = Dictionary(uniqueKeysWithValues: lines.map { ($0["id"]?.jsonText ?? "", $0) })
            #expect(byID["1"] == [
                "jsonrpc": "2.0", "id": 1,
                "error": [
                    "code": -32601, "message": "Method not found: \"getOrganisation\"; did you mean \"getOrganization\"?",
                    "data": ["didYouMean": "getOrganization", "methods": Self.methods],
                ],
            ])
            #expect(byID["2"]?["error"]?["data"]?["didYouMean"] == "patchOrganizationContact")
            #expect(byID["3"] == [
                "jsonrpc": "2.0", "id": 3,
                "error": [
                    "code": -32602, "message": "Invalid params, 1 problem: `verbose`: unknown field; this method takes no params.",
                    "data": [
                        "category": "invalid_params", "retryable": false,
                        "hint": "Correct the fields listed in fieldErrors and send the request again.",
                        "fieldErrors": [["field": "verbose", "message": "unknown field; this method takes no params"]],
                    ],
                ],
            ])
            #expect(byID["4"]?["result"]?["openrpc"] == "1.3.2")
        }

        @Test("notifications are never answered, valid, invalid or unknown; a batch of only notifications writes nothing")
        func notifications() async throws {
            let plugin = try Plugin(["--sandbox"])
            plugin.send(#"{"jsonrpc":"2.0","method":"getOrganization","params":{"organizationId":5}}"#)
            plugin.send(#"{"jsonrpc":"2.0","method":"getOrganization","params":{"organizationId":"bad"}}"#)
            plugin.send(#"{"jsonrpc":"2.0","method":"noSuchMethod"}"#)
            plugin.send(#"[{"jsonrpc":"2.0","method":"a"},{"jsonrpc":"2.0","method":"b"}]"#)
            plugin.send(#"{"jsonrpc":"2.0","id":"last","method":"getOrganization","params":{"organizationId":6}}"#)
            #expect(try await plugin.finish() == 0)
            let lines = plugin.process.stdoutLines
            #expect(lines.count == 1)
            #expect(try json(lines[0])["id"] == "last")
        }

        @Test("batches: empty, [1], and a mixed batch answered member by member in one array")
        func batches() async throws {
            let plugin = try Plugin(["--sandbox"])
            plugin.send("[]")
            plugin.send("[1]")
            plugin.send(#"[{"jsonrpc":"2.0","id":1,"method":"getOrganization","params":{"organizationId":5}},{"jsonrpc":"2.0","method":"getOrganization","params":{"organizationId":5}},{"foo":"boo"},{"jsonrpc":"2.0","id":2,"method":"getOrganization","params":{"organizationId":0}},{"jsonrpc":"2.0","id":3,"method":"nope"}]"#)
            #expect(try await plugin.finish() == 0)
            let lines = plugin.process.stdoutLines
            #expect(lines.count == 3)
            #expect(lines.contains(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request: an empty batch"}}"#))
            #expect(lines.contains(#"[{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request: expected a request object, got a number"}}]"#))
            let batch = try #require(try lines.map(json).first { ($0.arrayValue?.count ?? 0) > 1 }?.arrayValue)
            #expect(batch.count == 4)
            #expect(batch[0] == ["jsonrpc": "2.0", "id": 1, "result": try json(Fixtures.organization5)])
            #expect(batch[1] == ["jsonrpc": "2.0", "id": nil, "error": ["code": -32600, "message": "Invalid Request: `jsonrpc` must be \"2.0\""]])
            #expect(batch[2]["id"] == 2)
            #expect(batch[2]["error"]?["code"] == -32602)
            #expect(batch[3] == [
                "jsonrpc": "2.0", "id": 3,
                "error": ["code": -32601, "message": "Method not found: \"nope\"", "data": ["methods": Self.methods]],
            ])
        }

        @Test("ids are echoed exactly: big integers, -0, strings, null")
        func ids() async throws {
            let plugin = try Plugin(["--sandbox"])
            for id in ["18446744073709551616", "-0", #""x\u00e9""#, "null"] {
                plugin.send(#"{"jsonrpc":"2.0","id":\#(id),"method":"rpc.discover"}"#)
            }
            #expect(try await plugin.finish() == 0)
            let heads = plugin.process.stdoutLines.compactMap { $0.components(separatedBy: #","result":"#).first }
            #expect(Set(heads) == [
                #"{"jsonrpc":"2.0","id":18446744073709551616"#, #"{"jsonrpc":"2.0","id":-0"#,
                #"{"jsonrpc":"2.0","id":"xé""#, #"{"jsonrpc":"2.0","id":null"#,
            ])
        }

        @Test("rpc.discover returns schema/openrpc.json")
        func discover() async throws {
            let plugin = try Plugin(["--sandbox"])
            let response = try await plugin.call("rpc.discover")
            let file = try JSONParser.parse(Array(try Data(contentsOf: packageRoot.appendingPathComponent("schema/openrpc.json"))))
            #expect(response["result"] == file)
        }

        @Test("CRLF line endings and blank lines are accepted")
        func crlf() async throws {
            let plugin = try Plugin(["--sandbox"])
            plugin.process.write(Array("\r\n\n  \r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getOrganization\",\"params\":{\"organizationId\":5}}\r\n".utf8))
            #expect(try await plugin.finish() == 0)
            #expect(plugin.process.stdoutLines == [#"{"jsonrpc":"2.0","id":1,"result":"# + Fixtures.organization5 + "}"])
        }

        @Test("the README's sandbox session: every line of examples/requests.jsonl with an id gets exactly one answer")
        func readmeSession() async throws {
            let requests = try String(contentsOf: packageRoot.appendingPathComponent("examples/requests.jsonl"), encoding: .utf8)
            let ids = try requests.split(separator: "\n").compactMap { try json(String($0))["id"] }
            let plugin = try Plugin(["--sandbox"])
            plugin.process.write(Array(requests.utf8))
            #expect(try await plugin.finish() == 0)
            let answered = try plugin.process.stdoutLines.map { try json($0)["id"] }
            #expect(answered.count == ids.count)
            #expect(Set(answered.compactMap { $0?.jsonText }) == Set(ids.map(\.jsonText)))
            #expect(plugin.process.stderrText.contains("sandbox mode"))
        }
    }
}
