#if os(Linux)
// --ipv4 is libcurl's: on macOS it is refused (see PlatformTransport).
#if canImport(Glibc)
import Glibc
#endif
import JSONCore
import Testing

extension EndToEndTests {
    @Suite("--ipv4, end to end")
    struct IPv4Tests {
        @Test("calls connect over IPv4 only and succeed (the transport's own test shows IPv6 is refused)")
        func ipv4Only() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--ipv4", "--base-url", "http://localhost:\(simulator.port)"])
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(response["result"] == (try json(Fixtures.organization5)))
            #expect(try await plugin.finish() == 0)
            #expect(plugin.process.stderrText.contains("info connecting over IPv4 only host=localhost"))
            #expect(try await simulator.requests().map { $0["path"] } == ["/reseller/v2/api-user/token", "/ssl/v2/organization/5"])
        }

        @Test("an IPv6 address with --ipv4 is refused at start-up")
        func ipv6Literal() async throws {
            let plugin = try Plugin(["--ipv4", "--base-url", "http://[::1]:8080"])
            #expect(try await plugin.process.waitForExit() == 2)
            #expect(plugin.process.stderrText == "webnic-rpc: --ipv4 cannot be used with an IPv6 address in the base URL ([::1]).\n")
        }
    }
}
#endif
