#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import JSONCore

/// Writes log records to standard error, one line each, as text or JSON.
///
/// Always standard error, by file descriptor: standard output belongs to the protocol.
/// Lines are written whole under a lock, so concurrent records never interleave.
public final class StreamLogHandler: LogHandler {
    /// The shape of each line.
    public enum Format: String, Sendable, CaseIterable {
        /// `2026-11-30T14:31:09.123Z info message key=value …`
        case text
        /// `{"time":"…","level":"info","message":"…","key":"value"}`
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
    public func log(level: LogLevel, message: String, metadata: [(String, String)]) {
        var line = render(level: level, message: message, metadata: metadata)
        line.append(UInt8(ascii: "\n"))
        lock.withLock { _ in _ = output.writeAll(line) }
    }

    private func render(level: LogLevel, message: String, metadata: [(String, String)]) -> [UInt8] {
        let time = Self.timestamp()
        switch format {
        case .json:
            var object = JSONObject()
            object["time"] = .string(time)
            object["level"] = .string(level.name)
            object["message"] = .string(message)
            for (key, value) in metadata { object[key] = .string(value) }
            var writer = JSONWriter()
            writer.write(.object(object))
            return writer.bytes
        case .text:
            var text = "\(time) \(level.name) \(message)"
            for (key, value) in metadata {
                let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "\"" || $0 == "=" }
                text += needsQuotes ? " \(key)=\(JSONValue.string(value).jsonText)" : " \(key)=\(value)"
            }
            return Array(text.utf8)
        }
    }

    /// The current UTC time as ISO 8601 with milliseconds.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))."
            + "\(pad(Int32(now.tv_nsec / 1_000_000), 3))Z"
    }
}
