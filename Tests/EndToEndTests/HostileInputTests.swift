import Foundation
import JSONCore
import Testing

extension EndToEndTests {
    @Suite("Hostile and malformed input, end to end")
    struct HostileInputTests {
        /// Sends `input` then one valid request, and returns the answer lines before the valid one's.
        private func answers(to input: [UInt8], arguments: [String] = []) async throws -> [String] {
            let plugin = try Plugin(["--sandbox"] + arguments)
            plugin.process.write(input + Array("\n".utf8))
            plugin.send(#"{"jsonrpc":"2.0","id":"next","method":"getOrganization","params":{"organizationId":6}}"#)
            #expect(try await plugin.finish() == 0)
            let lines = plugin.process.stdoutLines
            let next = try #require(lines.firstIndex { $0.hasPrefix(#"{"jsonrpc":"2.0","id":"next","result":"#) }, "the next line was not served")
            var others = lines
            others.remove(at: next)
            for line in others { _ = try json(line) }
            return others
        }

        private static func parseError(_ detail: String) -> String {
            #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error: \#(detail)"}}"#
        }

        private static func invalid(_ id: String, _ detail: String) -> String {
            #"{"jsonrpc":"2.0","id":\#(id),"error":{"code":-32600,"message":"Invalid Request: \#(detail)"}}"#
        }

        /// Inputs the parser must refuse, each with the exact error.
        static let unparseable: [([UInt8], String)] = {
            let invalidUTF8: [UInt8] = Array(#"{"jsonrpc":"2.0","id":1,"method":"get"#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
            let leadingGarbage: [UInt8] = [0xFF, 0xFE] + Array(#"{"jsonrpc":"2.0"}"#.utf8)
            let nul: [UInt8] = Array(#"{"jsonrpc":"2.0","id":1,"#.utf8) + [0] + Array(#""method":"x"}"#.utf8)
            let nested: [UInt8] = Array(String(repeating: "[", count: 100_000).utf8)
            return [
                (invalidUTF8, parseError("invalid UTF-8 at byte 37")),
                (leadingGarbage, parseError("invalid UTF-8 at byte 0")),
                (nul, parseError("expected a string key at byte 24")),
                (nested, parseError("nesting deeper than 128 levels at byte 128")),
            ]
        }()

        @Test("invalid UTF-8, a NUL byte, 100,000 nested brackets: -32700 with id null", arguments: 0..<4)
        func parseErrors(index: Int) async throws {
            let (input, expected) = Self.unparseable[index]
            #expect(try await answers(to: input) == [expected])
        }

        @Test("a key written twice: -32600 with the request's id, or with id null when the id is the key written twice", arguments: [
            (#"{"jsonrpc":"2.0","id":"a-1","method":"getOrganization","params":{"organizationId":5,"organizationId":6}}"#,
             invalid(#""a-1""#, #"the key \"params.organizationId\" is written twice"#)),
            (#"{"jsonrpc":"2.0","id":1,"id":2,"method":"getOrganization"}"#, invalid("null", #"the key \"id\" is written twice"#)),
        ])
        func duplicateKeys(line: String, expected: String) async throws {
            #expect(try await answers(to: Array(line.utf8)) == [expected])
        }

        @Test("members a host adds beside JSON-RPC's own are ignored; the request is served")
        func addedMembers() async throws {
            let plugin = try Plugin(["--sandbox", "--log-level", "debug"])
            plugin.send(#"{"jsonrpc":"2.0","id":1,"method":"getOrganization","params":{"organizationId":5},"_trace":{"span":"x"}}"#)
            let lines = try await plugin.process.waitForLines(1)
            #expect(try json(lines[0])["result"]?["organizationId"] == 5)
            #expect(try await plugin.finish() == 0)
            #expect(plugin.process.stderrText.contains("debug ignored members a host added id=1 members=_trace"))
        }

        @Test("ids, jsonrpc and methods that are not what the specification allows: -32600", arguments: [
            (#"{"jsonrpc":"2.0","id":{"a":1},"method":"getOrganization"}"#, invalid("null", "`id` must be a string, an integer or null")),
            (#"{"jsonrpc":"2.0","id":[1],"method":"getOrganization"}"#, invalid("null", "`id` must be a string, an integer or null")),
            (#"{"jsonrpc":"2.0","id":true,"method":"getOrganization"}"#, invalid("null", "`id` must be a string, an integer or null")),
            (#"{"jsonrpc":"2.0","id":1.5,"method":"getOrganization"}"#, invalid("null", "`id` must be a string, an integer or null")),
            (#"{"jsonrpc":"2.0","id":1e400,"method":"getOrganization"}"#, invalid("null", "`id` must be a string, an integer or null")),
            (#"{"jsonrpc":"1.0","id":3,"method":"getOrganization"}"#, invalid("3", "`jsonrpc` must be \\\"2.0\\\"")),
            (#"{"id":3,"method":"getOrganization"}"#, invalid("3", "`jsonrpc` must be \\\"2.0\\\"")),
            (#"{"jsonrpc":"2.0","id":3,"method":["getOrganization"]}"#, invalid("3", "`method` must be a string")),
            (#"{"jsonrpc":"2.0","id":3,"method":null}"#, invalid("3", "`method` must be a string")),
        ])
        func invalidRequests(input: String, expected: String) async throws {
            #expect(try await answers(to: Array(input.utf8)) == [expected])
        }

        @Test("numbers at the edges: ids -0 and 2^64 are echoed exactly; 1e400 and 2^64 organization ids are refused")
        func numbers() async throws {
            let lines = try await answers(to: Array("""
            {"jsonrpc":"2.0","id":-0,"method":"getOrganization","params":{"organizationId":1e400}}
            {"jsonrpc":"2.0","id":18446744073709551616,"method":"getOrganization","params":{"organizationId":18446744073709551616}}
            """.utf8))
            #expect(lines.count == 2)
            for line in lines {
                let response = try json(line)
                #expect(response["error"]?["code"] == -32602)
            }
            #expect(lines.contains { $0.hasPrefix(#"{"jsonrpc":"2.0","id":-0,"error":"#) && $0.contains("got 1e400") })
            #expect(lines.contains { $0.hasPrefix(#"{"jsonrpc":"2.0","id":18446744073709551616,"error":"#) && $0.contains("got 18446744073709551616") })
        }

        @Test("a line of 100 MB is refused with id null, not buffered, and the next line is served")
        func hugeLine() async throws {
            let size = 100 * 1024 * 1024
            let plugin = try Plugin(["--sandbox"])
            let huge = [UInt8](repeating: UInt8(ascii: "x"), count: size)
            await Task.detached { plugin.process.write(huge + [UInt8(ascii: "\n")]) }.value
            plugin.send(#"{"jsonrpc":"2.0","id":"next","method":"getOrganization","params":{"organizationId":6}}"#)
            let lines = try await plugin.process.waitForLines(2)
            #expect(lines[0] == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request: the message is \#(size) bytes, over the limit of 1048576"}}"#)
            #expect(try json(lines[1])["id"] == "next")
            let peak = try #require(plugin.process.peakMemoryKiB)
            #expect(peak < 64 * 1024, "peak RSS \(peak) KiB: the line was buffered")
            #expect(try await plugin.finish() == 0)
        }

        @Test("--max-message-bytes sets the cap")
        func messageCap() async throws {
            let line = #"{"jsonrpc":"2.0","id":1,"method":"getOrganization","params":{"organizationId":5}}"#
            #expect(try await answers(to: Array(line.utf8), arguments: ["--max-message-bytes", "256"]).count == 1)
            let padded = #"{"jsonrpc":"2.0","id":1,"method":"getOrganization","params":{"organizationId":5},"# + #""x":""# + String(repeating: "y", count: 300) + "\"}"
            #expect(try await answers(to: Array(padded.utf8), arguments: ["--max-message-bytes", "256"]) == [
                #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request: the message is \#(padded.utf8.count) bytes, over the limit of 256"}}"#,
            ])
        }

        @Test("a batch of 10,000 requests gets one -32600; --max-batch sets the cap")
        func hugeBatch() async throws {
            let member = #"{"jsonrpc":"2.0","id":1,"method":"getOrganization","params":{"organizationId":5}}"#
            let batch = "[" + Array(repeating: member, count: 10_000).joined(separator: ",") + "]"
            #expect(try await answers(to: Array(batch.utf8)) == [
                #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request: a batch of 10000 messages is over the limit of 100"}}"#,
            ])
            let small = "[" + Array(repeating: member, count: 3).joined(separator: ",") + "]"
            #expect(try await answers(to: Array(small.utf8), arguments: ["--max-batch", "2"]) == [
                #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request: a batch of 3 messages is over the limit of 2"}}"#,
            ])
        }

        @Test("10,000 requests written faster than WebNIC answers: every one answered once, memory bounded")
        func flood() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--max-in-flight", "16", "--log-level", "warning"])
            try await simulator.inject("delay", route: "getOrganization", count: 10_000, extra: ["delayMs": 1])
            var input: [UInt8] = []
            for index in 0..<10_000 {
                input += Array(#"{"jsonrpc":"2.0","id":\#(index),"method":"getOrganization","params":{"organizationId":\#(index % 2 == 0 ? 5 : 6)}}"#.utf8)
                input.append(UInt8(ascii: "\n"))
            }
            await Task.detached { plugin.process.write(input) }.value
            let lines = try await plugin.process.waitForLines(10_000, timeout: .seconds(60))
            var seen = Set<Int64>()
            for line in lines {
                let response = try json(line)
                #expect(response["result"] != nil)
                if let id = response["id"]?.numberValue?.int64Value { #expect(seen.insert(id).inserted) }
            }
            #expect(seen.count == 10_000)
            let peak = try #require(plugin.process.peakMemoryKiB)
            #expect(peak < 96 * 1024, "peak RSS \(peak) KiB")
            #expect(try await plugin.finish() == 0)
        }
    }
}
