#if canImport(Glibc)
import Glibc
#endif
import Testing
import WebNIC

@Suite("IPv4Tunnel")
struct IPv4TunnelTests {
    /// Sends `request` to the tunnel and returns the first line of its answer.
    private func ask(_ tunnel: IPv4Tunnel, _ request: String) throws -> String {
        let port = try #require(tunnel.proxyURL.split(separator: ":").last.flatMap { UInt16($0) })
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(connected == 0)
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        return String(decoding: buffer.prefix(max(0, count)), as: UTF8.self).components(separatedBy: "\r\n").first ?? ""
    }

    @Test("it is not an open proxy: any target but the configured one is refused")
    func refusesOtherTargets() throws {
        let tunnel = try IPv4Tunnel(host: "oteapi.webnic.cc", port: 443, logger: .disabled)
        #expect(try ask(tunnel, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n") == "HTTP/1.1 403 Forbidden")
        #expect(try ask(tunnel, "CONNECT oteapi.webnic.cc:22 HTTP/1.1\r\n\r\n") == "HTTP/1.1 403 Forbidden")
        #expect(try ask(tunnel, "GET http://127.0.0.1:80/ HTTP/1.1\r\n\r\n") == "HTTP/1.1 403 Forbidden")
    }

    @Test("targets are read from CONNECT authorities and absolute URLs", arguments: [
        ("oteapi.webnic.cc:443", true, "oteapi.webnic.cc", 443),
        ("http://localhost:8080/ssl/v2/organization/5", false, "localhost", 8080),
        ("https://api.webnic.cc/x", false, "api.webnic.cc", 443),
        ("http://127.0.0.1/x?y", false, "127.0.0.1", 80),
    ])
    func authorities(target: String, isConnect: Bool, host: String, port: Int) {
        let parsed = IPv4Tunnel.authority(of: target, isConnect: isConnect)
        #expect(parsed?.host == host)
        #expect(parsed?.port == port)
    }
}
