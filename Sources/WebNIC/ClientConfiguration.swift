#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything the WebNIC client needs: where WebNIC is, who we are, how long to wait.
package struct ClientConfiguration: Sendable {
    /// The base URL without a trailing slash, for example `https://oteapi.webnic.cc`.
    package let baseURL: String
    /// The base URL's host, as written (an IPv6 address without brackets).
    package let host: String
    /// The base URL's port, or the scheme's.
    package let port: Int
    /// Whether the base URL is `https`.
    package let isHTTPS: Bool
    /// The host WebNIC is reached at, with the port when it is not the scheme's: `oteapi.webnic.cc`,
    /// `127.0.0.1:8080`, `[::1]:8080`.
    package var hostAndPort: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return port == (isHTTPS ? 443 : 80) ? bracketed : "\(bracketed):\(port)"
    }
    /// The credentials, or `nil` when none were given (calls then fail with a `configuration` error).
    package let credentials: Credentials?
    /// The most time one call may take, all HTTP attempts included.
    package let timeout: Duration
    /// The `User-Agent` header sent with every request.
    package let userAgent: String
    /// When failed requests are sent again.
    package let retryPolicy: RetryPolicy
    /// The path of each route.
    package let routes: RouteTable

    /// A configuration.
    /// - Parameters:
    ///   - baseURL: WebNIC's base URL; https, or http on a loopback host (`validateBaseURL`).
    ///   - credentials: the API user and secret, or a fixed token; nil when none are configured
    ///     (calls then fail with `noCredentials`, dry runs still work).
    ///   - timeout: the most one call may take, every attempt and backoff included.
    ///   - userAgent: sent with every request.
    ///   - retryPolicy: when failed requests are sent again; by default 2 retries from 250 ms.
    ///   - routes: the path of each route; by default the documented and assumed ones.
    package init(
        baseURL: String, credentials: Credentials?, timeout: Duration, userAgent: String, retryPolicy: RetryPolicy = RetryPolicy(),
        routes: RouteTable = RouteTable()
    ) throws(ConfigurationError) {
        self.baseURL = try Self.validateBaseURL(baseURL)
        let components = URLComponents(string: self.baseURL)
        let host = components?.host ?? ""
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        isHTTPS = components?.scheme?.lowercased() == "https"
        port = components?.port ?? (isHTTPS ? 443 : 80)
        self.credentials = credentials
        self.timeout = timeout
        self.userAgent = userAgent
        self.retryPolicy = retryPolicy
        self.routes = routes
    }

    /// The base URL, checked and without a trailing slash.
    ///
    /// It must be `https`, except on a loopback host (`127.0.0.0/8`, `::1`, `localhost`) where
    /// `http` is allowed for tests and the simulator. It may carry a path prefix; never a query,
    /// a fragment or credentials.
    package static func validateBaseURL(_ text: String) throws(ConfigurationError) -> String {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty
        else {
            throw ConfigurationError("The base URL \(text.debugDescription) is not an absolute URL; use for example https://oteapi.webnic.cc.")
        }
        guard components.user == nil, components.password == nil, components.query == nil, components.fragment == nil else {
            throw ConfigurationError("The base URL must not carry credentials, a query or a fragment; give only scheme, host, port and path.")
        }
        switch scheme {
        case "https": break
        case "http" where isLoopback(host: host): break
        case "http":
            throw ConfigurationError("The base URL uses http on \(host), which is not a loopback host; use https (http is allowed only on 127.0.0.0/8, ::1 and localhost).")
        default:
            throw ConfigurationError("The base URL scheme \(scheme.debugDescription) is not supported; use https.")
        }
        var result = text
        while result.hasSuffix("/") { result.removeLast() }
        return result
    }

    /// Whether `host` names this machine: `localhost`, `::1` or an address in `127.0.0.0/8`.
    package static func isLoopback(host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare.lowercased() == "localhost" || bare == "::1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ UInt8($0) != nil }) else { return false }
        return octets[0] == "127"
    }
}
