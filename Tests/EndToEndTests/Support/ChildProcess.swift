#if canImport(Glibc)
import Glibc
/// write(2), named apart from this file's own `write`.
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
/// write(2), named apart from this file's own `write`.
private let systemWrite = Darwin.write
#endif
import Foundation
import JSONCore
import Synchronization

/// Why a child process did not do what a test waited for.
struct ChildProcessError: Error, CustomStringConvertible {
    let description: String
}

/// A spawned executable with pipes on stdin, stdout and stderr, read on threads of their own.
///
/// Waits poll a shared buffer every few milliseconds up to a deadline, so a test never guesses
/// how long something takes: it waits exactly until it happens, or fails at the deadline.
final class ChildProcess: Sendable {
    private let process: Process
    private let input: FileHandle
    /// Written to make the stdout reader close its end (a close from another thread would not end its read).
    private let hangup: (read: Int32, write: Int32)
    private let stdoutBuffer = Mutex<(bytes: [UInt8], closed: Bool)>(([], false))
    private let stderrBuffer = Mutex<(bytes: [UInt8], closed: Bool)>(([], false))
    /// The read end of stderr while nobody reads it (`readsStderr` false), until `startReadingStderr`.
    private let unreadStderr = Mutex<Int32?>(nil)

    /// Starts `executable` with exactly `environment` (plus PATH), nothing inherited. With
    /// `readsStderr` false, stderr is a pipe nobody reads (a careless host) until `startReadingStderr()`.
    init(_ executable: String, arguments: [String], environment: [String: String] = [:], readsStderr: Bool = true) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { mine, _ in mine }
        let stdinPipe = Pipe(), stdoutPipe = Pipe(), stderrPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        input = stdinPipe.fileHandleForWriting
        var hangupPipe: [Int32] = [-1, -1]
        guard pipe(&hangupPipe) == 0 else { throw ChildProcessError(description: "pipe: \(String(cString: strerror(errno)))") }
        hangup = (hangupPipe[0], hangupPipe[1])
        try process.run()
        // Each reader owns its descriptor: it reads until end of file, or, for stdout, until asked
        // to hang up, and then closes it itself.
        let outFD = dup(stdoutPipe.fileHandleForReading.fileDescriptor)
        let errFD = dup(stderrPipe.fileHandleForReading.fileDescriptor)
        try stdoutPipe.fileHandleForReading.close()
        try stderrPipe.fileHandleForReading.close()
        let hangupFD = hangup.read
        Thread.detachNewThread { [self] in
            Self.drain(outFD, until: hangupFD) { chunk in stdoutBuffer.withLock { $0.bytes.append(contentsOf: chunk) } }
            close(outFD)
            stdoutBuffer.withLock { $0.closed = true }
        }
        if readsStderr {
            readStderr(errFD)
        } else {
            unreadStderr.withLock { $0 = errFD }
        }
    }

    private func readStderr(_ errFD: Int32) {
        Thread.detachNewThread { [self] in
            Self.drain(errFD, until: nil) { chunk in stderrBuffer.withLock { $0.bytes.append(contentsOf: chunk) } }
            close(errFD)
            stderrBuffer.withLock { $0.closed = true }
        }
    }

    /// Starts reading a stderr nobody has read so far.
    func startReadingStderr() {
        if let errFD = unreadStderr.withLock({ descriptor in defer { descriptor = nil }; return descriptor }) { readStderr(errFD) }
    }

    deinit {
        close(hangup.read)
        close(hangup.write)
    }

    /// Reads `fd` until end of file or until `stop` becomes readable.
    private static func drain(_ fd: Int32, until stop: Int32?, _ append: ([UInt8]) -> Void) {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            var descriptors = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: stop ?? -1, events: Int16(POLLIN), revents: 0)]
            if poll(&descriptors, 2, -1) < 0 {
                if errno == EINTR { continue }
                return
            }
            if descriptors[1].revents != 0 { return }
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            append(Array(chunk[0..<count]))
        }
    }

    /// Writes raw bytes to the child's stdin.
    func write(_ bytes: [UInt8]) {
        try? input.write(contentsOf: Data(bytes))
    }

    /// Writes `line` and a newline to the child's stdin.
    func send(_ line: String) {
        write(Array((line + "\n").utf8))
    }

    /// Closes the child's stdin.
    func closeInput() {
        try? input.close()
    }

    /// Everything the child wrote to stdout so far, as lines (complete lines only).
    var stdoutLines: [String] {
        let bytes = stdoutBuffer.withLock { $0.bytes }
        let text = String(decoding: bytes, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// Everything the child wrote to stdout so far, as text.
    var stdoutText: String { String(decoding: stdoutBytes, as: UTF8.self) }

    /// Everything the child wrote to stdout so far, raw.
    var stdoutBytes: [UInt8] { stdoutBuffer.withLock { $0.bytes } }

    /// Everything the child wrote to stderr so far.
    var stderrText: String { String(decoding: stderrBuffer.withLock { $0.bytes }, as: UTF8.self) }

    /// Waits until stdout holds at least `count` lines, and returns them all.
    @discardableResult
    func waitForLines(_ count: Int, timeout: Duration = .seconds(10)) async throws -> [String] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let lines = stdoutLines
            if lines.count >= count { return lines }
            if ContinuousClock.now > deadline || (stdoutBuffer.withLock { $0.closed }) && stdoutLines.count < count {
                throw ChildProcessError(description: "expected \(count) lines, got \(lines.count): \(lines)\nstderr: \(stderrText)")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Waits for the child to exit and returns its status; kills it at the deadline.
    func waitForExit(timeout: Duration = .seconds(10)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                throw ChildProcessError(description: "still running after \(timeout)\nstderr: \(stderrText)")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        // Let both readers collect what was written just before exit: they end at end of file.
        let drained = ContinuousClock.now + .seconds(2)
        while !(stdoutBuffer.withLock { $0.closed } && stderrBuffer.withLock { $0.closed }), ContinuousClock.now < drained {
            try await Task.sleep(for: .milliseconds(2))
        }
        return process.terminationStatus
    }

    /// Closes the read end of the child's stdout, as a host that goes away does, and waits until it
    /// is closed: the reading thread closes it, so that no read in progress keeps the pipe open.
    func closeStdout() async throws {
        var byte: UInt8 = 1
        _ = systemWrite(hangup.write, &byte, 1)
        let deadline = ContinuousClock.now + .seconds(5)
        while !(stdoutBuffer.withLock { $0.closed }) {
            guard ContinuousClock.now < deadline else { throw ChildProcessError(description: "stdout was not closed") }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    /// Sends `signal` (for example SIGINT) to the child.
    func send(signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Whether the child is still running.
    var isRunning: Bool { process.isRunning }

    /// The child's peak resident memory (VmHWM) in KiB, while it runs.
    var peakMemoryKiB: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) else { return nil }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        return line.flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") }
    }

    /// Sends SIGTERM.
    func terminate() {
        if process.isRunning { process.terminate() }
    }

    /// The process id.
    var pid: Int32 { process.processIdentifier }
}
