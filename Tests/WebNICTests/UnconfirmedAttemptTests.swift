import JSONCore
import Log
import Synchronization
import Testing
import WebNIC
import WebNICSimulator

/// A transport that plays a script, a step per request (the token mint's included): the
/// simulator's own answer, a transport failure, or an HTTP answer. It records the method of each
/// request it was given.
final class ScriptedTransport: HTTPTransport {
    enum Step: Sendable, CustomTestStringConvertible {
        case simulator
        case fail(TransportError)
        case answer(Int, String)

        /// An nginx page for `status`, as a gateway in front of WebNIC sends it.
        static func gateway(_ status: Int) -> Step { .answer(status, "<html><body><h1>\(status)</h1></body></html>") }
        static let expiredToken = Step.answer(401, #"{"code":"2400","message":"Invalid or expired token"}"#)
        static let validation = Step.answer(400, #"{"code":"2400","message":"x","error":{"subCode":"SSL4000","message":"Validation failed"}}"#)

        var testDescription: String {
            switch self {
            case .simulator: "simulator"
            case .fail(let error): "\(error)"
            case .answer(let status, _): "HTTP \(status)"
            }
        }
    }

    private let simulator = SimulatorTransport(simulator: WebNICSimulator())
    private let script: Mutex<[Step]>
    private let methods = Mutex<[String]>([])

    init(_ script: [Step]) {
        self.script = Mutex(script)
    }

    /// The method of each request received, in order.
    var received: [String] { methods.withLock { $0 } }

    func send(_ request: HTTPRequest, timeout: Duration) async throws(TransportError) -> HTTPResponse {
        methods.withLock { $0.append(request.method) }
        let step = script.withLock { $0.isEmpty ? Step.fail(.network("script ended")) : $0.removeFirst() }
        switch step {
        case .simulator: return try await simulator.send(request, timeout: timeout)
        case .fail(let error): throw error
        case .answer(let status, let body): return HTTPResponse(status: status, headers: [:], body: Array(body.utf8))
        }
    }
}

@Suite("WebNICClient: the attempt whose effect is unknown")
struct UnconfirmedAttemptTests {
    private static let update = ContactUpdate(organizationId: 5, organization: WebNICClientTests.contact, technicalContactId: nil)

    /// Sends the update through `script` (the token mint first), with as many retries as it has
    /// steps after the mint, and returns how it failed and the methods sent.
    static func failure(after script: [ScriptedTransport.Step]) async throws -> (WebNICError, [String]) {
        let configuration = try ClientConfiguration(
            baseURL: "https://sim.invalid",
            credentials: .password(username: SimulatorSettings.sandboxUsername, password: SimulatorSettings.sandboxPassword),
            timeout: .seconds(5), userAgent: "webnic-rpc/test", retryPolicy: RetryPolicy(maxRetries: script.count - 2, baseDelay: .zero)
        )
        let transport = ScriptedTransport(script)
        let client = WebNICClient(configuration: configuration, transport: transport, logger: .disabled)
        do throws(WebNICError) {
            _ = try await client.updateOrganizationContact(update)
            Issue.record("the call succeeded")
            return (WebNICError(kind: .badResponse, message: "unexpected success"), transport.received)
        } catch {
            return (error, transport.received)
        }
    }

    @Test("no attempt left this machine, or each was answered: nothing is unconfirmed", arguments: [
        [ScriptedTransport.Step.simulator, .fail(.notSent("connection refused"))],
        [.simulator, .fail(.notSent("host not found")), .fail(.notSent("connection refused")), .fail(.notSent("connection refused"))],
        [.simulator, .fail(.tls("the TLS handshake failed"))],
        [.simulator, .gateway(503), .gateway(503)],
        [.simulator, .validation],
    ])
    func confirmed(script: [ScriptedTransport.Step]) async throws {
        let (error, _) = try await Self.failure(after: script)
        #expect(error.unconfirmed == nil)
        #expect(error.attempts == script.count - 1)
    }

    @Test("a refused connection names why, and is not unconfirmed")
    func refusedMessage() async throws {
        let (error, methods) = try await Self.failure(after: [.simulator, .fail(.notSent("connection refused"))])
        #expect(error.kind == .network)
        #expect(error.message == "Could not reach WebNIC at sim.invalid:443: connection refused.")
        #expect(methods == ["POST", "PUT"])
    }

    @Test("an attempt that may have arrived unanswered stays unconfirmed, whatever later attempts meet", arguments: [
        ([ScriptedTransport.Step.simulator, .fail(.network("connection lost")), .fail(.notSent("connection refused"))],
         UnconfirmedAttempt(attempt: 1, reason: .cutOff("Could not reach WebNIC at sim.invalid:443: connection lost.")), WebNICError.Kind.network),
        ([.simulator, .fail(.timedOut), .fail(.notSent("connection refused"))], UnconfirmedAttempt(attempt: 1, reason: .timedOut), .network),
        ([.simulator, .fail(.timedOut), .gateway(503)], UnconfirmedAttempt(attempt: 1, reason: .timedOut), .upstream),
        ([.simulator, .gateway(504), .gateway(503), .gateway(503)], UnconfirmedAttempt(attempt: 1, reason: .gateway(status: 504)), .upstream),
        ([.simulator, .gateway(503), .gateway(502)], UnconfirmedAttempt(attempt: 2, reason: .gateway(status: 502)), .upstream),
        ([.simulator, .fail(.timedOut), .fail(.timedOut), .gateway(503)], UnconfirmedAttempt(attempt: 2, reason: .timedOut), .upstream),
        ([.simulator, .answer(200, "<html><body>OK</body></html>")], UnconfirmedAttempt(attempt: 1, reason: .unreadable(status: 200)), .badResponse),
        ([.simulator, .answer(200, #"{"code":"1000","message":"Command completed successfully."}"#)],
         UnconfirmedAttempt(attempt: 1, reason: .unreadable(status: 200)), .badResponse),
    ])
    func unconfirmed(script: [ScriptedTransport.Step], expected: UnconfirmedAttempt, kind: WebNICError.Kind) async throws {
        let (error, _) = try await Self.failure(after: script)
        #expect(error.unconfirmed == expected)
        #expect(error.kind == kind)
        #expect(error.attempts == script.count - 1)
    }

    @Test("a fresh token and its replay do not hide an earlier attempt that timed out")
    func acrossRenewal() async throws {
        // Retries: 3 (the policy's count is steps - 2); the 401 is not retried but renewed once.
        let (error, methods) = try await Self.failure(after: [.simulator, .fail(.timedOut), .expiredToken, .simulator, .validation])
        #expect(methods == ["POST", "PUT", "PUT", "POST", "PUT"])
        #expect(error.kind == .validation)
        #expect(error.attempts == 3)
        #expect(error.unconfirmed == UnconfirmedAttempt(attempt: 1, reason: .timedOut))
    }

    @Test("a token mint that fails before the write left says nothing of the write")
    func mintFailure() async throws {
        let (error, methods) = try await Self.failure(after: [.fail(.timedOut), .fail(.timedOut), .fail(.timedOut)])
        #expect(methods == ["POST", "POST"])
        #expect(error.kind == .timeout)
        #expect(error.unconfirmed == nil)
    }

    @Test("a token mint that fails after an unanswered attempt keeps that attempt unconfirmed")
    func mintFailureAfterUnanswered() async throws {
        let wrongPassword = ScriptedTransport.Step.answer(500, #"{"code":"2400","message":"x","error":{"subCode":"RES5001","message":"Invalid username"}}"#)
        let (error, methods) = try await Self.failure(after: [.simulator, .fail(.timedOut), .expiredToken, wrongPassword])
        #expect(methods == ["POST", "PUT", "PUT", "POST"])
        #expect(error.kind == .unauthorized)
        #expect(error.unconfirmed == UnconfirmedAttempt(attempt: 1, reason: .timedOut))
    }
}
