import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Diagnostics
import Synchronization
import WebNIC

/// The benchmark's direct baseline: one `URLSession` for the life of the process, so connections
/// are reused, as a Swift program calling WebNIC without webnic-rpc would do it.
///
/// Redirects are never followed (a 3xx is returned as it is), nothing is cached, no cookies are
/// kept, and TLS certificates are verified by the system as always. Each request is bounded by
/// its timeout (rounded up to whole seconds, the finest `URLSession` on Linux honours), and a
/// cancelled task abandons its transfer at once.
final class URLSessionTransport: HTTPTransport {
    private let session: URLSession

    /// The most connections kept to one host.
    ///
    /// FoundationNetworking leaves libcurl's connection cache at its default size, four idle
    /// connections per transfer in progress; whenever fewer transfers run, connections beyond that
    /// are closed and later reopened. Above four connections this churns (measured: 1,674 new
    /// connections for 20,000 requests at 16 per host, 4 at 4 per host, with the same throughput),
    /// and against WebNIC every new connection is a TLS handshake. Requests beyond four wait inside
    /// URLSession for a free connection.
    static let connectionLimit = 4

    /// A transport allowing `maxConnectionsPerHost` (at most `connectionLimit`) connections to one host at once.
    init(maxConnectionsPerHost: Int) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = min(maxConnectionsPerHost, Self.connectionLimit)
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
    }

    /// Sends `request`; gives up with `.timedOut` when `timeout` passes.
    func send(_ request: HTTPRequest, timeout: Duration) async throws(TransportError) -> HTTPResponse {
        guard let url = URL(string: request.url) else { throw .network("invalid URL") }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        // URLSession on Linux fails at once for intervals below one second, so the interval is
        // rounded up to whole seconds: a request ends at most a second after its deadline.
        // (A racing `Task.sleep` would be exact, but each one keeps its timer until it would
        // have fired, which at thousands of calls a second holds megabytes.)
        urlRequest.timeoutInterval = max(1, timeout.inSeconds.rounded(.up))
        for header in request.headers { urlRequest.setValue(header.value, forHTTPHeaderField: header.name) }
        if let body = request.body { urlRequest.httpBody = Data(body) }
        do {
            return try await perform(urlRequest)
        } catch let error as TransportError {
            throw error
        } catch {
            throw Task.isCancelled ? .cancelled : .network("unexpected failure")
        }
    }

    private func perform(_ request: URLRequest) async throws -> HTTPResponse {
        let box = Mutex<URLSessionDataTask?>(nil)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                let task = session.dataTask(with: request) { data, response, error in
                    if let error {
                        continuation.resume(throwing: Self.transportError(error))
                    } else if let http = response as? HTTPURLResponse {
                        var headers: [String: String] = [:]
                        for (name, value) in http.allHeaderFields {
                            if let name = name as? String, let value = value as? String { headers[name] = value }
                        }
                        continuation.resume(returning: HTTPResponse(status: http.statusCode, headers: headers, body: Array(data ?? Data())))
                    } else {
                        continuation.resume(throwing: TransportError.network("no HTTP response"))
                    }
                }
                box.withLock { $0 = task }
                task.resume()
            }
        } onCancel: {
            box.withLock { $0?.cancel() }
        }
    }

    private static func transportError(_ error: any Error) -> TransportError {
        let nsError = error as NSError
        guard nsError.domain == NSURLErrorDomain else { return .network("transport failure") }
        switch nsError.code {
        case NSURLErrorTimedOut: return .timedOut
        case NSURLErrorCancelled: return .cancelled
        case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed: return .network("host not found")
        case NSURLErrorCannotConnectToHost: return .network("connection refused")
        case NSURLErrorNetworkConnectionLost: return .network("connection lost")
        case NSURLErrorNotConnectedToInternet: return .network("no network")
        case NSURLErrorBadServerResponse: return .network("the server closed the connection without a valid response")
        case NSURLErrorUnknown: return .network("the transfer failed before the response was complete")
        case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted, NSURLErrorServerCertificateHasBadDate,
             NSURLErrorServerCertificateNotYetValid, NSURLErrorServerCertificateHasUnknownRoot:
            return .tls("the server's certificate was not accepted")
        default: return .network("transfer failed (URL error \(nsError.code))")
        }
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
