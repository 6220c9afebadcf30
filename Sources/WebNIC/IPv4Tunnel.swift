#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Diagnostics
import Foundation

/// A loopback HTTP proxy that connects to WebNIC over IPv4 only, for `--ipv4`.
///
/// WebNIC's allow list takes IPv4 addresses only, while its hosts also resolve to IPv6; a call
/// that leaves over IPv6 is refused with 403. `URLSession` on Linux cannot be told to resolve
/// IPv4 only, but it honours libcurl's proxy variables, so the transport points them here.
/// HTTPS goes through a `CONNECT` tunnel (TLS stays end to end: SNI and certificate checks are
/// libcurl's, as without the proxy); plain HTTP (loopback tests) is relayed as it is. Only the
/// configured host and port are ever connected to: this is not an open proxy.
public final class IPv4Tunnel: Sendable {
    /// The proxy's URL, `http://127.0.0.1:PORT`.
    public let proxyURL: String
    private let listener: Int32
    private let host: String
    private let port: Int
    private let logger: Logger

    /// Starts a tunnel to `host`:`port` on a free loopback port.
    public init(host: String, port: Int, logger: Logger) throws(ConfigurationError) {
        self.host = host
        self.port = port
        self.logger = logger
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard socketFD >= 0, bound == 0, listen(socketFD, 64) == 0 else {
            throw ConfigurationError("--ipv4 could not open its loopback tunnel: \(String(cString: strerror(errno))).")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        listener = socketFD
        proxyURL = "http://127.0.0.1:\(UInt16(bigEndian: actual.sin_port))"
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            Thread.detachNewThread { [self] in
                serve(client)
                close(client)
            }
        }
    }

    private func serve(_ client: Int32) {
        var head: [UInt8] = []
        var byte: UInt8 = 0
        while !head.suffix(4).elementsEqual([13, 10, 13, 10]) {
            guard head.count < 16 * 1024, recv(client, &byte, 1, 0) == 1 else { return }
            head.append(byte)
        }
        let requestLine = String(decoding: head.prefix { $0 != 13 }, as: UTF8.self).split(separator: " ")
        guard requestLine.count == 3 else { return }
        let isConnect = requestLine[0] == "CONNECT"
        guard let target = Self.authority(of: String(requestLine[1]), isConnect: isConnect),
              target.host.lowercased() == host.lowercased(), target.port == port
        else {
            logger.warning("ipv4 tunnel refused a target that is not WebNIC's base URL")
            _ = FileDescriptorOutput(rawValue: client).sendAll(Array("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".utf8))
            return
        }
        guard let upstream = connectIPv4(host: target.host, port: target.port) else {
            if isConnect { _ = FileDescriptorOutput(rawValue: client).sendAll(Array("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n".utf8)) }
            return
        }
        defer { close(upstream) }
        if isConnect {
            guard FileDescriptorOutput(rawValue: client).sendAll(Array("HTTP/1.1 200 Connection established\r\n\r\n".utf8)) else { return }
        } else {
            guard FileDescriptorOutput(rawValue: upstream).sendAll(head) else { return }
        }
        relay(client, upstream)
    }

    /// Host and port of a CONNECT target (`host:port`) or an absolute URL (`http://host:port/…`).
    public static func authority(of target: String, isConnect: Bool) -> (host: String, port: Int)? {
        var rest = target[...]
        var defaultPort = 443
        if !isConnect {
            guard let scheme = rest.range(of: "://") else { return nil }
            defaultPort = rest[..<scheme.lowerBound].lowercased() == "https" ? 443 : 80
            rest = rest[scheme.upperBound...]
            rest = rest.prefix { $0 != "/" && $0 != "?" }
        }
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            let host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            return (host, after.hasPrefix(":") ? Int(after.dropFirst()) ?? defaultPort : defaultPort)
        }
        let parts = rest.split(separator: ":", maxSplits: 1)
        guard let hostPart = parts.first else { return nil }
        return (String(hostPart), parts.count == 2 ? Int(parts[1]) ?? defaultPort : defaultPort)
    }

    /// A socket connected to the first IPv4 address of `host` that answers, or `nil`.
    private func connectIPv4(host: String, port: Int) -> Int32? {
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var results: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &results) == 0, let first = results else {
            logger.info("ipv4 tunnel: no IPv4 address", metadata: [("host", host)])
            return nil
        }
        defer { freeaddrinfo(first) }
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd >= 0, connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                var yes: Int32 = 1
                setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
                logger.debug("ipv4 tunnel connected", metadata: [("host", host), ("port", String(port))])
                return fd
            }
            if fd >= 0 { close(fd) }
            candidate = info.pointee.ai_next
        }
        logger.info("ipv4 tunnel: could not connect", metadata: [("host", host), ("port", String(port))])
        return nil
    }

    /// Copies bytes both ways until either side closes.
    private func relay(_ first: Int32, _ second: Int32) {
        var descriptors = [pollfd(fd: first, events: Int16(POLLIN), revents: 0), pollfd(fd: second, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            descriptors[0].revents = 0
            descriptors[1].revents = 0
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 { if errno == EINTR { continue } else { return } }
            for (from, to) in [(0, 1), (1, 0)] where descriptors[from].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { recv(descriptors[from].fd, $0.baseAddress, $0.count, 0) }
                guard count > 0, FileDescriptorOutput(rawValue: descriptors[to].fd).sendAll(Array(buffer[0..<count])) else { return }
            }
        }
    }
}
