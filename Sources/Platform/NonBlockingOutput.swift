#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Execution
import Synchronization

/// Lines written to a descriptor (standard error) without ever waiting for its reader.
///
/// A line goes out at once when the descriptor can take it without blocking. When it cannot (a
/// host that pipes standard error and does not read it), lines wait in memory, up to `capacity`
/// bytes, for a thread of their own that writes them as the reader takes them; past that they are
/// dropped and counted, and once the reader has caught up a line made by `droppedNote` says how
/// many were lost. Lines never interleave, and keep their order.
package final class NonBlockingOutput: Sendable {
    private struct State {
        var pending: [[UInt8]] = []
        var pendingBytes = 0
        var dropped = 0
        /// Whether the writing thread runs: lines then go behind the pending ones.
        var draining = false
    }

    private let descriptor: Int32
    private let capacity: Int
    private let droppedNote: @Sendable (Int) -> [UInt8]
    private let state = Mutex(State())

    /// Output to `descriptor` (not closed by this type), holding at most `capacity` bytes while
    /// its reader is behind; `droppedNote` makes the line that reports a number of dropped lines.
    package init(descriptor: Int32, capacity: Int = 64 * 1024, droppedNote: @escaping @Sendable (Int) -> [UInt8]) {
        self.descriptor = descriptor
        self.capacity = capacity
        self.droppedNote = droppedNote
    }

    /// Writes `line` now if the descriptor takes it without blocking, else holds or drops it.
    package func write(_ line: [UInt8]) {
        let startDraining = state.withLock { state -> Bool in
            if !state.draining, line.count <= Int(PIPE_BUF), Self.isWritable(descriptor) {
                // Room for a write of at most PIPE_BUF bytes: it does not block.
                if FileDescriptorOutput(rawValue: descriptor).writeAll(line) { return false }
            }
            if state.pendingBytes + line.count <= capacity {
                state.pending.append(line)
                state.pendingBytes += line.count
            } else {
                state.dropped += 1
            }
            guard !state.draining else { return false }
            state.draining = true
            return true
        }
        if startDraining {
            DetachedThread.start(name: "webnic-stderr") { [self] in drain() }
        }
    }

    /// How many lines have been dropped and not yet reported.
    package var droppedCount: Int { state.withLock { $0.dropped } }

    /// Waits up to `timeout` for the held lines to be written (at exit); whether they all were.
    @discardableResult
    package func flush(timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while state.withLock({ $0.draining }) {
            guard ContinuousClock.now < deadline else { return false }
            usleep(1000)
        }
        return true
    }

    /// Writes the held lines as the reader takes them, then the note of what was dropped.
    private func drain() {
        let output = FileDescriptorOutput(rawValue: descriptor)
        while true {
            // Lines taken out to be written still count against the capacity until they are.
            let next = state.withLock { state -> (bytes: [UInt8], held: Bool)? in
                if !state.pending.isEmpty {
                    defer { state.pending.removeAll(keepingCapacity: true) }
                    return (Array(state.pending.joined()), true)
                }
                if state.dropped > 0 {
                    defer { state.dropped = 0 }
                    return (droppedNote(state.dropped), false)
                }
                state.draining = false
                return nil
            }
            guard let next else { return }
            Self.waitUntilWritable(descriptor)
            let written = output.writeAll(next.bytes)
            if next.held { state.withLock { $0.pendingBytes -= next.bytes.count } }
            guard written else {
                // The reader is gone: nothing held can be written.
                state.withLock { state in
                    state.pending.removeAll()
                    state.pendingBytes = 0
                    state.dropped = 0
                    state.draining = false
                }
                return
            }
        }
    }

    private static func isWritable(_ descriptor: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        return poll(&entry, 1, 0) == 1 && entry.revents & Int16(POLLOUT) != 0
    }

    private static func waitUntilWritable(_ descriptor: Int32) {
        var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        while poll(&entry, 1, -1) < 0 && errno == EINTR {}
    }
}
