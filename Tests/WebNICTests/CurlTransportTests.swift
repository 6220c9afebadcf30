#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import Testing
import WebNIC

/// A one-connection-at-a-time loopback server on `::1` or `127.0.0.1`: answers every request with
/// `200 ok`, or, when `answers` is false, reads the request and never answers.
final class LoopbackServer: Sendable {
    let port: UInt16
    private let listener: Int32
    private let received = RequestCounter()

    /// A count the accepting thread shares without keeping the server alive.
    private final class RequestCounter: Sendable {
        let value = Atomic(0)
    }

    /// Requests read since the last `resetCount`.
    var requestsReceived: Int { received.value.load(ordering: .relaxed) }

    /// Starts counting requests from zero.
    func resetCount() { received.value.store(0, ordering: .relaxed) }

    init(ipv6: Bool, answers: Bool = true) throws {
        let fd = socket(ipv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var length: socklen_t
        var bound: Int32
        if ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_addr = in6addr_loopback
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        }
        guard bound == 0, listen(fd, 8) == 0 else {
            close(fd)
            throw TransportError.network("cannot listen")
        }
        var storage = sockaddr_in6()
        length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        _ = withUnsafeMutablePointer(to: &storage) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        port = UInt16(bigEndian: storage.sin6_port)  // sin_port and sin6_port sit at the same offset
        listener = fd
        Thread.detachNewThread { [received] in
            while true {
                let connection = accept(fd, nil, nil)
                guard connection >= 0 else { return }
                var buffer = [UInt8](repeating: 0, count: 4096)
                _ = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
                received.value.wrappingAdd(1, ordering: .relaxed)
                if answers {
                    _ = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Test: yes\r\n\r\nok".withCString { send(connection, $0, strlen($0), 0) }
                    close(connection)
                }
            }
        }
    }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }
}

@Suite("CurlTransport")
struct CurlTransportTests {
    @Test("a request gets the status, the headers (names lower-cased) and the body")
    func response() async throws {
        let server = try LoopbackServer(ipv6: false)
        let response = try await CurlTransport(maxConnections: 1).send(
            HTTPRequest(method: "GET", url: "http://127.0.0.1:\(server.port)/x"), timeout: .seconds(5)
        )
        #expect(response == HTTPResponse(status: 200, headers: ["content-length": "2", "x-test": "yes"], body: Array("ok".utf8)))
    }

    @Test("with ipv4Only nothing goes over IPv6: a server on ::1 is reached without it and not with it")
    func ipv4Only() async throws {
        let server = try LoopbackServer(ipv6: true)
        let request = HTTPRequest(method: "GET", url: "http://[::1]:\(server.port)/")
        let reached = try await CurlTransport(maxConnections: 1).send(request, timeout: .seconds(5))
        #expect(reached.status == 200)
        await #expect(throws: TransportError.network("connection refused")) {
            try await CurlTransport(maxConnections: 1, policy: ConnectionPolicy(ipv4Only: true)).send(request, timeout: .seconds(5))
        }
    }

    @Test("the timeout counts to the millisecond, not in whole seconds")
    func timeout() async throws {
        let server = try LoopbackServer(ipv6: false, answers: false)
        let start = ContinuousClock.now
        await #expect(throws: TransportError.timedOut) {
            try await CurlTransport(maxConnections: 1).send(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(server.port)/"), timeout: .milliseconds(200))
        }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(150) && elapsed < .milliseconds(950))  // whole seconds would take 1 s
    }

    @Test("a cancelled request is answered at once, and its worker is free at once for the next one, three times over")
    func cancellation() async throws {
        let silent = try LoopbackServer(ipv6: false, answers: false)
        let server = try LoopbackServer(ipv6: false)
        let transport = CurlTransport(maxConnections: 1)
        for _ in 1...3 {
            let slow = Task { try await transport.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(silent.port)/"), timeout: .seconds(30)) }
            try await waitUntil { silent.requestsReceived > 0 }
            silent.resetCount()
            let start = ContinuousClock.now
            slow.cancel()
            await #expect(throws: TransportError.cancelled) { try await slow.value }
            // With one connection the next request can only start once the cancelled transfer lets
            // go of it: the loop removes it from the multi handle as soon as it is told.
            let next = try await transport.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(server.port)/"), timeout: .seconds(5))
            #expect(next.status == 200)
            #expect(ContinuousClock.now - start < .milliseconds(100))
        }
    }
}

extension CurlTransportTests {
    @Test("a request waiting for a free connection times out at its deadline, counted from send")
    func waitingTimeout() async throws {
        let silent = try LoopbackServer(ipv6: false, answers: false)
        let transport = CurlTransport(maxConnections: 1)
        let busy = Task { try await transport.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(silent.port)/"), timeout: .seconds(30)) }
        try await waitUntil { silent.requestsReceived > 0 }
        let start = ContinuousClock.now
        await #expect(throws: TransportError.timedOut) {
            try await transport.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(silent.port)/"), timeout: .milliseconds(200))
        }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(150) && elapsed < .milliseconds(950))
        #expect(silent.requestsReceived == 1)
        busy.cancel()
        await #expect(throws: TransportError.cancelled) { try await busy.value }
    }

    @Test("a request cancelled while it waits for a connection is answered at once and never sent")
    func waitingCancellation() async throws {
        let silent = try LoopbackServer(ipv6: false, answers: false)
        let server = try LoopbackServer(ipv6: false)
        let transport = CurlTransport(maxConnections: 1)
        let busy = Task { try await transport.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(silent.port)/"), timeout: .seconds(30)) }
        try await waitUntil { silent.requestsReceived > 0 }
        let waiting = Task { try await transport.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(server.port)/first"), timeout: .seconds(30)) }
        try await Task.sleep(for: .milliseconds(20))
        let start = ContinuousClock.now
        waiting.cancel()
        await #expect(throws: TransportError.cancelled) { try await waiting.value }
        #expect(ContinuousClock.now - start < .milliseconds(100))
        busy.cancel()
        await #expect(throws: TransportError.cancelled) { try await busy.value }
        let next = try await transport.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(server.port)/second"), timeout: .seconds(5))
        #expect(next.status == 200)
        #expect(server.requestsReceived == 1)
    }
}

/// Waits until `condition` holds, checking every few milliseconds, for at most `timeout`.
func waitUntil(timeout: Duration = .seconds(5), _ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { throw TransportError.timedOut }
        try await Task.sleep(for: .milliseconds(2))
    }
}
