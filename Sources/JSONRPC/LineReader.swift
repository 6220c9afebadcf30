#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Platform

/// Splits a byte stream from a file descriptor into lines, with a cap on line length.
///
/// A line ends at `\n`; a `\r` before it is dropped. A line longer than the cap is not
/// buffered: its bytes are discarded up to the next newline and it is reported as too long.
/// Blocking: call from a dedicated thread, never from the concurrency pool. When the optional
/// wake descriptor becomes readable, reading goes on only through the bytes already waiting in the
/// input at that moment, without waiting for more, and then ends as if the input had.
package struct LineReader {
    /// One unit of input.
    package enum Item: Equatable, Sendable {
        /// A complete line, without its terminator.
        case line([UInt8])
        /// A line over the cap; its length in bytes (at least the cap plus one).
        case tooLong(Int)
    }

    private let fileDescriptor: Int32
    private let wakeFileDescriptor: Int32?
    private let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    /// Once woken: how many of the bytes that were waiting at that moment are still to be read.
    private var remainingAfterWake: Int?
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)

    /// A reader of `fileDescriptor` whose lines may hold at most `maxLineBytes` bytes; once
    /// `wakeFileDescriptor` is readable, only what is already waiting is read.
    package init(fileDescriptor: Int32, maxLineBytes: Int, wakeFileDescriptor: Int32? = nil) {
        self.fileDescriptor = fileDescriptor
        self.maxLineBytes = maxLineBytes
        self.wakeFileDescriptor = wakeFileDescriptor
    }

    /// The next line, or `nil` at end of input (a last line without newline is still returned).
    ///
    /// Each byte is scanned once: the search for a newline resumes where it stopped, and the
    /// bytes of an over-long line are dropped as they arrive. When no byte is waiting, the input
    /// is checked again for up to `spinFor`, the processor yielded in between, before the thread
    /// sleeps: a host calling in a loop usually writes its next line sooner than a sleeping thread
    /// can be woken (see `WakePolicy`).
    @available(*, noasync, message: "next blocks on read(2); call it from a thread of its own")
    package mutating func next(spinFor: Duration = .zero) -> Item? {
        var skipped = 0
        var searchFrom = start
        while true {
            if let newline = Self.firstNewline(in: buffer, from: searchFrom) {
                defer { start = newline + 1 }
                if skipped > 0 { return .tooLong(skipped + newline - start) }
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                if end - start > maxLineBytes { return .tooLong(end - start) }
                return .line(Array(buffer[start..<end]))
            }
            let pending = buffer.count - start
            if pending > maxLineBytes + 1 {
                skipped += pending
                buffer.removeAll(keepingCapacity: true)
                start = 0
            } else if start > 0 {
                buffer.removeSubrange(0..<start)
                start = 0
            }
            searchFrom = buffer.count
            if atEnd {
                guard skipped + buffer.count > 0 else { return nil }
                defer { buffer.removeAll(); start = 0 }
                if skipped > 0 { return .tooLong(skipped + buffer.count) }
                if buffer.count > maxLineBytes { return .tooLong(buffer.count) }
                return .line(buffer)
            }
            fill(spinFor: spinFor)
        }
    }

    /// The index of the first `\n` at or after `from`, found with `memchr` (fast in any build).
    private static func firstNewline(in bytes: [UInt8], from: Int) -> Int? {
        guard from < bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, let found = memchr(base + from, 0x0A, buffer.count - from) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    private mutating func fill(spinFor: Duration) {
        if remainingAfterWake == nil, wakeFileDescriptor != nil || spinFor > .zero {
            var descriptors = [pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)]
            if let wakeFileDescriptor { descriptors.append(pollfd(fd: wakeFileDescriptor, events: Int16(POLLIN), revents: 0)) }
            let count = nfds_t(descriptors.count)
            var ready = Int32(0)
            if spinFor > .zero {
                let limit = ContinuousClock.now + spinFor
                while true {
                    ready = poll(&descriptors, count, 0)
                    if ready > 0 || ContinuousClock.now >= limit { break }
                    sched_yield()
                }
            }
            if ready <= 0 {
                while poll(&descriptors, count, -1) < 0 && errno == EINTR {}
            }
            if descriptors.count > 1, descriptors[1].revents != 0 {
                var waiting: Int32 = 0
                remainingAfterWake = ioctl(fileDescriptor, POSIX.bytesWaiting, &waiting) == 0 ? Int(max(0, waiting)) : 0
            }
        }
        var limit = chunk.count
        if let remaining = remainingAfterWake {
            guard remaining > 0 else {
                atEnd = true
                return
            }
            limit = min(limit, remaining)
        }
        let count = chunk.withUnsafeMutableBytes { raw -> Int in
            while true {
                let result = read(fileDescriptor, raw.baseAddress, limit)
                if result < 0 && errno == EINTR { continue }
                return result
            }
        }
        if count <= 0 {
            atEnd = true
        } else {
            remainingAfterWake = remainingAfterWake.map { $0 - count }
            chunk.withUnsafeBufferPointer { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<count])) }
        }
    }
}
