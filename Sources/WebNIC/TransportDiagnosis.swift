/// What `webnic-rpc doctor` asks of the platform's transport: which library carries the calls, and
/// a TLS handshake with WebNIC's host that sends no request.
package struct TransportDiagnosis: Sendable {
    /// The doctor step that names the library (`libcurl` on Linux, `urlsession` on Apple platforms).
    package let step: String
    /// The library and its version, or why it cannot be used.
    package let library: @Sendable () -> Result<String, TransportError>
    /// Connects to a URL's host as a request would, TLS handshake and certificate verification
    /// included; returns how long it took.
    package let handshake: @Sendable (_ url: String, _ policy: ConnectionPolicy, _ timeout: Duration) async throws(TransportError) -> Duration

    /// A diagnosis named `step`.
    package init(
        step: String, library: @escaping @Sendable () -> Result<String, TransportError>,
        handshake: @escaping @Sendable (_ url: String, _ policy: ConnectionPolicy, _ timeout: Duration) async throws(TransportError) -> Duration
    ) {
        self.step = step
        self.library = library
        self.handshake = handshake
    }
}
