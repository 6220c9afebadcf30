/// Sends one HTTP request and returns the response, whatever its status.
///
/// The one seam between the client and the network: the real transport drives libcurl on Linux
/// (`CurlTransport`) and `URLSession` on Apple platforms (`URLSessionTransport`), both held to one
/// shared test suite; tests and the sandbox use the simulator in-process. Implementations must not
/// follow redirects.
package protocol HTTPTransport: Sendable {
    /// The response to `request`, or why none arrived within `timeout`.
    func send(_ request: HTTPRequest, timeout: Duration) async throws(TransportError) -> HTTPResponse
}

/// How large a response body may be.
package enum ResponseSize {
    /// The limit unless told otherwise (`--max-response-bytes`): WebNIC's answers are a few KiB.
    package static let defaultLimit = 1 << 20
    /// The limits `--max-response-bytes` accepts.
    package static let allowed = (64 << 10)...(256 << 20)
}
