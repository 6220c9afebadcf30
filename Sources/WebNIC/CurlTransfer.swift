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
        let options = CurlOptions(curl: curl, handle: handle)
        try options.connection(url: request.url, policy: policy, timeout: timeout)
        try options.set(Option.tcpKeepAlive, "CURLOPT_TCP_KEEPALIVE", 1)
        try options.set(Option.httpHeader, "CURLOPT_HTTPHEADER", pointer: headers.map { UnsafeRawPointer($0) })
        let context = UnsafeRawPointer(Unmanaged.passUnretained(sink).toOpaque())
        try options.set(Option.writeFunction, "CURLOPT_WRITEFUNCTION", pointer: unsafeBitCast(ResponseSink.body, to: UnsafeRawPointer.self))
        try options.set(Option.writeData, "CURLOPT_WRITEDATA", pointer: context)
        try options.set(Option.headerFunction, "CURLOPT_HEADERFUNCTION", pointer: unsafeBitCast(ResponseSink.header, to: UnsafeRawPointer.self))
        try options.set(Option.headerData, "CURLOPT_HEADERDATA", pointer: context)
        if request.method == "GET" {
            try options.set(Option.httpGet, "CURLOPT_HTTPGET", 1)
        } else {
            try options.set(Option.customRequest, "CURLOPT_CUSTOMREQUEST", text: request.method)
            if let body = request.body {
                // libcurl copies the body (CURLOPT_COPYPOSTFIELDS), so it need only live for the call.
                try options.set(Option.postFieldSize, "CURLOPT_POSTFIELDSIZE", body.count)
                let copied = body.withUnsafeBytes { bytes in
                    curl.setPointer(handle, Option.copyPostFields, bytes.baseAddress ?? UnsafeRawPointer(("" as StaticString).utf8Start))
                }
                try options.check(copied, "CURLOPT_COPYPOSTFIELDS")
            }
        }
    }

    /// Connects to `url` up to and including the TLS handshake, on a handle of its own, sending no
    /// request, with the connection options a transfer has.
    static func handshake(url: String, policy: ConnectionPolicy, timeout: Duration, curl: LibCurl) -> Result<Duration, TransportError> {
        guard let handle = curl.easyInit() else { return .failure(.unavailable("libcurl could not create a handle", hint: LibCurl.installHint)) }
        defer { curl.easyCleanup(handle) }
        let options = CurlOptions(curl: curl, handle: handle)
        do throws(TransportError) {
            try options.connection(url: url, policy: policy, timeout: timeout)
            try options.set(LibCurl.Option.connectOnly, "CURLOPT_CONNECT_ONLY", 1)
        } catch {
            return .failure(error)
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
        case Code.hostNotFound: return .notSent("host not found")
        case Code.proxyNotFound: return .notSent("proxy not found")
        case Code.couldNotConnect: return .notSent("connection refused")
        case Code.gotNothing, Code.sendError, Code.receiveError: return .network("connection lost")
        case Code.partialFile: return .network("the transfer failed before the response was complete")
        case Code.weirdServerReply: return .network("the server's answer is not HTTP")
        case Code.writeError: return .network(TransportError.tooLarge(limit))
        case Code.unsupportedProtocol, Code.malformedURL: return .notSent("invalid URL")
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
