import JSONCore
import Platform

/// One step of a diagnosis: whether it passed, was skipped, what it found, and what to do.
package struct DoctorCheck: Sendable, Equatable {
    /// The step's name, for example `tls`.
    package let name: String
    /// Whether it passed (a skipped step neither passed nor failed: `ok` is true and `skipped` too).
    package let ok: Bool
    /// Whether it did not run: not needed here, or a step it depends on failed.
    package let skipped: Bool
    /// What it found, or why it failed (a failure starts with its error category).
    package let detail: String
    /// What to do, for a failure (or a finding that asks for a setting).
    package let hint: String?
    /// What it measured, in milliseconds.
    package let milliseconds: Int?

    /// A step that passed.
    static func passed(_ name: String, _ detail: String, hint: String? = nil, after elapsed: Duration? = nil) -> DoctorCheck {
        DoctorCheck(name: name, ok: true, skipped: false, detail: detail, hint: hint, milliseconds: elapsed.map(Self.milliseconds))
    }

    /// A step that failed.
    static func failed(_ name: String, _ detail: String, hint: String?, after elapsed: Duration? = nil) -> DoctorCheck {
        DoctorCheck(name: name, ok: false, skipped: false, detail: detail, hint: hint, milliseconds: elapsed.map(Self.milliseconds))
    }

    /// A step that did not run, and why.
    static func skipped(_ name: String, _ reason: String) -> DoctorCheck {
        DoctorCheck(name: name, ok: true, skipped: true, detail: reason, hint: nil, milliseconds: nil)
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.inMilliseconds.rounded())
    }

    /// `{"name", "ok", "skipped", "detail", "hint", "ms"}`, absent values as null.
    package var json: JSONValue {
        [
            "name": .string(name), "ok": .bool(ok), "skipped": .bool(skipped), "detail": .string(detail),
            "hint": hint.map(JSONValue.string) ?? .null, "ms": milliseconds.map { .integer($0) } ?? .null,
        ]
    }

    /// One line: status, name, what was found, the figure measured, and what to do.
    package var line: String {
        let status = skipped ? "skipped" : ok ? "ok" : "FAILED"
        func padded(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(1, width - text.count)) }
        var line = padded(status, 9) + padded(name, 16) + (detail.hasSuffix(".") ? String(detail.dropLast()) : detail)
        if let milliseconds { line += " (\(milliseconds) ms)" }
        if let hint { line += ". What to do: \(hint)" }
        return line
    }
}
