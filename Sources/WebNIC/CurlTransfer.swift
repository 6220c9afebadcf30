#if WEBNIC_LIBCURL
// libcurl is the transport of Linux only (see `LibCurl`); Apple's configuration uses URLSession.
import Synchronization

/// One request of `CurlTransport`: waits for a free connection, runs on the loop's thread, and
/// answers the caller exactly once (with the response, a failure, or `.cancelled` the moment it is
/// cancelled).
final class CurlTransfer: Sendable {
    typealias Outcome = Result<HTTPResponse, TransportError>

    private enum State {
        case waiting(CheckedContinuation<Outcome, Never>?)
        case answered
    }

    let request: HTTPRequest
    let deadline: ContinuousClock.Instant
    let policy: ConnectionPolicy
    /// The largest body accepted.
    let maxBodyBytes: Int
    private let state = Mutex(State.waiting(nil))
    private let cancelled = Atomic(false)

    init(request: HTTPRequest, deadline: ContinuousClock.Instant, policy: ConnectionPolicy, maxBodyBytes: Int = ResponseSize.defaultLimit) {
        self.request = request
        self.deadline = deadline
        self.policy = policy
        self.maxBodyBytes = maxBodyBytes
    }

    /// Whether the caller has given up.
    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Gives the transfer its caller; returns false when it was cancelled before (and is answered).
    func attach(_ continuation: CheckedContinuation<Outcome, Never>) -> Bool {
        let attached = state.withLock { state -> Bool in
            guard case .waiting = state else { return false }
            if isCancelled {
                state = .answered
                return false
            }
            state = .waiting(continuation)
            return true
        }
        if !attached { continuation.resume(returning: .failure(.cancelled)) }
        return attached
    }

    /// The caller gave up: answers `.cancelled` now (the loop drops the transfer when it next turns).
    func cancel() {
        cancelled.store(true, ordering: .relaxed)
        finish(.failure(.cancelled))
    }

    /// Answers the caller, unless it already was.
    func finish(_ outcome: Outcome) {
        let continuation = state.withLock { state -> CheckedContinuation<Outcome, Never>? in
            guard case .waiting(let continuation?) = state else { return nil }
            state = .answered
            return continuation
        }
        continuation?.resume(returning: outcome)
    }

    /// What libcurl points to while a transfer runs (its callbacks' context, its header list):
    /// kept, with the handle, until the transfer ends.
    final class Running {
        let transfer: CurlTransfer
        let handle: LibCurl.Handle
        fileprivate let sink: ResponseSink
        fileprivate var headers: LibCurl.StringList?

        fileprivate init(transfer: CurlTransfer, handle: LibCurl.Handle) {
            self.transfer = transfer
            self.handle = handle
            sink = ResponseSink(limit: transfer.maxBodyBytes)
        }

        /// Answers the caller from libcurl's result `code`, and frees the header list.
        func complete(code: Int32, curl: LibCurl) {
            curl.listFreeAll(headers)
            headers = nil
            guard code == LibCurl.Code.ok else {
                return transfer.finish(.failure(CurlTransfer.error(code, cancelled: transfer.isCancelled, limit: transfer.maxBodyBytes)))
            }
            var status = 0
            _ = curl.getLong(handle, LibCurl.responseCodeInfo, &status)
            transfer.finish(.success(HTTPResponse(status: status, headers: sink.headers, body: sink.body)))
        }

        /// Frees the header list of a transfer dropped before its end.
        func discard(curl: LibCurl) {
            curl.listFreeAll(headers)
            headers = nil
        }
    }

    /// Sets `handle` up for the transfer (reset first: its options go, the multi handle keeps the
    /// connections), with whatever is left of the deadline as its timeout.
    func prepare(on handle: LibCurl.Handle, curl: LibCurl) throws(TransportError) -> Running {
        let remaining = deadline - ContinuousClock.now
        guard remaining > .zero else { throw .timedOut }
        curl.easyReset(handle)
        let running = Running(transfer: self, handle: handle)
        for header in request.headers {
            running.headers = "\(header.name): \(header.value)".withCString { curl.listAppend(running.headers, $0) }
        }
        running.headers = "Expect:".withCString { curl.listAppend(running.headers, $0) }  // no 100-continue round trip
        do throws(TransportError) {
            try configure(handle, curl: curl, sink: running.sink, headers: running.headers, timeout: remaining)
        } catch {
            running.discard(curl: curl)
            throw error
        }
        return running
    }

    /// Sets every option of the transfer; an option the loaded libcurl refuses is a setup problem, named.
    private func configure(
        _ handle: LibCurl.Handle, curl: LibCurl, sink: ResponseSink, headers: LibCurl.StringList?, timeout: Duration
    ) throws(TransportError) {
        typealias Option = LibCurl.Option
        func check(_ code: Int32, _ name: String) throws(TransportError) {
            guard code == LibCurl.Code.ok else {
                throw .unavailable("the installed libcurl refused the option \(name) (libcurl error \(code))", hint: LibCurl.installHint)
            }
        }
        func set(_ option: Int32, _ name: String, _ value: Int) throws(TransportError) {
            try check(curl.setLong(handle, option, value), name)
        }
        func set(_ option: Int32, _ name: String, pointer: UnsafeRawPointer?) throws(TransportError) {
            try check(curl.setPointer(handle, option, pointer), name)
        }
        func set(_ option: Int32, _ name: String, text: String) throws(TransportError) {
            // libcurl copies string options, so the C string need only live for the call.
            try check(text.withCString { curl.setPointer(handle, option, $0) }, name)
        }
        try set(Option.url, "CURLOPT_URL", text: request.url)
        try set(Option.noSignal, "CURLOPT_NOSIGNAL", 1)
        try set(Option.protocols, "CURLOPT_PROTOCOLS", LibCurl.ProtocolBits.httpAndHTTPS)
        try set(Option.tcpKeepAlive, "CURLOPT_TCP_KEEPALIVE", 1)
        try set(Option.timeoutMilliseconds, "CURLOPT_TIMEOUT_MS", max(1, Int(timeout.wholeMilliseconds)))
        if policy.ipv4Only { try set(Option.ipResolve, "CURLOPT_IPRESOLVE", LibCurl.IPResolve.v4) }
        if let caFile = policy.caFile { try set(Option.caInfo, "CURLOPT_CAINFO", text: caFile) }
        if let caDirectory = policy.caDirectory { try set(Option.caPath, "CURLOPT_CAPATH", text: caDirectory) }
        // Loopback traffic (the simulator, a local test) never goes through a proxy named by http_proxy.
        if Self.isLoopback(request.url) { try set(Option.proxy, "CURLOPT_PROXY", text: "") }
        try set(Option.httpHeader, "CURLOPT_HTTPHEADER", pointer: headers.map { UnsafeRawPointer($0) })
        let context = UnsafeRawPointer(Unmanaged.passUnretained(sink).toOpaque())
        try set(Option.writeFunction, "CURLOPT_WRITEFUNCTION", pointer: unsafeBitCast(ResponseSink.body, to: UnsafeRawPointer.self))
        try set(Option.writeData, "CURLOPT_WRITEDATA", pointer: context)
        try set(Option.headerFunction, "CURLOPT_HEADERFUNCTION", pointer: unsafeBitCast(ResponseSink.header, to: UnsafeRawPointer.self))
        try set(Option.headerData, "CURLOPT_HEADERDATA", pointer: context)
        if request.method == "GET" {
            try set(Option.httpGet, "CURLOPT_HTTPGET", 1)
        } else {
            try set(Option.customRequest, "CURLOPT_CUSTOMREQUEST", text: request.method)
            if let body = request.body {
                // libcurl copies the body (CURLOPT_COPYPOSTFIELDS), so it need only live for the call.
                try set(Option.postFieldSize, "CURLOPT_POSTFIELDSIZE", body.count)
                let copied = body.withUnsafeBytes { bytes in
                    curl.setPointer(handle, Option.copyPostFields, bytes.baseAddress ?? UnsafeRawPointer(("" as StaticString).utf8Start))
                }
                try check(copied, "CURLOPT_COPYPOSTFIELDS")
            }
        }
    }

    /// Connects to `url` up to and including the TLS handshake, on a handle of its own, sending no request.
    static func handshake(url: String, policy: ConnectionPolicy, timeout: Duration, curl: LibCurl) -> Result<Duration, TransportError> {
        guard let handle = curl.easyInit() else { return .failure(.unavailable("libcurl could not create a handle", hint: LibCurl.installHint)) }
        defer { curl.easyCleanup(handle) }
        typealias Option = LibCurl.Option
        var codes = [
            url.withCString { curl.setPointer(handle, Option.url, $0) }, curl.setLong(handle, Option.connectOnly, 1),
            curl.setLong(handle, Option.noSignal, 1), curl.setLong(handle, Option.protocols, LibCurl.ProtocolBits.httpAndHTTPS),
            curl.setLong(handle, Option.timeoutMilliseconds, max(1, Int(timeout.wholeMilliseconds))),
        ]
        if policy.ipv4Only { codes.append(curl.setLong(handle, Option.ipResolve, LibCurl.IPResolve.v4)) }
        if let caFile = policy.caFile { codes.append(caFile.withCString { curl.setPointer(handle, Option.caInfo, $0) }) }
        if let caDirectory = policy.caDirectory { codes.append(caDirectory.withCString { curl.setPointer(handle, Option.caPath, $0) }) }
        if isLoopback(url) { codes.append("".withCString { curl.setPointer(handle, Option.proxy, $0) }) }
        if let refused = codes.first(where: { $0 != LibCurl.Code.ok }) {
            return .failure(.unavailable("the installed libcurl refused an option (libcurl error \(refused))", hint: LibCurl.installHint))
        }
        let start = ContinuousClock.now
        let code = curl.easyPerform(handle)
        return code == LibCurl.Code.ok ? .success(ContinuousClock.now - start) : .failure(error(code, cancelled: false))
    }

    /// Whether `url`'s host is this machine (`localhost`, `::1`, `127.0.0.0/8`).
    static func isLoopback(_ url: String) -> Bool {
        guard let schemeEnd = ASCIISearch.firstRange(of: "://", in: url[...]) else { return false }
        var authority = url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let host: Substring
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[...close]
        } else {
            host = authority.prefix { $0 != ":" }
        }
        return ClientConfiguration.isLoopback(host: String(host))
    }

    /// What a libcurl failure means to the caller, in words that name no secret.
    static func error(_ code: Int32, cancelled: Bool, limit: Int = ResponseSize.defaultLimit) -> TransportError {
        typealias Code = LibCurl.Code
        switch code {
        case Code.timedOut: return .timedOut
        case Code.abortedByCallback: return cancelled ? .cancelled : .network("the transfer was aborted")
        case Code.hostNotFound: return .network("host not found")
        case Code.proxyNotFound: return .network("proxy not found")
        case Code.couldNotConnect: return .network("connection refused")
        case Code.gotNothing, Code.sendError, Code.receiveError: return .network("connection lost")
        case Code.partialFile: return .network("the transfer failed before the response was complete")
        case Code.weirdServerReply: return .network("the server's answer is not HTTP")
        case Code.writeError: return .network(TransportError.tooLarge(limit))
        case Code.unsupportedProtocol, Code.malformedURL: return .network("invalid URL")
        case Code.tlsConnectError: return .tls("the TLS handshake failed")
        case _ where Code.tlsCertificateProblems.contains(code): return .tls("the server's certificate was not accepted (untrusted, expired, or issued for another host name)")
        default: return .network("transfer failed (libcurl error \(code))")
        }
    }
}

/// What libcurl's callbacks collect for one transfer, on the loop's thread.
private final class ResponseSink {
    var headers: [String: String] = [:]
    var body: [UInt8] = []
    /// The largest body accepted: a longer one, declared or not, ends the transfer.
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    private static func sink(_ context: UnsafeMutableRawPointer?) -> ResponseSink? {
        context.map { Unmanaged<ResponseSink>.fromOpaque($0).takeUnretainedValue() }
    }

    /// `CURLOPT_WRITEFUNCTION`: appends body bytes; refuses (aborting the transfer) past the size limit.
    static let body: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = { data, size, count, context in
        let length = size * count
        guard let sink = sink(context), let data, sink.body.count + length <= sink.limit else { return 0 }
        sink.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
        return length
    }

    /// `CURLOPT_HEADERFUNCTION`: one header line at a time; a status line starts a new set (after a
    /// proxy's `CONNECT` answer, or an interim response).
    static let header: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = { data, size, count, context in
        let length = size * count
        guard let sink = sink(context), let data else { return 0 }
        let line = UnsafeRawBufferPointer(start: data, count: length)
        if line.starts(with: "HTTP/".utf8) {
            sink.headers = [:]
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
            var value = line[(colon + 1)...].drop(while: isSpace)
            while let last = value.last, isSpace(last) { value = value.dropLast() }
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            if sink.headers[name] == nil { sink.headers[name] = String(decoding: value, as: UTF8.self) }
            // A declared length over the limit ends the transfer before any of the body is read;
            // one within it is room made once.
            if name == "content-length", let declared = Int(String(decoding: value, as: UTF8.self)) {
                guard declared <= sink.limit else { return 0 }
                sink.body.reserveCapacity(declared)
            }
        }
        return length
    }

}
#endif
