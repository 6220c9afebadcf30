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
    private let ipv4Only: Bool
    private let state = Mutex(Pool())
    private let ready = DispatchSemaphore(value: 0)

    /// The transfers waiting for a worker (a few at most: the server bounds requests in flight),
    /// and the workers.
    private struct Pool {
        var waiting: [CurlTransfer] = []
        var workers = 0
        var idle = 0
    }

    /// A transport keeping at most `maxConnections` connections (and as many transfers at once);
    /// with `ipv4Only`, host names are resolved to IPv4 addresses only and nothing is sent over
    /// IPv6 (WebNIC's IP allow list takes IPv4 only). Proxies are libcurl's usual `http_proxy`,
    /// `https_proxy` and `no_proxy` variables.
    public init(maxConnections: Int, ipv4Only: Bool = false) {
        self.maxConnections = max(1, maxConnections)
        self.ipv4Only = ipv4Only
    }

    /// Sends `request`; gives up with `.timedOut` when `timeout` passes.
    public func send(_ request: HTTPRequest, timeout: Duration) async throws(TransportError) -> HTTPResponse {
        let curl: LibCurl
        switch LibCurl.shared {
        case .success(let library): curl = library
        case .failure(let error): throw error
        }
        let transfer = CurlTransfer(request: request, deadline: ContinuousClock.now + timeout, ipv4Only: ipv4Only)
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if transfer.attach(continuation) { enqueue(transfer, curl: curl) }
            }
        } onCancel: {
            transfer.cancel()
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

    /// A worker: one libcurl handle, transfers one after another, for the life of the process.
    private func work(curl: LibCurl) -> Never {
        let handle = curl.easyInit()
        while true {
            let transfer = next()
            if let handle {
                transfer.run(on: handle, curl: curl)
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
