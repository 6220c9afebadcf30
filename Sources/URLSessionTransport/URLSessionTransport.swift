#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Foundation
import Platform
import Synchronization
import WebNIC

/// The transport of Apple platforms: Foundation's `URLSession`, with the guarantees `CurlTransport`
/// gives on Linux.
///
/// Redirects are never followed (a 3xx is returned as it is), only `http` and `https` are spoken,
/// nothing is cached, no cookies are kept or sent, and TLS certificates are verified by the system
/// as always. Each request is bounded by its timeout to the millisecond, counted from `send`, by a
/// timer of its own (`URLRequest.timeoutInterval` is an idle timeout, and on Linux whole seconds);
/// a cancelled request is answered `.cancelled` at once and its task cancelled. At most
/// `maxConnections` connections are kept to a host, the requests beyond waiting inside the session.
/// A body larger than `maxBodyBytes` is refused as `CurlTransport` refuses it.
///
/// What `ConnectionPolicy` asks beyond that (IPv4 only, a CA file) `URLSession` cannot do: on Apple
/// platforms webnic-rpc refuses those settings. On Linux this transport runs in the shared
/// transport tests only (through FoundationNetworking, which leaks about 150 bytes per request and
/// links 40 MB of internationalization data); the product uses `CurlTransport` there.
package final class URLSessionTransport: HTTPTransport {
    private let session: URLSession
    private let maxBodyBytes: Int

    /// A transport keeping at most `maxConnections` connections to one host, refusing bodies
    /// over `maxBodyBytes` (checked once the body has arrived: URLSession hands it over whole).
    package init(maxConnections: Int, maxBodyBytes: Int = ResponseSize.defaultLimit) {
        self.maxBodyBytes = maxBodyBytes
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = max(1, maxConnections)
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        session = URLSession(configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
    }

    deinit {
        session.invalidateAndCancel()
    }

    /// What `webnic-rpc doctor` checks of this transport: the system's URLSession, and a handshake
    /// (a `HEAD` of the URL on a session of its own: any HTTP answer means the TLS handshake and
    /// the certificate's verification passed).
    package static let diagnosis = TransportDiagnosis(
        step: "urlsession",
        library: { .success("URLSession (\(ProcessInfo.processInfo.operatingSystemVersionString))") },
        handshake: { url, _, timeout throws(TransportError) in
            let start = ContinuousClock.now
            _ = try await URLSessionTransport(maxConnections: 1).send(HTTPRequest(method: "HEAD", url: url), timeout: timeout)
            return ContinuousClock.now - start
        }
    )

    /// Sends `request`; gives up with `.timedOut` when `timeout` passes.
    package func send(_ request: HTTPRequest, timeout: Duration) async throws(TransportError) -> HTTPResponse {
        guard let url = URL(string: request.url), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw .notSent("invalid URL")
        }
        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalAndRemoteCacheData)
        urlRequest.httpMethod = request.method
        urlRequest.httpShouldHandleCookies = false
        // The timer below ends the request to the millisecond; this bound only backs it up (on
        // Linux URLSession refuses intervals below a second).
        urlRequest.timeoutInterval = max(1, (timeout.inSeconds + 1).rounded(.up))
        for header in request.headers { urlRequest.setValue(header.value, forHTTPHeaderField: header.name) }
        if let body = request.body { urlRequest.httpBody = Data(body) }
        let exchange = Exchange()
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPResponse, TransportError>, Never>) in
                guard exchange.attach(continuation) else { return }
                let limit = maxBodyBytes
                let task = session.dataTask(with: urlRequest) { data, response, error in
                    exchange.finish(Self.outcome(data: data, response: response, error: error, limit: limit))
                }
                exchange.start(task, timeout: timeout)
            }
        } onCancel: {
            exchange.finish(.failure(.cancelled))
        }
        return try outcome.get()
    }

    private static func outcome(data: Data?, response: URLResponse?, error: (any Error)?, limit: Int) -> Result<HTTPResponse, TransportError> {
        if let error { return .failure(transportError(error)) }
        guard let http = response as? HTTPURLResponse else { return .failure(.network("no HTTP response")) }
        let body = data ?? Data()
        guard body.count <= limit else { return .failure(.network(TransportError.tooLarge(limit))) }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            guard let name = name as? String, let value = value as? String else { continue }
            let lowered = name.lowercased()
            if headers[lowered] == nil { headers[lowered] = value }
        }
        return .success(HTTPResponse(status: http.statusCode, headers: headers, body: Array(body)))
    }

    private static let certificateRefused = TransportError.tls(
        "the server's certificate was not accepted (untrusted, expired, or issued for another host name)"
    )

    /// What a URL error means to the caller, in the words `CurlTransport` uses for the same failure.
    static func transportError(_ error: any Error) -> TransportError {
        let nsError = error as NSError
        guard nsError.domain == NSURLErrorDomain else { return .network("transfer failed") }
        #if os(Linux)
        // FoundationNetworking reports libcurl's TLS failures as NSURLErrorUnknown, in libcurl's words.
        if nsError.code == NSURLErrorUnknown, let text = nsError.userInfo[NSLocalizedDescriptionKey] as? String {
            if text.hasPrefix("SSL certificate problem") { return certificateRefused }
            if text.contains("SSL") || text.contains("TLS") { return .tls("the TLS handshake failed") }
            // libcurl's CURLE_PARTIAL_FILE: the body ended before its announced length.
            if text.hasPrefix("transfer closed with") || text.contains("partial file") { return .network("the transfer failed before the response was complete") }
        }
        #endif
        switch nsError.code {
        case NSURLErrorTimedOut: return .timedOut
        case NSURLErrorCancelled: return .cancelled
        case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed: return .notSent("host not found")
        case NSURLErrorCannotConnectToHost: return .notSent("connection refused")
        case NSURLErrorNetworkConnectionLost: return .network("connection lost")
        case NSURLErrorNotConnectedToInternet: return .notSent("no network")
        case NSURLErrorBadServerResponse: return .network("the server's answer is not HTTP")
        case NSURLErrorUnsupportedURL, NSURLErrorBadURL: return .notSent("invalid URL")
        case NSURLErrorSecureConnectionFailed:
            return .tls("the TLS handshake failed")
        case NSURLErrorServerCertificateUntrusted, NSURLErrorServerCertificateHasBadDate, NSURLErrorServerCertificateNotYetValid,
             NSURLErrorServerCertificateHasUnknownRoot, NSURLErrorClientCertificateRejected:
            return certificateRefused
        default: return .network("transfer failed (URL error \(nsError.code))")
        }
    }
}

/// One request's answer, given once: by the session, by the timer, or by a cancellation.
private final class Exchange: Sendable {
    private enum State {
        case waiting(CheckedContinuation<Result<HTTPResponse, TransportError>, Never>?)
        case running(CheckedContinuation<Result<HTTPResponse, TransportError>, Never>, Running)
        case answered
    }

    /// The task and its timer: both may be used from any thread (a `URLSessionTask` and a dispatch
    /// source are thread-safe), which their types do not say.
    private struct Running: @unchecked Sendable {
        let task: URLSessionDataTask
        let timer: DispatchSourceTimer
    }

    private let state = Mutex(State.waiting(nil))

    /// Gives the exchange its caller; false (the caller answered `.cancelled`) when it was cancelled before.
    func attach(_ continuation: CheckedContinuation<Result<HTTPResponse, TransportError>, Never>) -> Bool {
        let attached = state.withLock { state -> Bool in
            guard case .waiting = state else { return false }
            state = .waiting(continuation)
            return true
        }
        if !attached { continuation.resume(returning: .failure(.cancelled)) }
        return attached
    }

    /// Starts `task` with a timer that answers `.timedOut` when `timeout` has passed; starts
    /// nothing when the exchange was answered first (cancelled, or timed out before the task began).
    func start(_ task: URLSessionDataTask, timeout: Duration) {
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.setEventHandler { [self] in finish(.failure(.timedOut)) }
        timer.schedule(deadline: .now() + .nanoseconds(Int(clamping: timeout.wholeNanoseconds)))
        // Activated before anything may drop it: libdispatch stops the process when a source is
        // released without ever having been activated.
        timer.resume()
        let running = Running(task: task, timer: timer)
        let started = state.withLock { state -> Bool in
            guard case .waiting(let continuation?) = state else { return false }
            state = .running(continuation, running)
            return true
        }
        guard started else {
            timer.cancel()
            task.cancel()  // never resumed: ended rather than left suspended in its session
            return
        }
        task.resume()
    }

    /// Answers the caller, unless it already was; stops the task and the timer.
    func finish(_ outcome: Result<HTTPResponse, TransportError>) {
        let taken = state.withLock { state -> (CheckedContinuation<Result<HTTPResponse, TransportError>, Never>, Running?)? in
            switch state {
            case .answered: return nil
            case .waiting(let continuation):
                state = .answered
                return continuation.map { ($0, nil) }
            case .running(let continuation, let running):
                state = .answered
                return (continuation, running)
            }
        }
        guard let (continuation, running) = taken else { return }
        running?.timer.cancel()
        if case .failure = outcome { running?.task.cancel() }
        continuation.resume(returning: outcome)
    }
}

/// Refuses every redirect, so that a 3xx reaches the client as it is.
private final class RedirectRefusal: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
