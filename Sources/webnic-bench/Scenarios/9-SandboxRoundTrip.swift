import Foundation

/// Scenario 9: A sandbox call, against the pipe alone.
func sandboxRoundTrip() async throws -> [Row] {
    let count = scaled(5_000)
    let sandbox = try Child(plugin, ["--sandbox", "--log-level", "error"])
    let floor = try Child("/bin/cat", [])
    _ = sequential(sandbox, count: 500)
    _ = sequential(floor, count: 500)
    let best = bestOfInterleaved(
        { round in sequential(sandbox, count: count, from: round * count) },
        { round in sequential(floor, count: count, from: round * count) }
    )
    sandbox.finish()
    floor.finish()
    return [Row(
        scenario: "9. sandbox round trip (\(count) calls, best of \(rounds) rounds)", measured: "\(format(best.0, 1)) µs per call",
        baseline: "the pipe alone (cat), \(format(best.1, 1)) µs", ratio: "+" + format(best.0 - best.1, 1) + " µs",
        target: "<= +40 µs", passed: best.0 - best.1 <= 40,
        figures: ["sandboxMicroseconds": best.0, "pipeMicroseconds": best.1, "overMicroseconds": best.0 - best.1]
    )]
}
