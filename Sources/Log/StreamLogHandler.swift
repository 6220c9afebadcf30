import JSONCore
import Platform

/// Writes log records to standard error, one line each, as text or JSON.
///
/// Always standard error, by file descriptor: standard output belongs to the protocol. Lines are
/// written whole and never interleave; a host that does not read standard error never holds up
/// the thread logging (see `NonBlockingOutput`): lines it leaves unread are dropped, and counted
/// in a warning once it reads again.
package final class StreamLogHandler: LogHandler {
    /// The shape of each line.
    package enum Format: String, Sendable, CaseIterable {
        /// `2026-11-30T14:31:09.123Z info message key=value …` (see `LogValue.text`)
        case text
        /// `{"time":"…","level":"info","message":"…","key":"value","count":2,"id":"py-1"}`
        case json
    }

    private let format: Format
    private let output: NonBlockingOutput

    /// A handler writing `format` lines to standard error.
    package init(format: Format) {
        self.format = format
        output = NonBlockingOutput(descriptor: 2) { dropped in
            Self.line(format, level: .warning, message: "log lines were dropped: standard error was not being read (a host should read it or redirect it)", metadata: [("dropped", .integer(Int64(dropped)))])
        }
    }

    /// Formats and writes one record.
    package func log(level: LogLevel, message: String, metadata: [(String, LogValue)]) {
        output.write(Self.line(format, level: level, message: message, metadata: metadata))
    }

    /// Waits up to `timeout` for lines held while standard error was not read (at exit).
    package func flush(timeout: Duration) {
        output.flush(timeout: timeout)
    }

    /// One record as a line, newline included.
    private static func line(_ format: Format, level: LogLevel, message: String, metadata: [(String, LogValue)]) -> [UInt8] {
        var line = render(format, level: level, message: message, metadata: metadata)
        line.append(UInt8(ascii: "\n"))
        return line
    }

    private static func render(_ format: Format, level: LogLevel, message: String, metadata: [(String, LogValue)]) -> [UInt8] {
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
