import JSONCore

/// The outcome of a diagnosis: every step, in order.
package struct DoctorReport: Sendable, Equatable {
    /// The steps, in the order they ran.
    package let checks: [DoctorCheck]

    /// Whether every step that ran passed.
    package var ok: Bool { checks.allSatisfy(\.ok) }

    /// `{"ok": …, "checks": […]}`.
    package var json: JSONValue {
        ["ok": .bool(ok), "checks": .array(checks.map(\.json))]
    }

    /// One line per step, then a line that sums them up.
    package var text: String {
        let ran = checks.filter { !$0.skipped }
        let failed = ran.filter { !$0.ok }.count
        let summary = failed == 0
            ? "All \(ran.count) checks that ran passed."
            : "\(failed) of the \(ran.count) checks that ran failed: see What to do above."
        return (checks.map(\.line) + [summary]).joined(separator: "\n")
    }
}
