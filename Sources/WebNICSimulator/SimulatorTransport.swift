import WebNIC

/// An `HTTPTransport` that hands requests to a simulator in the same process: no sockets at all.
///
/// This is what `webnic-rpc --sandbox` uses. Delays, resets and truncations scripted as faults
/// behave as they would over the network: a delay past the timeout is a timeout, a reset or a
/// truncated body is a network error.
package struct SimulatorTransport: HTTPTransport {
    private let simulator: WebNICSimulator

    /// A transport to `simulator`.
    package init(simulator: WebNICSimulator) {
        self.simulator = simulator
    }

    /// The simulator's answer to `request`.
    package func send(_ request: HTTPRequest, timeout: Duration) async throws(TransportError) -> HTTPResponse {
        var headers: [String: String] = [:]
        for header in request.headers {
            let name = header.name.lowercased()
            if headers[name] == nil { headers[name] = header.value }
        }
        let simulated = SimulatedRequest(method: request.method, target: SimulatedRequest.target(of: request.url), headers: headers, body: request.body ?? [])
        let answer = simulator.handle(simulated)
        if answer.delayMilliseconds > 0 {
            let delay = Duration.milliseconds(answer.delayMilliseconds)
            do {
                try await Task.sleep(for: min(delay, timeout))
            } catch {
                throw .cancelled
            }
            if delay >= timeout { throw .timedOut }
        }
        switch answer.delivery {
        case .normal:
            var responseHeaders = ["content-type": answer.contentType]
            for (name, value) in answer.headers { responseHeaders[name.lowercased()] = value }
            return HTTPResponse(status: answer.status, headers: responseHeaders, body: answer.body)
        case .reset:
            throw .network("connection lost")
        case .truncate:
            throw .network("transfer failed (the body was cut short)")
        case .oversized:
            throw .network("the response is larger than the limit")
        }
    }
}
