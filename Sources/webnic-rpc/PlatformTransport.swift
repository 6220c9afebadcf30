#if os(macOS)
import URLSessionTransport
#endif
import WebNIC

#if !os(Linux) && !os(macOS)
#error("webnic-rpc runs on Linux and macOS; Windows is not supported yet")
#endif

/// The transport of this platform: libcurl on Linux, `URLSession` on macOS (both held to one
/// shared test suite), and what each cannot do.
enum PlatformTransport {
    /// A transport keeping at most `maxConnections` connections, connecting as `policy` says.
    static func make(maxConnections: Int, policy: ConnectionPolicy) -> any HTTPTransport {
        #if os(Linux)
        return CurlTransport(maxConnections: maxConnections, policy: policy)
        #elseif os(macOS)
        return URLSessionTransport(maxConnections: maxConnections)
        #endif
    }

    /// What `webnic-rpc doctor` checks of the transport.
    static var diagnosis: TransportDiagnosis {
        #if os(Linux)
        return CurlTransport.diagnosis
        #elseif os(macOS)
        return URLSessionTransport.diagnosis
        #endif
    }

    /// Why `policy` cannot be kept on this platform, as a usage error naming the setting; nil when
    /// it can. (URLSession resolves and verifies with the system: it cannot be held to IPv4, nor
    /// to a CA file of our choosing.)
    static func refusal(of policy: ConnectionPolicy, caFileSetting: String?) -> UsageError? {
        #if os(Linux)
        return nil
        #elseif os(macOS)
        if policy.ipv4Only {
            return UsageError("--ipv4 is not available on macOS: URLSession cannot be kept to IPv4. Add this Mac's IPv6 address to WebNIC's allow list, or run webnic-rpc on Linux.")
        }
        if policy.caFile != nil || policy.caDirectory != nil {
            return UsageError("\(caFileSetting ?? "a CA file") is not available on macOS: URLSession verifies certificates against the system's keychain. Add the CA certificate to the keychain instead.")
        }
        return nil
        #endif
    }
}
