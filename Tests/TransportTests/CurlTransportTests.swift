#if WEBNIC_LIBCURL
import Testing
import WebNIC

/// What only the libcurl transport offers.
@Suite("CurlTransport")
struct CurlTransportTests {
    @Test("with ipv4Only nothing goes over IPv6: a server on ::1 is reached without it and not with it")
    func ipv4Only() async throws {
        let server = try TestHTTPServer(ipv6: true)
        let request = HTTPRequest(method: "GET", url: server.url("/ok", ipv6: true))
        let reached = try await CurlTransport(maxConnections: 1).send(request, timeout: .seconds(5))
        #expect(reached.status == 200)
        await #expect(throws: TransportError.notSent("connection refused")) {
            try await CurlTransport(maxConnections: 1, policy: ConnectionPolicy(ipv4Only: true)).send(request, timeout: .seconds(5))
        }
    }
}
#endif
