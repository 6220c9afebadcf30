import Foundation

/// One row of the report.
struct Row {
    let scenario: String
    let measured: String
    let baseline: String
    let ratio: String
    let target: String
    let passed: Bool
    let figures: [String: Double]
}
/// `value` with `digits` decimals.
func format(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }

/// The row of a per-call scenario: webnic-rpc's and the baseline's best microseconds per call, and
/// the ratio of the two held to `target`.
func perCallRow(_ scenario: String, best: (Double, Double), baseline: String, baselineKey: String, target: Double) -> Row {
    let ratio = best.0 / best.1
    return Row(
        scenario: scenario, measured: "\(format(best.0, 1)) µs per call", baseline: "\(baseline), \(format(best.1, 1)) µs",
        ratio: format(ratio, 2) + "x", target: "<= \(format(target, 1))x", passed: ratio <= target,
        figures: ["pluginMicroseconds": best.0, baselineKey: best.1, "ratio": ratio]
    )
}
