import Foundation
import Synchronization
import Testing
import URLSessionTransport
import WebNIC

/// A transport under test: libcurl (Linux's) and URLSession (Apple's, here through
/// FoundationNetworking), built the way webnic-rpc builds them.
enum TransportKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    #if WEBNIC_LIBCURL
    case libcurl
    #endif
    case urlSession

    var testDescription: String { rawValue }

    func make(maxConnections: Int = 4, maxBodyBytes: Int = ResponseSize.defaultLimit) -> any HTTPTransport {
        switch self {
        #if WEBNIC_LIBCURL
        case .libcurl: return CurlTransport(maxConnections: maxConnections, maxBodyBytes: maxBodyBytes)
        #endif
        case .urlSession: return URLSessionTransport(maxConnections: maxConnections, maxBodyBytes: maxBodyBytes)
        }
    }

    /// A transport with one connection, held by a request to `/silent` (cancel `busy` to free it).
    func occupied(_ server: TestHTTPServer) async throws -> (transport: any HTTPTransport, busy: Task<HTTPResponse, any Error>) {
        let transport = make(maxConnections: 1)
        let busy = Task { try await transport.send(HTTPRequest(method: "GET", url: server.url("/silent")), timeout: .seconds(30)) }
        try await waitUntil { server.received.count == 1 }
        return (transport, busy)
    }
}

/// The guarantees every transport gives, one suite for both: what makes the macOS transport
/// trustworthy without a Mac here. Serialized: its timing bounds ("at once", "to the millisecond")
/// must not measure its own 16 MiB transfers running beside them.
@Suite("Transports: one suite for libcurl and URLSession", .serialized)
struct SharedTransportTests {
    private static let transports = TransportKind.allCases

    @Test("the status, the headers (names lower-cased) and the body come back as sent", arguments: transports)
    func passthrough(kind: TransportKind) async throws {
        let server = try TestHTTPServer()
        let transport = kind.make()
        let response = try await transport.send(HTTPRequest(method: "GET", url: server.url("/ok")), timeout: .seconds(5))
        #expect(response == HTTPResponse(status: 200, headers: ["content-length": "2", "x-test": "yes"], body: Array("ok".utf8)))
        let missing = try await transport.send(HTTPRequest(method: "GET", url: server.url("/nowhere")), timeout: .seconds(5))
        #expect(missing.status == 404)
        #expect(missing.body == Array("no such route".utf8))
    }

    @Test("a request's method, headers and body reach the server as given", arguments: transports)
    func requestPassthrough(kind: TransportKind) async throws {
        let server = try TestHTTPServer()
        let request = HTTPRequest(
            method: "PUT", url: server.url("/ok"),
            headers: [HTTPHeader("Content-Type", "application/json"), HTTPHeader("Authorization", "Bearer t0ken")],
            body: Array(#"{"a":1}"#.utf8)
        )
        _ = try await kind.make().send(request, timeout: .seconds(5))
        let received = try #require(server.received.first)
        #expect(received.method == "PUT")
        #expect(received.target == "/ok")
        #expect(received.headers["content-type"] == "application/json")
        #expect(received.headers["authorization"] == "Bearer t0ken")
        #expect(received.body == Array(#"{"a":1}"#.utf8))
    }

    @Test("a redirect is returned as it is, never followed", arguments: transports)
    func redirect(kind: TransportKind) async throws {
        let server = try TestHTTPServer()
        let response = try await kind.make().send(HTTPRequest(method: "GET", url: server.url("/redirect")), timeout: .seconds(5))
        #expect(response.status == 302)
        #expect(response.headers["location"] == "/ok")
        #if os(Linux)
        // FoundationNetworking drops the body of a redirect it was told not to follow; Apple's
        // URLSession and libcurl return it.
        #expect(response.body == (kind == .urlSession ? [] : Array("moved".utf8)))
        #else
        #expect(response.body == Array("moved".utf8))
        #endif
        #expect(server.received.map(\.target) == ["/redirect"])
    }

    @Test("only http and https are spoken", arguments: transports)
    func schemes(kind: TransportKind) async throws {
        let server = try TestHTTPServer()
        await #expect(throws: TransportError.notSent("invalid URL")) {
            try await kind.make().send(HTTPRequest(method: "GET", url: "ftp://127.0.0.1:\(server.port)/ok"), timeout: .seconds(5))
        }
        #expect(server.received.isEmpty)
    }

    @Test("no cookie is kept or sent, and nothing is cached", arguments: transports)
    func noCookiesNoCache(kind: TransportKind) async throws {
        let server = try TestHTTPServer()
        let transport = kind.make()
        for path in ["/cookie", "/ok", "/cached", "/cached"] {
            #expect(try await transport.send(HTTPRequest(method: "GET", url: server.url(path)), timeout: .seconds(5)).status == 200)
        }
        let received = server.received
        #expect(received.map(\.target) == ["/cookie", "/ok", "/cached", "/cached"])
        #expect(received.allSatisfy { $0.headers["cookie"] == nil })
        #expect(received.allSatisfy { $0.headers["if-none-match"] == nil })
    }

    @Test("the timeout counts to the millisecond, not in whole seconds", arguments: transports)
    func timeout(kind: TransportKind) async throws {
        let server = try TestHTTPServer()
        let start = ContinuousClock.now
        await #expect(throws: TransportError.timedOut) {
            try await kind.make().send(HTTPRequest(method: "GET", url: server.url("/silent")), timeout: .milliseconds(200))
        }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(150) && elapsed < .milliseconds(950))  // whole seconds would take 1 s
    }

    @Test("a cancelled request is answered at once and its connection is free at once, three times over", arguments: transports)
    func cancellation(kind: TransportKind) async throws {
        let server = try TestHTTPServer()
        let transport = kind.make(maxConnections: 1)
        for round in 1...3 {
            let slow = Task { try await transport.send(HTTPRequest(method: "GET", url: server.url("/silent")), timeout: .seconds(30)) }
            try await waitUntil { server.received.count == 2 * round - 1 }
            let start = ContinuousClock.now
            slow.cancel()
            await #expect(throws: TransportError.cancelled) { try await slow.value }
            let next = try await transport.send(HTTPRequest(method: "GET", url: server.url("/ok")), timeout: .seconds(5))
            #expect(next.status == 200)
            // At once: the silent request would hold the only connection for 30 s.
            #expect(ContinuousClock.now - start < .seconds(1))
        }
    }

    @Test("at most maxConnections connections at once; the requests beyond wait their turn", arguments: transports)
    func connectionCap(kind: TransportKind) async throws {
        let server = try TestHTTPServer()
        let transport = kind.make(maxConnections: 2)
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<6 {
                group.addTask { try await transport.send(HTTPRequest(method: "GET", url: server.url("/slow/100")), timeout: .seconds(10)).status }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 6))
        #expect(server.received.count == 6)
        #expect(server.mostConnectionsOpen <= 2)
    }

    @Test("a request waiting for a free connection times out at its deadline, counted from send", arguments: transports)
    func waitingTimeout(kind: TransportKind) async throws {
        let server = try TestHTTPServer()
        let (transport, busy) = try await kind.occupied(server)
        let start = ContinuousClock.now
        await #expect(throws: TransportError.timedOut) {
            try await transport.send(HTTPRequest(method: "GET", url: server.url("/ok")), timeout: .milliseconds(200))
        }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(150) && elapsed < .milliseconds(950))
        busy.cancel()
        await #expect(throws: TransportError.cancelled) { try await busy.value }
        #expect(server.received.map(\.target) == ["/silent"])
    }

    @Test("a request cancelled while it waits for a connection is answered at once and never sent", arguments: transports)
    func waitingCancellation(kind: TransportKind) async throws {
        let server = try TestHTTPServer()
        let (transport, busy) = try await kind.occupied(server)
        // The cancel comes once the request is in `send`: queued behind the busy one, or about to be;
        // either way it must be answered at once and never sent.
        let entered = Mutex(false)
        let waiting = Task {
            entered.withLock { $0 = true }
            return try await transport.send(HTTPRequest(method: "GET", url: server.url("/bytes/1")), timeout: .seconds(30))
        }
        try await waitUntil { entered.withLock { $0 } }
        let start = ContinuousClock.now
        waiting.cancel()
        await #expect(throws: TransportError.cancelled) { try await waiting.value }
        #expect(ContinuousClock.now - start < .seconds(1))
        busy.cancel()
        await #expect(throws: TransportError.cancelled) { try await busy.value }
        let next = try await transport.send(HTTPRequest(method: "GET", url: server.url("/ok")), timeout: .seconds(5))
        #expect(next.status == 200)
        #expect(server.received.map(\.target) == ["/silent", "/ok"])
    }

    @Test("a request cancelled at any moment of its start is answered in full or as cancelled", arguments: transports)
    func cancelledWhileStarting(kind: TransportKind) async throws {
        let server = try TestHTTPServer()
        let transport = kind.make()
        // 400 cancels landing between entering `send` and the answer: the first 200 after a few
        // yields (before or while the request starts: its timer and task not yet there), the rest
        // after 0 to 1.9 ms (while it is sent or answered).
        var answered = 0
        for round in 0..<400 {
            let request = Task { try await transport.send(HTTPRequest(method: "GET", url: server.url("/ok")), timeout: .seconds(5)) }
            if round < 200 {
                for _ in 0..<(round % 8) { await Task.yield() }
            } else {
                try await Task.sleep(for: .microseconds(100 * (round % 20)))
            }
            request.cancel()
            do {
                let response = try await request.value
                #expect(response.status == 200 && response.body == Array("ok".utf8))
                answered += 1
            } catch {
                #expect(error as? TransportError == .cancelled)
            }
        }
        #expect(answered <= server.received.count)
        let next = try await transport.send(HTTPRequest(method: "GET", url: server.url("/ok")), timeout: .seconds(5))
        #expect(next.status == 200)
    }

    @Test("a body up to the limit comes back whole; one over it is refused; the limit is 1 MiB unless told", arguments: transports)
    func largeBodies(kind: TransportKind) async throws {
        let server = try TestHTTPServer()
        let transport = kind.make(maxBodyBytes: 8 << 20)
        let large = try await transport.send(HTTPRequest(method: "GET", url: server.url("/bytes/\(8 << 20)")), timeout: .seconds(30))
        #expect(large.body.count == 8 << 20)
        #expect(large.body.first == UInt8(ascii: "x") && large.body.last == UInt8(ascii: "x"))
        await #expect(throws: TransportError.network("the response is larger than 8 MiB (--max-response-bytes)")) {
            try await transport.send(HTTPRequest(method: "GET", url: server.url("/bytes/\((8 << 20) + 1)")), timeout: .seconds(30))
        }
        await #expect(throws: TransportError.network("the response is larger than 1 MiB (--max-response-bytes)")) {
            try await kind.make().send(HTTPRequest(method: "GET", url: server.url("/bytes/\((1 << 20) + 1)")), timeout: .seconds(30))
        }
    }

    @Test("a certificate no system trusts is refused as a TLS failure", arguments: transports)
    func tlsRefusal(kind: TransportKind) async throws {
        let server = try SelfSignedTLSServer()
        await #expect(throws: TransportError.tls("the server's certificate was not accepted (untrusted, expired, or issued for another host name)")) {
            try await kind.make().send(HTTPRequest(method: "GET", url: server.url), timeout: .seconds(10))
        }
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
