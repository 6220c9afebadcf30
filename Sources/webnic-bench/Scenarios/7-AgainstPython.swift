import Foundation

/// Scenario 7: Per call, sequential, against Python's http.client.
func againstPython() async throws -> [Row] {
    let count = scaled(2_000)
    let best = try await bestAgainstSimulator(
        warmUp: { _ = sequential($0, count: 200) },
        measure: { child, round in sequential(child, count: count, from: round * count) },
        baseline: { baseURL, token in
            try Baselines.pythonKeepAlive(port: Int(baseURL.split(separator: ":").last ?? "0") ?? 0, token: token, count: count)
        }
    )
    return [perCallRow(
        "7. per call, sequential (\(count) calls, best of \(rounds) rounds)", best: best,
        baseline: "Python http.client, one keep-alive connection", baselineKey: "pythonMicroseconds", target: 1.3
    )]
}
