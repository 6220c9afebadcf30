#if WEBNIC_LIBCURL
// libcurl is the transport of Linux only (see `LibCurl`); Apple's configuration uses URLSession.
import Execution
import Synchronization

/// The real transport: the system's libcurl, driven directly.
///
/// Every transfer runs on one thread (`CurlLoop`), through one libcurl multi handle that keeps at
/// most `maxConnections` connections to WebNIC, opened once and kept alive; at most that many
/// transfers run at once and the others wait their turn in order. Redirects are never followed
/// (a 3xx is returned as it is), only `http` and `https` are spoken, nothing is cached, no cookies
/// are kept, and TLS certificates are verified by libcurl as always. Each request is bounded by its
/// timeout to the millisecond, counted from `send`, waiting included; a cancelled request is
/// answered `.cancelled` at once, and its transfer is cut off (its connection closed).
///
/// (`URLSession` on Linux, the toolchain's other HTTP client, leaks about 150 bytes per request,
/// counts timeouts in whole seconds and churns connections above four per host: see the README's
/// Performance section.)
package final class CurlTransport: HTTPTransport {
    private let maxConnections: Int
    private let policy: ConnectionPolicy
    private let maxBodyBytes: Int
    /// The loop, started by the first request.
    private let loop = Mutex<CurlLoop?>(nil)

    /// A transport keeping at most `maxConnections` connections (and as many transfers at once),
    /// connecting as `policy` says (with `ipv4Only` nothing is sent over IPv6: WebNIC's IP allow
    /// list takes IPv4 only). Proxies are libcurl's usual `http_proxy`, `https_proxy` and
    /// `no_proxy` variables, except that a loopback host is never reached through a proxy.
    package init(maxConnections: Int, policy: ConnectionPolicy = ConnectionPolicy(), maxBodyBytes: Int = ResponseSize.defaultLimit) {
        self.maxConnections = max(1, maxConnections)
        self.policy = policy
        self.maxBodyBytes = maxBodyBytes
    }

    /// Sends `request`; gives up with `.timedOut` when `timeout` passes.
    package func send(_ request: HTTPRequest, timeout: Duration) async throws(TransportError) -> HTTPResponse {
        let loop = try startedLoop()
        let transfer = CurlTransfer(request: request, deadline: ContinuousClock.now + timeout, policy: policy, maxBodyBytes: maxBodyBytes)
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if transfer.attach(continuation) { loop.submit(transfer) }
            }
        } onCancel: {
            transfer.cancel()
            loop.drop(transfer)
        }
        return try outcome.get()
    }

    private func startedLoop() throws(TransportError) -> CurlLoop {
        let curl: LibCurl
        switch LibCurl.shared {
        case .success(let library): curl = library
        case .failure(let error): throw error
        }
        let started = loop.withLock { loop -> CurlLoop? in
            if loop == nil { loop = CurlLoop(curl: curl, maxConnections: maxConnections) }
            return loop
        }
        guard let started else { throw .unavailable("libcurl could not start (no multi handle, or no pipe)", hint: LibCurl.installHint) }
        return started
    }

    /// What `webnic-rpc doctor` checks of this transport: libcurl's version, and a handshake.
    package static let diagnosis = TransportDiagnosis(
        step: "libcurl", library: { libraryVersion },
        handshake: { url, policy, timeout throws(TransportError) in try await handshake(with: url, policy: policy, timeout: timeout) }
    )

    /// The version of the system's libcurl (`libcurl/7.88.1 OpenSSL/3.0.15 …`), or why it cannot be used.
    package static var libraryVersion: Result<String, TransportError> {
        LibCurl.shared.map { curl in curl.version().map { String(cString: $0) } ?? "libcurl (version unknown)" }
    }

    /// Connects to `url`'s host as a request would, TLS handshake and certificate verification
    /// included, and sends nothing; returns how long it took. On a thread and a libcurl handle of
    /// its own, for a diagnosis.
    package static func handshake(with url: String, policy: ConnectionPolicy, timeout: Duration) async throws(TransportError) -> Duration {
        let curl: LibCurl
        switch LibCurl.shared {
        case .success(let library): curl = library
        case .failure(let error): throw error
        }
        let outcome: Result<Duration, TransportError> = await withCheckedContinuation { continuation in
            DetachedThread.start {
                continuation.resume(returning: CurlTransfer.handshake(url: url, policy: policy, timeout: timeout, curl: curl))
            }
        }
        return try outcome.get()
    }
}
#endif
