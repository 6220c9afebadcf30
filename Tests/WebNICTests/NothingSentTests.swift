import JSONCore
import Log
import Synchronization
import Testing
import WebNIC
import WebNICSimulator

/// A transport that answers the token request from the simulator and fails every other request
/// with the next error of its script.
final class ScriptedFailures: HTTPTransport {
    private let simulator = SimulatorTransport(simulator: WebNICSimulator())
    private let script: Mutex<[TransportError]>

    init(_ script: [TransportError]) {
        self.script = Mutex(script)
    }

    func send(_ request: HTTPRequest, timeout: Duration) async throws(TransportError) -> HTTPResponse {
        if request.method == "POST" { return try await simulator.send(request, timeout: timeout) }
        throw script.withLock { $0.isEmpty ? TransportError.network("script ended") : $0.removeFirst() }
    }
}

@Suite("WebNICClient: whether a failed call left this machine")
struct NothingSentTests {
    static func failure(after script: [TransportError]) async throws -> WebNICError {
        let configuration = try ClientConfiguration(
            baseURL: "https://sim.invalid",
            credentials: .password(username: SimulatorSettings.sandboxUsername, password: SimulatorSettings.sandboxPassword),
            timeout: .seconds(5), userAgent: "webnic-rpc/test", retryPolicy: RetryPolicy(maxRetries: script.count - 1, baseDelay: .zero)
        )
        let client = WebNICClient(configuration: configuration, transport: ScriptedFailures(script), logger: .disabled)
        do throws(WebNICError) {
            _ = try await client.getOrganization(id: 5)
            Issue.record("the call succeeded")
            return WebNICError(kind: .badResponse, message: "unexpected success")
        } catch {
            return error
        }
    }

    @Test("every attempt failed to connect: nothing was sent, and the message names why", arguments: [
        [TransportError.notSent("connection refused")],
        [.notSent("host not found"), .notSent("connection refused"), .notSent("connection refused")],
    ])
    func nothingSent(script: [TransportError]) async throws {
        let error = try await Self.failure(after: script)
        #expect(error.kind == .network)
        #expect(error.nothingSent)
        #expect(error.attempts == script.count)
        #expect(error.message == "Could not reach WebNIC at sim.invalid:443: connection refused.")
    }

    @Test("an attempt that may have left (a connection lost, a timeout) is not undone by a later refused one", arguments: [
        [TransportError.network("connection lost"), .notSent("connection refused")],
        [.timedOut, .notSent("connection refused")],
        [.network("connection lost")],
    ])
    func maybeSent(script: [TransportError]) async throws {
        let error = try await Self.failure(after: script)
        #expect(error.kind == .network)
        #expect(!error.nothingSent)
        #expect(error.attempts == script.count)
    }
}
