import Dispatch
import Foundation
import Synchronization

/// The real transport: the system's libcurl, driven directly.
///
/// Transfers run on up to `maxConnections` worker threads, each with one libcurl handle kept for
/// the life of the process, so each worker keeps its keep-alive connection: at most
/// `maxConnections` connections to WebNIC, opened once. Requests beyond that wait for a free
/// worker. Redirects are never followed (a 3xx is returned as it is), only `http` and `https` are
/// spoken, nothing is cached, no cookies are kept, and TLS certificates are verified by libcurl as
/// always. Each request is bounded by its timeout to the millisecond, counted from `send`; a
/// cancelled request is answered `.cancelled` at once, and its transfer is abandoned.
///
/// (`URLSession` on Linux, the toolchain's other HTTP client, leaks about 150 bytes per request,
/// counts timeouts in whole seconds and churns connections above four per host: see the README's
/// Performance section.)
public final class CurlTransport: HTTPTransport {
    /// The largest response body accepted.
    public static let maxBodyBytes = 16 << 20

    private let maxConnections: Int
    private let policy: ConnectionPolicy
    private let state = Mutex(Pool())
    private let ready = DispatchSemaphore(value: 0)

    /// The transfers waiting for a worker (a few at most: the server bounds requests in flight),
    /// and the workers.
    private struct Pool {
        var waiting: [CurlTransfer] = []
        var workers = 0
        var idle = 0
    }

    /// A transport keeping at most `maxConnections` connections (and as many transfers at once),
    /// connecting as `policy` says (with `ipv4Only` nothing is sent over IPv6: WebNIC's IP allow
    /// list takes IPv4 only). Proxies are libcurl's usual `http_proxy`, `https_proxy` and
    /// `no_proxy` variables, except that a loopback host is never reached through a proxy.
    public init(maxConnections: Int, policy: ConnectionPolicy = ConnectionPolicy()) {
        self.maxConnections = max(1, maxConnections)
        self.policy = policy
    }

    /// Sends `request`; gives up with `.timedOut` when `timeout` passes.
    public func send(_ request: HTTPRequest, timeout: Duration) async throws(TransportError) -> HTTPResponse {
        let curl: LibCurl
        switch LibCurl.shared {
        case .success(let library): curl = library
        case .failure(let error): throw error
        }
        let transfer = CurlTransfer(request: request, deadline: ContinuousClock.now + timeout, policy: policy)
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if transfer.attach(continuation) { enqueue(transfer, curl: curl) }
            }
        } onCancel: {
            transfer.cancel()
        }
        return try outcome.get()
    }

    /// The version of the system's libcurl (`libcurl/7.88.1 OpenSSL/3.0.15 …`), or why it cannot be used.
    public static var libraryVersion: Result<String, TransportError> {
        LibCurl.shared.map { curl in curl.version().map { String(cString: $0) } ?? "libcurl (version unknown)" }
    }

    /// Connects to `url`'s host as a request would, TLS handshake and certificate verification
    /// included, and sends nothing; returns how long it took. On a thread and a libcurl handle of
    /// its own, for a diagnosis.
    public static func handshake(with url: String, policy: ConnectionPolicy, timeout: Duration) async throws(TransportError) -> Duration {
        let curl: LibCurl
        switch LibCurl.shared {
        case .success(let library): curl = library
        case .failure(let error): throw error
        }
        let outcome: Result<Duration, TransportError> = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: CurlTransfer.handshake(url: url, policy: policy, timeout: timeout, curl: curl))
            }
        }
        return try outcome.get()
    }

    private func enqueue(_ transfer: CurlTransfer, curl: LibCurl) {
        let spawn = state.withLock { pool -> Bool in
            pool.waiting.append(transfer)
            guard pool.waiting.count > pool.idle, pool.workers < maxConnections else { return false }
            pool.workers += 1
            return true
        }
        if spawn {
            let thread = Thread { [self] in work(curl: curl) }
            thread.name = "webnic-curl"
            thread.start()
        }
        ready.signal()
    }

    /// A worker: one libcurl handle and the watch of its sockets, transfers one after another,
    /// for the life of the process.
    private func work(curl: LibCurl) -> Never {
        let handle = curl.easyInit()
        let sockets = SocketWatch()
        while true {
            let transfer = next()
            if let handle {
                transfer.run(on: handle, sockets: sockets, curl: curl)
            } else {
                transfer.finish(.failure(.network("libcurl could not create a handle")))
            }
        }
    }

    /// The next transfer, waiting while there is none.
    private func next() -> CurlTransfer {
        while true {
            state.withLock { $0.idle += 1 }
            ready.wait()
            let transfer = state.withLock { pool -> CurlTransfer? in
                pool.idle -= 1
                return pool.waiting.isEmpty ? nil : pool.waiting.removeFirst()
            }
            if let transfer { return transfer }
        }
    }
}
