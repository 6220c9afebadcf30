import Foundation

/// Scenario 1: Cold start.
func coldStart() async throws -> [Row] {
    var pluginTimes: [Double] = [], echoTimes: [Double] = []
    for _ in 0..<(quick ? 5 : 21) {
        let start = ContinuousClock.now
        let child = try Child(plugin, ["--log-level", "error"])
        child.write(#"{"jsonrpc":"2.0","id":1,"method":"rpc.discover"}"# + "\n")
        _ = child.readLine()
        child.finish()
        pluginTimes.append((ContinuousClock.now - start).milliseconds)
        let echoStart = ContinuousClock.now
        let bare = try Child(echo, [])
        bare.write(#"{"jsonrpc":"2.0","id":1,"method":"rpc.discover"}"# + "\n")
        _ = bare.readLine()
        bare.finish()
        echoTimes.append((ContinuousClock.now - echoStart).milliseconds)
    }
    let pluginStats = Statistics(pluginTimes), echoStats = Statistics(echoTimes)
    let ratio = pluginStats.median / echoStats.median
    return [Row(
        scenario: "1. cold start (spawn, rpc.discover, exit)", measured: "median \(format(pluginStats.median, 1)) ms, p90 \(format(pluginStats.p90, 1))",
        baseline: "bare Foundation echo \(format(echoStats.median, 1)) ms", ratio: format(ratio, 2) + "x", target: "<= 1.25x",
        passed: ratio <= 1.25, figures: ["pluginMedianMs": pluginStats.median, "baselineMedianMs": echoStats.median, "ratio": ratio]
    )]
}
