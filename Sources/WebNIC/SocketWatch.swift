#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The sockets one libcurl handle has open, so that a cancelled transfer can be cut off at once
/// instead of at libcurl's next progress callback (up to a second later).
///
/// libcurl tells of each socket it opens (`CURLOPT_SOCKOPTFUNCTION`) and closes
/// (`CURLOPT_CLOSESOCKETFUNCTION`, which closes it here). `interrupt` shuts them down under the
/// same lock a close takes, so it never touches a descriptor number that was closed and reused.
final class SocketWatch: Sendable {
    private let sockets = Mutex<Set<Int32>>([])

    /// Shuts down every socket of the handle: a transfer waiting on one ends with an error at once.
    func interrupt() {
        sockets.withLock { open in
            for socket in open { shutdown(socket, Int32(SHUT_RDWR)) }
        }
    }

    private static func watch(_ context: UnsafeMutableRawPointer?) -> SocketWatch? {
        context.map { Unmanaged<SocketWatch>.fromOpaque($0).takeUnretainedValue() }
    }

    /// `CURLOPT_SOCKOPTFUNCTION`: a socket was created; `CURL_SOCKOPT_OK`.
    static let opened: @convention(c) (UnsafeMutableRawPointer?, Int32, Int32) -> Int32 = { context, socket, _ in
        watch(context)?.sockets.withLock { _ = $0.insert(socket) }
        return 0
    }

    /// `CURLOPT_CLOSESOCKETFUNCTION`: forgets the socket, then closes it.
    static let closing: @convention(c) (UnsafeMutableRawPointer?, Int32) -> Int32 = { context, socket in
        watch(context)?.sockets.withLock { _ = $0.remove(socket) }
        return close(socket)
    }
}
