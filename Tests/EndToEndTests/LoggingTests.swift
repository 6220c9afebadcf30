import JSONCore
import Testing

extension EndToEndTests {
    @Suite("Logs on stderr, in text and in JSON")
    struct LoggingTests {
        /// The `call` records, without their time.
        private static func calls(_ stderr: String) -> [Substring] {
            stderr.split(separator: "\n").filter { $0.contains(#" info call "#) || $0.contains(#""message":"call""#) }
        }

        @Test("text: an id is written as its JSON value (a string quoted once, a number bare), numbers bare")
        func text() async throws {
            let plugin = try Plugin(["--sandbox"])
            #expect(try await plugin.call("getOrganization", ["organizationId": 5], id: "py-1")["result"] != nil)
            #expect(try await plugin.call("getOrganization", ["organizationId": 999], id: 7)["error"] != nil)
            #expect(try await plugin.finish() == 0)
            let records = Self.calls(plugin.process.stderrText).map { $0.split(separator: " ", maxSplits: 1)[1] }
            #expect(records.count == 2)
            #expect(records[0].hasPrefix(#"info call id="py-1" method=getOrganization organizationId=5 outcome=ok attempts=1 ms="#))
            #expect(records[1].hasPrefix(#"info call id=7 method=getOrganization organizationId=999 outcome=not_found attempts=1 ms="#))
        }

        @Test("a notification is logged as a notification, without an id; a call whose params fail keeps its valid organizationId")
        func notificationsAndInvalidParams() async throws {
            let plugin = try Plugin(["--sandbox"])
            plugin.send(#"{"jsonrpc":"2.0","method":"getOrganization","params":{"organizationId":5}}"#)
            let invalid = try await plugin.call("patchOrganizationContact", ["organizationId": 5, "changes": ["email": "not an address"]], id: 9)
            #expect(invalid["error"]?["data"]?["category"] == "invalid_params")
            #expect(try await plugin.finish() == 0)
            let records = plugin.process.stderrText.split(separator: "\n").map { $0.split(separator: " ", maxSplits: 1).last ?? "" }
            #expect(records.contains { $0.hasPrefix("info notification method=getOrganization organizationId=5 outcome=ok attempts=1 ms=") })
            #expect(records.contains { $0.hasPrefix("info call id=9 method=patchOrganizationContact organizationId=5 outcome=invalid_params attempts=0 ms=") })
            #expect(!plugin.process.stderrText.contains("notification\""))
        }

        @Test("json: numbers are JSON numbers, a boolean a JSON boolean, an id its own JSON value")
        func json() async throws {
            let plugin = try Plugin(["--sandbox", "--log-format", "json", "--log-level", "debug"])
            #expect(try await plugin.call("getOrganization", ["organizationId": 5], id: "py-1")["result"] != nil)
            let contact: JSONValue = [
                "company": "X", "firstName": "A", "lastName": "B", "address1": "1 Road", "city": "KL", "state": "WP",
                "countryCode": "MY", "zip": "50000", "phoneNumber": "+60.312345678", "email": "a@example.com",
            ]
            let update = try await plugin.call("updateOrganizationContact", ["organizationId": 5, "organization": contact, "dryRun": true], id: 8)
            #expect(update["result"] != nil, "\(update)")
            #expect(try await plugin.finish() == 0)
            let records = try plugin.process.stderrText.split(separator: "\n").map { try JSONParser.parse(String($0)) }
            let calls = records.filter { $0["message"] == "call" }
            #expect(calls.count == 2)
            #expect(calls[0]["id"] == "py-1")
            #expect(calls[0]["organizationId"] == 5)
            #expect(calls[0]["attempts"] == 1)
            #expect(calls[0]["ms"]?.numberValue != nil)
            #expect(calls[1]["id"] == 8)
            let record = try #require(records.first { $0["message"] == "contact update" })
            #expect(record["organizationId"] == 5)
            #expect(record["dryRun"] == true)
            let ready = try #require(records.first { $0["message"]?.stringValue?.hasSuffix(" ready") == true })
            #expect(ready["timeoutMs"] == 30000)
            #expect(ready["maxInFlight"] == 16)
        }
    }
}
