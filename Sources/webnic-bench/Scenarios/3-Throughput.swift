import Foundation

/// Scenario 3: Throughput, 16 in flight.
func throughput() async throws -> [Row] {
    let (simulator, baseURL) = try startSimulator()
    defer { simulator.process.terminate() }
    let count = scaled(50_000)
    let child = try startPlugin(baseURL)
    _ = pipelined(child, count: 500, inFlight: 16)
    let pluginElapsed = pipelined(child, count: count, inFlight: 16, from: 500)
    child.finish()
    var direct = Direct(baseURL: baseURL)
    try await direct.mint()
    let directClient = direct
    let directStart = ContinuousClock.now
    try await directClient.load(0..<count)
    let directElapsed = ContinuousClock.now - directStart
    let pluginRate = Double(count) / pluginElapsed.milliseconds * 1000
    let directRate = Double(count) / directElapsed.milliseconds * 1000
    return [Row(
        scenario: "3. throughput, 16 in flight (\(count) calls)", measured: "\(Int(pluginRate)) calls/s",
        baseline: "direct \(Int(directRate)) calls/s", ratio: format(pluginRate / directRate * 100, 1) + " %",
        target: ">= 85 %", passed: pluginRate / directRate >= 0.85,
        figures: ["pluginCallsPerSecond": pluginRate, "directCallsPerSecond": directRate, "ratio": pluginRate / directRate]
    )]
}
