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
}
