#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Execution
import Platform
import Synchronization

/// Serves a simulator over real HTTP/1.1 on a loopback port, with keep-alive.
///
/// One thread per connection, blocking I/O. Each response goes out in a single `write` and
/// `TCP_NODELAY` is set, so no request waits on Nagle's algorithm. Listens on 127.0.0.1 only.
package final class SimulatorHTTPServer: Sendable {
    /// The port the server listens on.
    package let port: Int
    private let simulator: WebNICSimulator
    private let listener: Int32
    private let connections = Mutex<Set<Int32>>([])
    private let stopped = Atomic<Bool>(false)

    /// Why the server could not start.
    package struct StartError: Error, CustomStringConvertible {
        /// What failed, with the system's reason.
        package let description: String
    }

    /// Starts listening on 127.0.0.1:`port` (0 picks a free port) and serving on background threads.
    package init(simulator: WebNICSimulator, port: Int) throws(StartError) {
        self.simulator = simulator
        let socketFD = socket(AF_INET, POSIX.streamSocket, 0)
        guard socketFD >= 0 else { throw StartError(description: "socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(socketFD, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(socketFD, 512) == 0 else {
            let reason = String(cString: strerror(errno))
            close(socketFD)
            throw StartError(description: "cannot listen on 127.0.0.1:\(port): \(reason)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        self.port = Int(UInt16(bigEndian: actual.sin_port))
        self.listener = socketFD
        DetachedThread.start { [self] in acceptLoop() }
    }

    /// The base URL clients use, for example `http://127.0.0.1:49152`.
    package var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Stops accepting and closes every open connection.
    package func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for connection in connections.withLock({ $0 }) { shutdown(connection, Int32(SHUT_RDWR)) }
    }

    private func acceptLoop() {
        while !stopped.load(ordering: .relaxed) {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            var yes: Int32 = 1
            setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            connections.withLock { _ = $0.insert(connection) }
            simulator.connectionOpened()
            DetachedThread.start { [self] in
                serve(connection)
                connections.withLock { _ = $0.remove(connection) }
                close(connection)
            }
        }
    }

    private func serve(_ connection: Int32) {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        func readMore() -> Bool {
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[0..<count])
            return true
        }
        while true {
            var headerEnd: Int?
            while headerEnd == nil {
                headerEnd = Self.find([13, 10, 13, 10], in: buffer)
                if let first = buffer.first, !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) {
                    // Not HTTP (a TLS handshake, say): answer as a plain HTTP server does, and close.
                    _ = FileDescriptorOutput(rawValue: connection).sendAll(Array("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
                    return
                }
                if headerEnd == nil {
                    guard buffer.count < 64 * 1024, readMore() else { return }
                }
            }
            guard let end = headerEnd, let head = String(validating: buffer[0..<end], as: UTF8.self) else { return }
            // "\r\n" is one Character in Swift: splitting on it splits the lines.
            let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
            let requestLine = lines[0].split(separator: " ")
            guard requestLine.count == 3 else { return }
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                var value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
                while value.last == " " || value.last == "\t" { value = value.dropLast() }
                headers[line[..<colon].lowercased()] = String(value)
            }
            let length = Int(headers["content-length"] ?? "0") ?? 0
            let bodyStart = end + 4
            while buffer.count < bodyStart + length {
                guard readMore() else { return }
            }
            let body = Array(buffer[bodyStart..<(bodyStart + length)])
            buffer.removeSubrange(0..<(bodyStart + length))
            let target = SimulatedRequest.target(of: String(requestLine[1]))
            let answer = simulator.handle(SimulatedRequest(method: String(requestLine[0]), target: target, headers: headers, body: body))
            if answer.delayMilliseconds > 0 { usleep(useconds_t(answer.delayMilliseconds) * 1000) }
            switch answer.delivery {
            case .reset:
                var lingerOption = linger(l_onoff: 1, l_linger: 0)
                setsockopt(connection, SOL_SOCKET, SO_LINGER, &lingerOption, socklen_t(MemoryLayout<linger>.size))
                return
            case .truncate:
                _ = FileDescriptorOutput(rawValue: connection).sendAll(Self.render(answer, declaredLength: answer.body.count + 100, keepAlive: false))
                return
            case .oversized(let bytes, let chunked):
                Self.stream(bytes: bytes, chunked: chunked, to: FileDescriptorOutput(rawValue: connection))
                return
            case .normal:
                let keepAlive = headers["connection"]?.lowercased() != "close"
                guard FileDescriptorOutput(rawValue: connection).sendAll(Self.render(answer, declaredLength: answer.body.count, keepAlive: keepAlive)),
                      keepAlive
                else { return }
            }
        }
    }

    /// Sends a 200 whose body is `bytes` of filler, declared or chunked, until done or the
    /// client stops reading.
    private static func stream(bytes: Int, chunked: Bool, to output: FileDescriptorOutput) {
        var head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        head += chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: \(bytes)\r\n"
        head += "Connection: close\r\n\r\n"
        guard output.sendAll(Array(head.utf8)) else { return }
        let piece = [UInt8](repeating: UInt8(ascii: " "), count: 65536)
        var left = bytes
        while left > 0 {
            let part = Array(piece.prefix(min(left, piece.count)))
            let framed = chunked ? Array((String(part.count, radix: 16) + "\r\n").utf8) + part + Array("\r\n".utf8) : part
            guard output.sendAll(framed) else { return }
            left -= part.count
        }
        if chunked { _ = output.sendAll(Array("0\r\n\r\n".utf8)) }
    }

    private static func render(_ answer: SimulatedResponse, declaredLength: Int, keepAlive: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(answer.status) \(answer.reasonPhrase)\r\nContent-Type: \(answer.contentType)\r\n"
        head += "Content-Length: \(declaredLength)\r\n"
        for (name, value) in answer.headers { head += "\(name): \(value)\r\n" }
        head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        return Array(head.utf8) + answer.body
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return start }
        }
        return nil
    }
}
