import Foundation
import JSONCore
import Testing

extension EndToEndTests {
    @Suite("No secret through upstream text, end to end")
    struct SecretEchoTests {
        /// A password whose every encoding differs: quote, slash, space, plus, non-ASCII.
        static let password = #"p@ss"w/rd é+x"#

        /// Every form the password takes in the simulator's echo.
        static let forms = [
            password, #"p@ss\"w/rd é+x"#, #"p@ss\"w\/rd \u00e9+x"#, "p%40ss%22w%2Frd%20%C3%A9%2Bx",
        ]

        static func plugin(_ simulator: Simulator) throws -> Plugin {
            try Plugin(["--log-level", "trace", "--retries", "0"], environment: [
                "WEBNIC_USERNAME": Simulator.username, "WEBNIC_PASSWORD": password, "WEBNIC_BASE_URL": simulator.baseURL,
            ])
        }

        @Test("a token endpoint that echoes the request, as a page or in WebNIC's envelope: the password appears in no encoding, anywhere", arguments: ["echo", "echoEnvelope"])
        func passwordEchoed(fault: String) async throws {
            let simulator = try await Simulator(password: Self.password)
            let plugin = try Self.plugin(simulator)
            try await simulator.inject(fault, route: "token")
            let response = try await plugin.call("getOrganization", ["organizationId": 5], id: 1)
            #expect(response["error"]?["data"]?["category"] == "business_rule" || response["error"]?["data"]?["category"] == "bad_upstream_response")
            #expect(try await plugin.finish() == 0)
            let everything = plugin.process.stdoutText + plugin.process.stderrText
            for form in Self.forms { #expect(!everything.contains(form), "\(form) leaked") }
            #expect(response.jsonText.contains("[redacted]"))
            #expect(response.jsonText.contains(Simulator.username))
        }

        @Test("an API route that echoes the Authorization header: no token, no bearer value in the error or the log")
        func tokenEchoed() async throws {
            let simulator = try await Simulator(password: Self.password)
            let plugin = try Self.plugin(simulator)
            try await simulator.inject("echo", route: "getOrganization")
            let response = try await plugin.call("getOrganization", ["organizationId": 5], id: 1)
            let excerpt = try #require(response["error"]?["data"]?["bodyExcerpt"]?.stringValue)
            #expect(excerpt.contains("authorization: Bearer [redacted]"))
            try await simulator.inject("echoEnvelope", route: "getOrganization")
            let envelope = try await plugin.call("getOrganization", ["organizationId": 5], id: 2)
            #expect(envelope["error"]?["data"]?["webnic"]?["message"]?.stringValue?.contains("authorization: Bearer [redacted]") == true)
            #expect(try await plugin.finish() == 0)
            let everything = plugin.process.stdoutText + plugin.process.stderrText
            #expect(!everything.contains("sim."))
        }

        /// A password with the characters Go escapes, and its forms in the simulator's echo beyond
        /// the plain ones: Go's `\u0026`, every character as `\uXXXX`, escaped twice, decimal and
        /// hexadecimal HTML references.
        static let goPassword = #"a&b<c>d"e/f é"#
        static var layeredForms: [String] {
            let every = goPassword.utf16.map { "\\u" + String(repeating: "0", count: 4 - String($0, radix: 16).count) + String($0, radix: 16) }.joined()
            func entities(_ hex: Bool) -> String {
                goPassword.unicodeScalars.map { scalar in
                    scalar.properties.isAlphabetic ? String(scalar) : hex ? "&#x\(String(scalar.value, radix: 16));" : "&#\(scalar.value);"
                }.joined()
            }
            return [
                #"a\u0026b\u003cc\u003ed\"e\/f \u00e9"#, every, #"a&b<c>d\\\"e\\\/f \\u00e9"#, entities(false), entities(true), goPassword,
            ]
        }

        @Test("echoes in layers: Go-style escapes, every character escaped, escaped twice, numeric HTML references, base64: no form of the password or the token gets out", arguments: ["echo", "echoEnvelope"])
        func layeredEcho(fault: String) async throws {
            let simulator = try await Simulator(password: Self.goPassword)
            let plugin = try Plugin(["--log-level", "trace", "--retries", "0"], environment: [
                "WEBNIC_USERNAME": Simulator.username, "WEBNIC_PASSWORD": Self.goPassword, "WEBNIC_BASE_URL": simulator.baseURL,
            ])
            try await simulator.inject(fault, route: "token")
            let response = try await plugin.call("getOrganization", ["organizationId": 5], id: 1)
            #expect(response["error"] != nil)
            try await simulator.inject(fault, route: "getOrganization")
            let echoed = try await plugin.call("getOrganization", ["organizationId": 5], id: 2)
            let text = echoed.jsonText
            #expect(text.contains("authorization64: [redacted]"), "\(text)")
            #expect(text.contains("headers64: ") && !text.contains("headers64: QWNjZXB0OiAqLyoNCkF1dGhvcml6YXRpb246IEJlYXJlciBzaW0u"))
            #expect(try await plugin.finish() == 0)
            let everything = plugin.process.stdoutText + plugin.process.stderrText
            for form in Self.layeredForms { #expect(!everything.contains(form), "\(form) leaked") }
            #expect(!everything.contains("sim."))
        }

        @Test("a minted token holding a line break is refused as bad_upstream_response and never sent")
        func headerInToken() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--retries", "0"])
            try await simulator.inject("headerInToken", route: "token")
            let response = try await plugin.call("getOrganization", ["organizationId": 5], id: 1)
            #expect(response["error"]?["code"] == 1010)
            #expect(response["error"]?["message"] == "WebNIC's token holds a line break, a space or another character a header cannot carry; it was not used.")
            #expect(try await simulator.requests().map(\.["method"]) == ["POST"])
        }
    }
}
