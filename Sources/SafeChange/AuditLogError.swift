/// Why the audit log cannot be opened or written.
package struct AuditLogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The log's path.
    package let path: String
    /// The system's reason, for example "No space left on device".
    package let reason: String

    /// An error for `path`.
    package init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// "the audit log /var/log/webnic.jsonl cannot be written: No space left on device".
    package var description: String { "the audit log \(path) cannot be written: \(reason)" }
}
