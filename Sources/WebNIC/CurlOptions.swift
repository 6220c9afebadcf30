#if WEBNIC_LIBCURL
/// Sets options on one libcurl handle; an option the loaded libcurl refuses is a setup problem,
/// named (`CURLOPT_CAINFO`), with the hint to install a libcurl that has it.
struct CurlOptions {
    let curl: LibCurl
    let handle: LibCurl.Handle

    /// Throws when `code`, the answer to setting `name`, is not `CURLE_OK`.
    func check(_ code: Int32, _ name: String) throws(TransportError) {
        guard code == LibCurl.Code.ok else {
            throw .unavailable("the installed libcurl refused the option \(name) (libcurl error \(code))", hint: LibCurl.installHint)
        }
    }

    /// Sets a number option.
    func set(_ option: Int32, _ name: String, _ value: Int) throws(TransportError) {
        try check(curl.setLong(handle, option, value), name)
    }

    /// Sets a pointer option (a callback, its context, a list).
    func set(_ option: Int32, _ name: String, pointer: UnsafeRawPointer?) throws(TransportError) {
        try check(curl.setPointer(handle, option, pointer), name)
    }

    /// Sets a string option; libcurl copies it, so the C string need only live for the call.
    func set(_ option: Int32, _ name: String, text: String) throws(TransportError) {
        try check(text.withCString { curl.setPointer(handle, option, $0) }, name)
    }

    /// The options of every connection to `url`, a transfer's and a diagnosis's handshake alike:
    /// no signals, http and https only, the timeout, the address family and certificate
    /// authorities of `policy`, and no proxy for a loopback host.
    func connection(url: String, policy: ConnectionPolicy, timeout: Duration) throws(TransportError) {
        typealias Option = LibCurl.Option
        try set(Option.url, "CURLOPT_URL", text: url)
        try set(Option.noSignal, "CURLOPT_NOSIGNAL", 1)
        try set(Option.protocols, "CURLOPT_PROTOCOLS", LibCurl.ProtocolBits.httpAndHTTPS)
        try set(Option.timeoutMilliseconds, "CURLOPT_TIMEOUT_MS", max(1, Int(timeout.wholeMilliseconds)))
        if policy.ipv4Only { try set(Option.ipResolve, "CURLOPT_IPRESOLVE", LibCurl.IPResolve.v4) }
        if let caFile = policy.caFile { try set(Option.caInfo, "CURLOPT_CAINFO", text: caFile) }
        if let caDirectory = policy.caDirectory { try set(Option.caPath, "CURLOPT_CAPATH", text: caDirectory) }
        // Loopback traffic (the simulator, a local test) never goes through a proxy named by http_proxy.
        if CurlTransfer.isLoopback(url) { try set(Option.proxy, "CURLOPT_PROXY", text: "") }
    }
}
#endif
