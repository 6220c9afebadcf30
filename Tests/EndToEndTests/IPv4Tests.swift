// --ipv4 is libcurl's: with URLSession (macOS, and the Apple configuration built here) it is
// refused (see PlatformTransport).
#if canImport(Glibc)
import Glibc
#endif
import JSONCore
import Testing

extension EndToEndTests {
    @Suite("--ipv4, end to end")
    struct IPv4Tests {
        @Test("with URLSession, --ipv4 and a CA file are refused at start-up, saying what to do instead",
              .enabled(if: Binaries.transport == "urlsession"))
        func refusedWithURLSession() async throws {
            let ipv4 = try Plugin(["--ipv4", "--base-url", "http://127.0.0.1:9"])
            #expect(try await ipv4.process.waitForExit() == 2)
            #expect(ipv4.process.stderrText == "webnic-rpc: --ipv4 is not available with URLSession (macOS): it cannot be kept to IPv4. Add this Mac's IPv6 address to WebNIC's allow list, or run webnic-rpc on Linux.\n")
            let caFile = try Plugin(["--ca-file", "/etc/hostname", "--base-url", "https://127.0.0.1:9"])
            #expect(try await caFile.process.waitForExit() == 2)
            #expect(caFile.process.stderrText == "webnic-rpc: --ca-file is not available with URLSession (macOS): it verifies certificates against the system's keychain. Add the CA certificate to the keychain instead.\n")
        }

        @Test("calls connect over IPv4 only and succeed (the transport's own test shows IPv6 is refused)",
              .enabled(if: Binaries.transport == "libcurl"))
        func ipv4Only() async throws {
            let simulator = try await Simulator()
            let plugin = try Plugin(simulator: simulator, ["--ipv4", "--base-url", "http://localhost:\(simulator.port)"])
            let response = try await plugin.call("getOrganization", ["organizationId": 5])
            #expect(response["result"] == (try json(Fixtures.organization5)))
            #expect(try await plugin.finish() == 0)
            #expect(plugin.process.stderrText.contains("info connecting over IPv4 only host=localhost"))
            #expect(try await simulator.requests().map { $0["path"] } == ["/reseller/v2/api-user/token", "/ssl/v2/organization/5"])
        }

        @Test("an IPv6 address with --ipv4 is refused at start-up", .enabled(if: Binaries.transport == "libcurl"))
        func ipv6Literal() async throws {
            let plugin = try Plugin(["--ipv4", "--base-url", "http://[::1]:8080"])
            #expect(try await plugin.process.waitForExit() == 2)
            #expect(plugin.process.stderrText == "webnic-rpc: --ipv4 cannot be used with an IPv6 address in the base URL ([::1]).\n")
        }
    }
}
