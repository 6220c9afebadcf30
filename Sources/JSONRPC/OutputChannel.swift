#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Diagnostics
import JSONCore
import Synchronization

/// Writes protocol messages, one compact JSON line each, to the protocol's output.
///
/// Each message is rendered first and written with one call under a lock, so concurrent
/// responses never interleave. After the first failed write (the reader went away) every
/// later message is dropped and `isClosed` becomes true.
public final class OutputChannel: Sendable {
    private let output: FileDescriptorOutput
    private let state = Mutex(false)

    /// A channel writing to `output`.
    public init(output: FileDescriptorOutput) {
        self.output = output
    }

    /// Whether a write has failed, so that nothing more can be delivered.
    public var isClosed: Bool { state.withLock { $0 } }

    /// Writes `message` and a newline; returns `false` when the output is closed.
    @discardableResult
    public func send(_ message: JSONValue) -> Bool {
        var writer = JSONWriter()
        writer.write(message)
        writer.appendRaw(UInt8(ascii: "\n"))
        let bytes = writer.bytes
        return state.withLock { closed in
            guard !closed else { return false }
            if !output.writeAll(bytes) { closed = true }
            return !closed
        }
    }

    /// Blocks until the peer stops reading the output (the descriptor reports an error or a
    /// hang-up, as a pipe does once its reader has closed it) or `wakeFileDescriptor` becomes
    /// readable; returns whether the peer went away. An output that never hangs up (a file, a
    /// terminal) blocks until woken.
    @available(*, noasync, message: "waitForHangup blocks its thread")
    public func waitForHangup(orReadable wakeFileDescriptor: Int32) -> Bool {
        var descriptors = [
            pollfd(fd: output.rawValue, events: 0, revents: 0),
            pollfd(fd: wakeFileDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            if poll(&descriptors, 2, -1) < 0 {
                if errno == EINTR { continue }
                return false
            }
            if descriptors[1].revents != 0 { return false }
            if descriptors[0].revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 {
                state.withLock { $0 = true }
                return true
            }
        }
    }
}
