#if !WEBNIC_LIBCURL
import URLSessionTransport
#endif
import WebNIC

#if !os(Linux) && !os(macOS)
#error("webnic-rpc runs on Linux and macOS; Windows is not supported yet")
#endif

/// The transport of this build: libcurl on Linux, `URLSession` on macOS and in the Apple
/// configuration built on Linux (`WEBNIC_TRANSPORT=urlsession`); both are held to one shared test
/// suite. Also what each cannot do.
enum PlatformTransport {
    /// A transport keeping at most `maxConnections` connections, connecting as `policy` says,
    /// refusing bodies over `maxBodyBytes`.
    static func make(maxConnections: Int, policy: ConnectionPolicy, maxBodyBytes: Int) -> any HTTPTransport {
        #if WEBNIC_LIBCURL
        return CurlTransport(maxConnections: maxConnections, policy: policy, maxBodyBytes: maxBodyBytes)
        #else
        return URLSessionTransport(maxConnections: maxConnections, maxBodyBytes: maxBodyBytes)
        #endif
    }

    /// What `webnic-rpc doctor` checks of the transport.
    static var diagnosis: TransportDiagnosis {
        #if WEBNIC_LIBCURL
        return CurlTransport.diagnosis
        #else
        return URLSessionTransport.diagnosis
        #endif
    }

    /// Why `policy` cannot be kept on this platform, as a usage error naming the setting; nil when
    /// it can. (URLSession resolves and verifies with the system: it cannot be held to IPv4, nor
    /// to a CA file of our choosing.)
    static func refusal(of policy: ConnectionPolicy, caFileSetting: String?) -> UsageError? {
        #if WEBNIC_LIBCURL
        return nil
        #else
        if policy.ipv4Only {
            return UsageError("--ipv4 is not available with URLSession (macOS): it cannot be kept to IPv4. Add this Mac's IPv6 address to WebNIC's allow list, or run webnic-rpc on Linux.")
        }
        if policy.caFile != nil || policy.caDirectory != nil {
            return UsageError("\(caFileSetting ?? "a CA file") is not available with URLSession (macOS): it verifies certificates against the system's keychain. Add the CA certificate to the keychain instead.")
        }
        return nil
        #endif
    }
}
