#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Execution
import Platform

/// Looks up a host's addresses and opens a TCP connection to one, the way a client would, to
/// tell a DNS failure from a refused connection. Blocking: call from a thread of its own.
enum HostProbe {
    /// Why a probe failed, in the system's words.
    struct Failure: Error, Sendable {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// One address of a host.
    struct Address: Sendable {
        /// `AF_INET` or `AF_INET6`.
        let family: Int32
        /// The address as text, for example `203.0.113.5` or `2001:db8::5`.
        let text: String
        /// The socket address, as `connect(2)` takes it.
        let socketAddress: [UInt8]

        /// Whether this is an IPv4 address.
        var isIPv4: Bool { family == AF_INET }
    }

    /// The addresses of `host` for TCP on `port`, in the order the system prefers them, or the
    /// resolver's reason when there are none.
    @available(*, noasync, message: "resolve blocks its thread")
    static func resolve(_ host: String, port: Int) -> Result<[Address], Failure> {
        ThreadRole.assertMayBlock("resolving \(host)")
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = POSIX.streamSocket
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else { return .failure(Failure(String(cString: gai_strerror(status)))) }
        defer { freeaddrinfo(first) }
        var addresses: [Address] = []
        var next: UnsafeMutablePointer<addrinfo>? = first
        while let entry = next?.pointee {
            next = entry.ai_next
            guard let socketAddress = entry.ai_addr, entry.ai_family == AF_INET || entry.ai_family == AF_INET6 else { continue }
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            guard getnameinfo(socketAddress, entry.ai_addrlen, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0 else { continue }
            let name = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard !addresses.contains(where: { $0.text == name }) else { continue }
            let bytes = Array(UnsafeRawBufferPointer(start: socketAddress, count: Int(entry.ai_addrlen)))
            addresses.append(Address(family: entry.ai_family, text: name, socketAddress: bytes))
        }
        return addresses.isEmpty ? .failure(Failure("no address")) : .success(addresses)
    }

    /// Opens and closes a TCP connection to `address` within `timeout`, or says why it failed.
    @available(*, noasync, message: "connect blocks its thread")
    static func openConnection(to address: Address, timeout: Duration) -> Result<Void, Failure> {
        ThreadRole.assertMayBlock("connecting to \(address.text)")
        let descriptor = socket(address.family, POSIX.streamSocket, 0)
        guard descriptor >= 0 else { return .failure(Failure(String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        let started = address.socketAddress.withUnsafeBytes { raw in
            connect(descriptor, raw.baseAddress?.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
        }
        if started == 0 { return .success(()) }
        guard errno == EINPROGRESS else { return .failure(Failure(String(cString: strerror(errno)))) }
        var descriptors = [pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)]
        let milliseconds = Int32(clamping: timeout.wholeMilliseconds)
        var ready: Int32
        repeat { ready = poll(&descriptors, 1, milliseconds) } while ready < 0 && errno == EINTR
        guard ready > 0 else { return .failure(Failure("no answer within \(milliseconds) ms")) }
        var failure: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &failure, &length)
        return failure == 0 ? .success(()) : .failure(Failure(String(cString: strerror(failure))))
    }
}
