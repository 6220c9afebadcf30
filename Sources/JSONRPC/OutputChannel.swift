#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Execution
import JSONCore
import Platform
import Synchronization

/// Writes protocol messages, one compact JSON line each, to the protocol's output.
///
/// Each message is rendered first and written with one call under a lock, so concurrent
/// responses never interleave. After the first failed write (the reader went away) every
/// later message is dropped and `isClosed` becomes true.
///
/// A message sent inside a `DeferredWrites` scope is held until the scope ends and then written
/// with whatever else was sent meanwhile, in the order sent: a message sent from any thread while
/// messages are held goes behind them. `flush()` writes what is held at once.
package final class OutputChannel: Sendable {
    private struct State {
        var closed = false
        /// Messages sent and not yet written, in order.
        var held: [UInt8] = []
    }

    private let output: FileDescriptorOutput
    private let state = Mutex(State())

    /// A channel writing to `output`.
    package init(output: FileDescriptorOutput) {
        self.output = output
    }

    /// Whether a write has failed, so that nothing more can be delivered.
    package var isClosed: Bool { state.withLock { $0.closed } }

    /// Writes `message` and a newline (or holds them, see above); returns `false` when the output
    /// is closed (a held message that cannot be written closes it when the scope ends).
    @discardableResult
    package func send(_ message: JSONValue) -> Bool {
        var writer = JSONWriter(capacity: 1024)
        writer.write(message)
        writer.appendRaw(UInt8(ascii: "\n"))
        let bytes = writer.bytes
        return state.withLock { state in
            guard !state.closed else { return false }
            if !state.held.isEmpty {
                state.held += bytes
            } else if DeferredWrites.onScopeEnd({ [self] in flush() }) {
                state.held = bytes
            } else if !output.writeAll(bytes) {
                state.closed = true
            }
            return !state.closed
        }
    }

    /// Writes the messages held, if any.
    package func flush() {
        state.withLock { state in
            guard !state.held.isEmpty else { return }
            if !state.closed, !output.writeAll(state.held) { state.closed = true }
            state.held.removeAll()
        }
    }

    /// Blocks until the peer stops reading the output (the descriptor reports an error or a
    /// hang-up, as a pipe does once its reader has closed it) or `wakeFileDescriptor` becomes
    /// readable; returns whether the peer went away. An output that never hangs up (a file, a
    /// terminal) blocks until woken.
    @available(*, noasync, message: "waitForHangup blocks its thread")
    package func waitForHangup(orReadable wakeFileDescriptor: Int32) -> Bool {
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
                state.withLock { $0.closed = true }
                return true
            }
        }
    }
}
