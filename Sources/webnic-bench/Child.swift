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

/// A spawned program driven line by line from the benchmark's own thread (blocking I/O).
final class Child {
    let process = Process()
    private let input: FileHandle
    private let inputFD: Int32
    private let outputFD: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { mine, _ in mine }
        let stdinPipe = Pipe(), stdoutPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        input = stdinPipe.fileHandleForWriting
        inputFD = input.fileDescriptor
        outputFD = stdoutPipe.fileHandleForReading.fileDescriptor
    }

    /// Writes `text` (one or more lines, each ending in a newline), straight to the pipe: the
    /// benchmark's own cost per call is counted in every figure, so it is kept to a system call.
    func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(inputFD, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if written < 0 { if errno == EINTR { continue }; return }
                offset += written
            }
        }
    }

    /// Whether a whole line has been read already, so that `readLine` returns without waiting.
    var hasBufferedLine: Bool {
        buffer[start...].contains(0x0A)
    }

    /// The next line of output, without its newline, or `nil` at end of output.
    func readLine() -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                if start > 1 << 16 {
                    buffer.removeSubrange(0..<start)
                    start = 0
                }
                return line
            }
            let count = chunk.withUnsafeMutableBytes { read(outputFD, $0.baseAddress, $0.count) }
            guard count > 0 else { return nil }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    /// Closes stdin and waits for exit.
    func finish() {
        try? input.close()
        while readLine() != nil {}
        Self.waitForExit(process)
    }

    /// Waits until `process` has exited, noticing within a tenth of a millisecond.
    /// (`Process.waitUntilExit` on Linux polls its run loop every 50 ms, which would count as our time.)
    static func waitForExit(_ process: Process) {
        while process.isRunning { usleep(100) }
    }

    /// Peak resident memory (VmHWM) in MiB, read while the process runs.
    var peakMemoryMiB: Double {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kib / 1024
    }
}
