#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file descriptor that bytes are written to whole, retrying short writes and `EINTR`.
public struct FileDescriptorOutput: Sendable {
    /// The descriptor written to.
    public let rawValue: Int32

    /// Output to an already open descriptor; it is not closed by this type.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Standard error.
    public static let standardError = FileDescriptorOutput(rawValue: 2)

    /// Writes every byte; returns `false` when the descriptor refuses (a closed pipe, for example).
    @discardableResult
    public func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return true }
            var offset = 0
            while offset < buffer.count {
                let written = write(rawValue, base + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
    }

    /// Sends every byte on a socket without raising SIGPIPE; returns `false` when the peer is gone.
    @discardableResult
    public func sendAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return true }
            var offset = 0
            while offset < buffer.count {
                let sent = send(rawValue, base + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if sent > 0 {
                    offset += sent
                } else if sent < 0 && errno == EINTR {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
    }
}
