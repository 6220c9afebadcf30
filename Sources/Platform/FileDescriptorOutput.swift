#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file descriptor that bytes are written to whole, retrying short writes and `EINTR`.
package struct FileDescriptorOutput: Sendable {
    /// The descriptor written to.
    package let rawValue: Int32

    /// Output to an already open descriptor; it is not closed by this type.
    package init(rawValue: Int32) { self.rawValue = rawValue }

    /// Standard error.
    package static let standardError = FileDescriptorOutput(rawValue: 2)

    /// Writes every byte; returns `false` when the descriptor refuses (a closed pipe, for example).
    @discardableResult
    package func writeAll(_ bytes: [UInt8]) -> Bool {
        transferAll(bytes) { write(rawValue, $0, $1) }
    }

    /// Sends every byte on a socket without raising SIGPIPE; returns `false` when the peer is gone.
    @discardableResult
    package func sendAll(_ bytes: [UInt8]) -> Bool {
        transferAll(bytes) { send(rawValue, $0, $1, POSIX.noSignal) }
    }

    /// Hands `bytes` to `transfer` until all are taken, retrying short transfers and `EINTR`.
    private func transferAll(_ bytes: [UInt8], _ transfer: (UnsafeRawPointer, Int) -> Int) -> Bool {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return true }
            var offset = 0
            while offset < buffer.count {
                let done = transfer(base + offset, buffer.count - offset)
                if done > 0 {
                    offset += done
                } else if done < 0 && errno == EINTR {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
    }
}
