#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Execution
import JSONCore

/// An append-only file of JSON lines recording every write sent to WebNIC: what was about to be
/// sent (intent) and how it ended (outcome).
///
/// The file is opened for appending, never truncated, and created readable and writable by its
/// owner only (0600). Each record is one compact JSON line written with a single `write(2)` and
/// `fsync(2)`ed before the call returns, so an intent is on disk before the request leaves. A file
/// that cannot be synced (a pipe, a device) is written without it. Records hold contact data and
/// never a credential. Thread-safe: records are written one at a time, never interleaved.
///
/// The write and the sync run on the log's own queue: a slow disk delays the write being
/// recorded, never the calls served beside it (see `ThreadRole`).
package final class AuditLog: Sendable {
    /// The file's path, as given.
    package let path: String
    private let descriptor: Int32
    private let queue = BlockingQueue(label: "webnic-audit-log")

    /// Opens (or creates, as 0600) the file at `path` for appending.
    package init(path: String) throws(AuditLogError) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw AuditLogError(path: path, reason: String(cString: strerror(errno))) }
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Takes back the `written` bytes of a line cut short, appended at `end`: the file is cut back
    /// to `end` when nothing else was appended since; otherwise the part is ended with a newline,
    /// the one way left to keep the lines after it whole.
    private func cutOff(at end: off_t, written: Int) {
        var status = stat()
        if end >= 0, fstat(descriptor, &status) == 0, status.st_size == end + off_t(written), ftruncate(descriptor, end) == 0 { return }
        var newline = UInt8(ascii: "\n")
        _ = write(descriptor, &newline, 1)
    }

    /// A write whose intent the log holds with no outcome after it: the process stopped while it
    /// was being sent, so it may or may not have been applied.
    package struct UnfinishedWrite: Sendable, Equatable {
        /// The record's `auditId`.
        package let auditId: String
        /// When the intent was recorded.
        package let time: String
        /// The organization written to.
        package let organizationId: Int64
    }

    /// The writes of the file (its last 4 MiB) with an intent and no outcome, in order. Blocking:
    /// for start-up, on the main thread.
    package func unfinishedWrites() -> [UnfinishedWrite] {
        ThreadRole.assertMayBlock("reading the audit log")
        let reader = open(path, O_RDONLY | O_CLOEXEC)
        guard reader >= 0 else { return [] }
        defer { close(reader) }
        let size = lseek(reader, 0, SEEK_END)
        let start = max(0, size - 4 << 20)
        guard size > 0, lseek(reader, start, SEEK_SET) == start else { return [] }
        var bytes = [UInt8](repeating: 0, count: Int(size - start))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(reader, $0.baseAddress.map { $0 + filled }, $0.count - filled) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            filled += count
        }
        var unfinished: [UnfinishedWrite] = []
        for line in bytes[..<filled].split(separator: UInt8(ascii: "\n")) {
            guard let record = try? JSONParser.parse(Array(line)), let id = record["auditId"]?.stringValue else { continue }
            switch record["phase"]?.stringValue {
            case "intent":
                let organization = record["organizationId"]?.numberValue?.int64Value ?? 0
                unfinished.append(UnfinishedWrite(auditId: id, time: record["time"]?.stringValue ?? "?", organizationId: organization))
            case "outcome":
                unfinished.removeAll { $0.auditId == id }
            default:
                continue
            }
        }
        return unfinished
    }

    /// Whether the file can be read or written by anyone but its owner (its mode has group or other bits).
    package var isSharedWithOthers: Bool {
        var status = stat()
        return fstat(descriptor, &status) == 0 && status.st_mode & 0o077 != 0
    }

    /// Appends `record` as one line, synced to disk; the caller is suspended meanwhile, its thread free.
    package func append(_ record: JSONValue) async throws(AuditLogError) {
        var writer = JSONWriter()
        writer.write(record)
        writer.appendRaw(UInt8(ascii: "\n"))
        let line = writer.bytes
        let failure = await queue.run { [self] in writeAndSync(line) }
        if let failure { throw AuditLogError(path: path, reason: failure) }
    }

    /// Writes and syncs `line` (on the queue, one line at a time); why it failed, or nil. A line
    /// written in part (a full disk, a file-size limit) is cut off again, so that every line of the
    /// file stays a whole JSON object.
    private func writeAndSync(_ line: [UInt8]) -> String? {
        ThreadRole.assertMayBlock("the audit log's write and fsync")
        let end = lseek(descriptor, 0, SEEK_END)
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count else {
            let reason = written < 0 ? String(cString: strerror(errno)) : "only \(written) of \(line.count) bytes were written"
            if written > 0 { cutOff(at: end, written: written) }
            return reason
        }
        guard fsync(descriptor) == 0 || errno == EINVAL || errno == ENOTSUP else { return String(cString: strerror(errno)) }
        return nil
    }
}
