#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Platform
import Synchronization

/// A loopback HTTP/1.1 server for the transport tests: keep-alive, a thread per connection, and a
/// record of every request and of how many connections were open at once.
///
/// Routes: `/ok` (200 `ok`, `X-Test: yes`), `/redirect` (302 to `/ok`), `/silent` (reads the
/// request and never answers), `/bytes/N` (200 with N bytes), `/cookie` (sets a cookie),
/// `/cached` (cacheable for an hour), `/slow/MS` (answers after MS milliseconds).
final class TestHTTPServer: Sendable {
    /// One request as received.
    struct Received: Sendable {
        let method: String
        let target: String
        /// Header names lower-cased.
        let headers: [String: String]
        let body: [UInt8]
    }

    private struct State {
        var closed = false
        var received: [Received] = []
        var open = 0
        var mostOpen = 0
        var accepted = 0
    }

    /// What the connections' threads share, kept apart so that they do not keep the server alive.
    private final class Record: Sendable {
        let state = Mutex(State())
    }

    let port: UInt16
    private let listener: Int32
    private let record = Record()

    /// Requests received so far.
    var received: [Received] { record.state.withLock { $0.received } }
    /// The most connections open at once so far.
    var mostConnectionsOpen: Int { record.state.withLock { $0.mostOpen } }
    /// Connections accepted so far.
    var connectionsAccepted: Int { record.state.withLock { $0.accepted } }

    /// A server on `127.0.0.1`, or on `::1` when `ipv6`.
    init(ipv6: Bool = false) throws {
        let fd = socket(ipv6 ? AF_INET6 : AF_INET, POSIX.streamSocket, 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var bound: Int32
        if ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_addr = in6addr_loopback
            bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw TestServerError(description: "cannot listen on loopback")
        }
        var storage = sockaddr_in6()
        var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        _ = withUnsafeMutablePointer(to: &storage) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        port = UInt16(bigEndian: storage.sin6_port)  // sin_port and sin6_port sit at the same offset
        listener = fd
        let record = self.record
        Thread.detachNewThread {
            while true {
                let connection = accept(fd, nil, nil)
                // The listener is closed here, by the thread that uses it, once the server is gone:
                // closed in deinit, its number could be reused by the next server's listener while
                // this thread is about to accept again, and take that server's connections.
                if record.state.withLock({ $0.closed }) {
                    if connection >= 0 { close(connection) }
                    close(fd)
                    return
                }
                guard connection >= 0 else { continue }
                #if canImport(Darwin)
                var on: Int32 = 1
                setsockopt(connection, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
                #endif
                record.state.withLock {
                    $0.accepted += 1
                    $0.open += 1
                    $0.mostOpen = max($0.mostOpen, $0.open)
                }
                Thread.detachNewThread {
                    Self.serve(connection, record: record)
                    close(connection)
                    record.state.withLock { $0.open -= 1 }
                }
            }
        }
    }

    deinit {
        record.state.withLock { $0.closed = true }
        // Wake the accepting thread: shutdown does on Linux, a connection does everywhere.
        shutdown(listener, Int32(SHUT_RDWR))
        let wake = socket(AF_INET6, POSIX.streamSocket, 0), wake4 = socket(AF_INET, POSIX.streamSocket, 0)
        var address6 = sockaddr_in6()
        address6.sin6_family = sa_family_t(AF_INET6)
        address6.sin6_addr = in6addr_loopback
        address6.sin6_port = port.bigEndian
        var address4 = sockaddr_in()
        address4.sin_family = sa_family_t(AF_INET)
        address4.sin_addr.s_addr = inet_addr("127.0.0.1")
        address4.sin_port = port.bigEndian
        _ = withUnsafePointer(to: &address6) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(wake, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
        }
        _ = withUnsafePointer(to: &address4) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(wake4, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        close(wake)
        close(wake4)
    }

    /// `http://127.0.0.1:port` (or `[::1]`) followed by `path`.
    func url(_ path: String, ipv6: Bool = false) -> String {
        "http://\(ipv6 ? "[::1]" : "127.0.0.1"):\(port)\(path)"
    }

    private static func serve(_ connection: Int32, record: Record) {
        var buffer: [UInt8] = []
        while let (request, rest) = readRequest(connection, buffer) {
            buffer = rest
            record.state.withLock { $0.received.append(request) }
            guard let answer = answer(to: request) else {
                // Never answer: wait for the client to give up.
                var byte: UInt8 = 0
                while recv(connection, &byte, 1, 0) > 0 {}
                return
            }
            guard sendAll(connection, answer) else { return }
        }
    }

    private static func answer(to request: Received) -> [UInt8]? {
        func response(_ status: String, _ headers: [String] = [], body: [UInt8]) -> [UInt8] {
            let head = (["HTTP/1.1 \(status)", "Content-Length: \(body.count)"] + headers).joined(separator: "\r\n") + "\r\n\r\n"
            return Array(head.utf8) + body
        }
        let path = request.target
        if path == "/ok" { return response("200 OK", ["X-Test: yes"], body: Array("ok".utf8)) }
        if path == "/redirect" { return response("302 Found", ["Location: /ok"], body: Array("moved".utf8)) }
        if path == "/silent" { return nil }
        if path == "/cookie" { return response("200 OK", ["Set-Cookie: session=abc; Path=/"], body: Array("cookie".utf8)) }
        if path == "/cached" {
            return response("200 OK", ["Cache-Control: public, max-age=3600", "ETag: \"v1\""], body: Array("cached".utf8))
        }
        if path.hasPrefix("/bytes/"), let count = Int(path.dropFirst("/bytes/".count)) {
            return response("200 OK", [], body: [UInt8](repeating: UInt8(ascii: "x"), count: count))
        }
        if path.hasPrefix("/slow/"), let milliseconds = UInt32(path.dropFirst("/slow/".count)) {
            usleep(milliseconds * 1000)
            return response("200 OK", [], body: Array("ok".utf8))
        }
        return response("404 Not Found", [], body: Array("no such route".utf8))
    }

    /// The next request on `connection` (its body read and dropped), and the bytes after it.
    private static func readRequest(_ connection: Int32, _ start: [UInt8]) -> (Received, [UInt8])? {
        var buffer = start
        var chunk = [UInt8](repeating: 0, count: 65536)
        let separator = Array("\r\n\r\n".utf8)
        while true {
            if let end = firstIndex(of: separator, in: buffer) {
                let head = String(decoding: buffer[..<end], as: UTF8.self)
                var lines = head.components(separatedBy: "\r\n")
                let requestLine = lines.removeFirst().split(separator: " ")
                guard requestLine.count >= 2 else { return nil }
                var headers: [String: String] = [:]
                for line in lines {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                let bodyLength = Int(headers["content-length"] ?? "0") ?? 0
                var rest = Array(buffer[(end + separator.count)...])
                while rest.count < bodyLength {
                    let count = recv(connection, &chunk, chunk.count, 0)
                    guard count > 0 else { return nil }
                    rest += chunk[0..<count]
                }
                let request = Received(
                    method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: Array(rest[..<bodyLength])
                )
                return (request, Array(rest[bodyLength...]))
            }
            let count = recv(connection, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            buffer += chunk[0..<count]
        }
    }

    private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        return (0...(bytes.count - pattern.count)).first { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) }
    }

    private static func sendAll(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, POSIX.noSignal) }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }
}

/// The test server could not start.
struct TestServerError: Error, CustomStringConvertible {
    let description: String
}
