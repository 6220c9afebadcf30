import Foundation

/// Scenario 2: Per-call overhead, sequential.
func perCallSequential() async throws -> [Row] {
    let (simulator, baseURL) = try startSimulator()
    defer { simulator.process.terminate() }
    let count = scaled(10_000)
    let child = try startPlugin(baseURL)
    _ = pipelined(child, count: 200, inFlight: 1)
    var pluginTimes: [Double] = []
    pluginTimes.reserveCapacity(count)
    for index in 0..<count {
        let start = ContinuousClock.now
        child.write(request(index))
        _ = child.readLine()
        pluginTimes.append((ContinuousClock.now - start).milliseconds)
    }
    child.finish()
    var direct = Direct(baseURL: baseURL)
    try await direct.mint()
    for index in 0..<200 { try await direct.get(index) }
    var directTimes: [Double] = []
    directTimes.reserveCapacity(count)
    for index in 0..<count {
        let start = ContinuousClock.now
        try await direct.get(index)
        directTimes.append((ContinuousClock.now - start).milliseconds)
    }
    let pluginStats = Statistics(pluginTimes), directStats = Statistics(directTimes)
    let overhead = pluginStats.median - directStats.median
    return [Row(
        scenario: "2. per call, sequential (\(count) calls)",
        measured: "median \(format(pluginStats.median)) ms, p90 \(format(pluginStats.p90)), p99 \(format(pluginStats.p99))",
        baseline: "direct median \(format(directStats.median)) ms, p90 \(format(directStats.p90)), p99 \(format(directStats.p99))",
        ratio: (overhead < 0 ? "" : "+") + "\(format(overhead)) ms", target: "<= +0.250 ms", passed: overhead <= 0.25,
        figures: ["pluginMedianMs": pluginStats.median, "pluginP90Ms": pluginStats.p90, "pluginP99Ms": pluginStats.p99,
                  "directMedianMs": directStats.median, "directP90Ms": directStats.p90, "directP99Ms": directStats.p99, "overheadMs": overhead]
    )]
}
