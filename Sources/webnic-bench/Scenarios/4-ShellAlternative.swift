import Foundation

/// Scenario 4: The shell alternative.
func shellAlternative() async throws -> [Row] {
    let (simulator, baseURL) = try startSimulator()
    defer { simulator.process.terminate() }
    let script = """
    token=$(curl -s -X POST -H 'Content-Type: application/json' -d '{"username":"\(username)","password":"\(password)"}' \(baseURL)/reseller/v2/api-user/token | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
    i=0; while [ $i -lt 200 ]; do curl -s -H "Authorization: Bearer $token" \(baseURL)/ssl/v2/organization/5 > /dev/null; i=$((i+1)); done
    """
    var shellTimes: [Double] = [], pluginTimes: [Double] = []
    for _ in 0..<(quick ? 1 : 5) {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", script]
        let shellStart = ContinuousClock.now
        try shell.run()
        Child.waitForExit(shell)
        shellTimes.append((ContinuousClock.now - shellStart).milliseconds)
        let pluginStart = ContinuousClock.now
        let child = try startPlugin(baseURL)
        _ = pipelined(child, count: 200, inFlight: 200)
        child.finish()
        pluginTimes.append((ContinuousClock.now - pluginStart).milliseconds)
    }
    let shellElapsed = Duration.milliseconds(Statistics(shellTimes).median)
    let pluginElapsed = Duration.milliseconds(Statistics(pluginTimes).median)
    let speedup = shellElapsed.milliseconds / pluginElapsed.milliseconds
    return [Row(
        scenario: "4. 200 calls from a script (median of 5)", measured: "one plugin process \(format(pluginElapsed.milliseconds, 1)) ms",
        baseline: "curl per call \(format(shellElapsed.milliseconds, 1)) ms", ratio: format(speedup, 1) + "x faster",
        target: ">= 10x faster", passed: speedup >= 10,
        figures: ["pluginMs": pluginElapsed.milliseconds, "curlMs": shellElapsed.milliseconds, "speedup": speedup]
    )]
}
