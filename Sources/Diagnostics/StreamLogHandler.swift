import Synchronization
import JSONCore

/// Writes log records to standard error, one line each, as text or JSON.
///
/// Always standard error, by file descriptor: standard output belongs to the protocol.
/// Lines are written whole under a lock, so concurrent records never interleave.
public final class StreamLogHandler: LogHandler {
    /// The shape of each line.
    public enum Format: String, Sendable, CaseIterable {
        /// `2026-11-30T14:31:09.123Z info message key=value …` (see `LogValue.text`)
        case text
        /// `{"time":"…","level":"info","message":"…","key":"value","count":2,"id":"py-1"}`
        case json
    }

    private let format: Format
    private let output = FileDescriptorOutput.standardError
    private let lock = Mutex(())

    /// A handler writing `format` lines to standard error.
    public init(format: Format) {
        self.format = format
    }

    /// Formats and writes one record.
    public func log(level: LogLevel, message: String, metadata: [(String, LogValue)]) {
        var line = render(level: level, message: message, metadata: metadata)
        line.append(UInt8(ascii: "\n"))
        lock.withLock { _ in _ = output.writeAll(line) }
    }

    private func render(level: LogLevel, message: String, metadata: [(String, LogValue)]) -> [UInt8] {
        let time = UTCTimestamp.now(fractionDigits: 3)
        switch format {
        case .json:
            var object = JSONObject()
            object["time"] = .string(time)
            object["level"] = .string(level.name)
            object["message"] = .string(message)
            for (key, value) in metadata { object[key] = value.jsonValue }
            var writer = JSONWriter()
            writer.write(.object(object))
            return writer.bytes
        case .text:
            var text = "\(time) \(level.name) \(message)"
            for (key, value) in metadata { text += " \(key)=\(value.text)" }
            return Array(text.utf8)
        }
    }
}
