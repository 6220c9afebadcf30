import Synchronization

/// One request of `CurlTransport`: waits for a worker, runs on its libcurl handle, and answers
/// the caller exactly once (with the response, a failure, or `.cancelled` the moment it is cancelled).
final class CurlTransfer: Sendable {
    typealias Outcome = Result<HTTPResponse, TransportError>

    private enum State {
        case waiting(CheckedContinuation<Outcome, Never>?)
        case answered
    }

    let request: HTTPRequest
    let deadline: ContinuousClock.Instant
    let ipv4Only: Bool
    private let state = Mutex(State.waiting(nil))
    private let cancelled = Atomic(false)

    init(request: HTTPRequest, deadline: ContinuousClock.Instant, ipv4Only: Bool) {
        self.request = request
        self.deadline = deadline
        self.ipv4Only = ipv4Only
    }

    /// Whether the caller has given up; libcurl's progress callback then aborts the transfer.
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

    /// The caller gave up: answer `.cancelled` now; the transfer stops at libcurl's next callback.
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

    /// Runs the transfer on `handle` (reset first, keeping its connections) and answers the caller.
    func run(on handle: LibCurl.Handle, curl: LibCurl) {
        guard !isCancelled else { return }
        let remaining = deadline - ContinuousClock.now
        guard remaining > .zero else { return finish(.failure(.timedOut)) }
        curl.easyReset(handle)
        let sink = ResponseSink(transfer: self)
        var headers: LibCurl.StringList?
        for header in request.headers {
            headers = "\(header.name): \(header.value)".withCString { curl.listAppend(headers, $0) }
        }
        headers = "Expect:".withCString { curl.listAppend(headers, $0) }  // no 100-continue round trip
        defer { curl.listFreeAll(headers) }
        typealias Option = LibCurl.Option
        _ = request.url.withCString { curl.setPointer(handle, Option.url, $0) }
        _ = curl.setLong(handle, Option.noSignal, 1)
        _ = curl.setLong(handle, Option.protocols, LibCurl.ProtocolBits.httpAndHTTPS)
        _ = curl.setLong(handle, Option.tcpKeepAlive, 1)
        _ = curl.setLong(handle, Option.timeoutMilliseconds, max(1, Int(remaining.wholeMilliseconds)))
        if ipv4Only { _ = curl.setLong(handle, Option.ipResolve, LibCurl.IPResolve.v4) }
        _ = curl.setPointer(handle, Option.httpHeader, headers.map { UnsafeRawPointer($0) })
        let context = UnsafeRawPointer(Unmanaged.passUnretained(sink).toOpaque())
        _ = curl.setPointer(handle, Option.writeFunction, unsafeBitCast(ResponseSink.body, to: UnsafeRawPointer.self))
        _ = curl.setPointer(handle, Option.writeData, context)
        _ = curl.setPointer(handle, Option.headerFunction, unsafeBitCast(ResponseSink.header, to: UnsafeRawPointer.self))
        _ = curl.setPointer(handle, Option.headerData, context)
        _ = curl.setLong(handle, Option.noProgress, 0)
        _ = curl.setPointer(handle, Option.transferInfoFunction, unsafeBitCast(ResponseSink.progress, to: UnsafeRawPointer.self))
        _ = curl.setPointer(handle, Option.transferInfoData, context)
        let body = request.body ?? []
        let code: Int32 = body.withUnsafeBytes { bytes in
            if request.method == "GET" {
                _ = curl.setLong(handle, Option.httpGet, 1)
            } else {
                _ = request.method.withCString { curl.setPointer(handle, Option.customRequest, $0) }
                if request.body != nil {
                    _ = curl.setLong(handle, Option.postFieldSize, bytes.count)
                    _ = curl.setPointer(handle, Option.postFields, bytes.baseAddress ?? UnsafeRawPointer(("" as StaticString).utf8Start))
                }
            }
            return curl.easyPerform(handle)
        }
        guard code == LibCurl.Code.ok else { return finish(.failure(Self.error(code, cancelled: isCancelled))) }
        var status = 0
        _ = curl.getLong(handle, LibCurl.responseCodeInfo, &status)
        finish(.success(HTTPResponse(status: status, headers: sink.headers, body: sink.body)))
    }

    /// What a libcurl failure means to the caller, in words that name no secret.
    static func error(_ code: Int32, cancelled: Bool) -> TransportError {
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
        case Code.writeError: return .network("the response is larger than \(CurlTransport.maxBodyBytes >> 20) MiB")
        case Code.unsupportedProtocol, Code.malformedURL: return .network("invalid URL")
        case Code.tlsConnectError: return .network("TLS failure: the secure connection could not be set up")
        case _ where Code.tlsCertificateProblems.contains(code): return .network("TLS failure: the server's certificate was not accepted")
        default: return .network("transfer failed (libcurl error \(code))")
        }
    }
}

/// What libcurl's callbacks collect for one transfer, on its worker thread.
private final class ResponseSink {
    let transfer: CurlTransfer
    var headers: [String: String] = [:]
    var body: [UInt8] = []

    init(transfer: CurlTransfer) {
        self.transfer = transfer
    }

    private static func sink(_ context: UnsafeMutableRawPointer?) -> ResponseSink? {
        context.map { Unmanaged<ResponseSink>.fromOpaque($0).takeUnretainedValue() }
    }

    /// `CURLOPT_WRITEFUNCTION`: appends body bytes; refuses (aborting the transfer) past the size limit.
    static let body: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = { data, size, count, context in
        let length = size * count
        guard let sink = sink(context), let data, sink.body.count + length <= CurlTransport.maxBodyBytes else { return 0 }
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
        }
        return length
    }

    /// `CURLOPT_XFERINFOFUNCTION`: aborts the transfer once its caller has given up.
    static let progress: @convention(c) (UnsafeMutableRawPointer?, Int64, Int64, Int64, Int64) -> Int32 = { context, _, _, _, _ in
        (sink(context)?.transfer.isCancelled ?? true) ? 1 : 0
    }
}
