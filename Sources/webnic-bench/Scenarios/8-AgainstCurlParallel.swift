import Foundation

/// Scenario 8: 16 in flight, against curl --parallel.
func againstCurlParallel() async throws -> [Row] {
    let count = scaled(2_000)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("webnic-bench-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var pythonHost: [Double] = []
    var curl: [Double] = []
    let lean = try await bestAgainstSimulator(
        warmUp: { _ = pipelined($0, count: 500, inFlight: 16) },
        measure: { child, round in pipelined(child, count: count, inFlight: 16, from: 500 + round * count).milliseconds * 1000 / Double(count) },
        baseline: { baseURL, token in
            // Each round also measures the Python host, next to curl: the three take turns.
            pythonHost.append(try PythonHost.perCall(plugin: plugin, baseURL: baseURL, username: username, password: password, count: count))
            let perCall = try Baselines.curlParallel(baseURL: baseURL, token: token, count: count, directory: directory)
            curl.append(perCall)
            return perCall
        }
    )
    let curlBest = curl.min() ?? lean.1
    return [
        perCallRow(
            "8. 16 in flight, lean host (\(count) calls, best of \(rounds) rounds)", best: (lean.0, curlBest),
            baseline: "curl --parallel --parallel-max 16, one config file", baselineKey: "curlMicroseconds", target: 1.2
        ),
        perCallRow(
            "8. 16 in flight, Python host (\(count) calls, best of \(rounds) rounds)", best: (pythonHost.min() ?? 0, curlBest),
            baseline: "the same curl runs", baselineKey: "curlMicroseconds", target: 1.2
        ),
    ]
}
