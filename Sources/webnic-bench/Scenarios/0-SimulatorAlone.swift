import Foundation

/// Scenario 0: The simulator alone.
func simulatorAlone() async throws -> [Row] {
    let (simulator, baseURL) = try startSimulator()
    defer { simulator.process.terminate() }
    var direct = Direct(baseURL: baseURL)
    try await direct.mint()
    let count = scaled(20_000)
    let port = Int(baseURL.split(separator: ":").last ?? "0") ?? 0
    let perThread = count / 16
    let token = direct.token
    let start = ContinuousClock.now
    DispatchQueue.concurrentPerform(iterations: 16) { _ in
        RawHTTPLoad.run(port: port, token: token, requests: perThread)
    }
    let simulatorRate = Double(perThread * 16) / (ContinuousClock.now - start).milliseconds * 1000
    let directClient = direct
    let directStart = ContinuousClock.now
    try await directClient.load(0..<count)
    let directRate = Double(count) / (ContinuousClock.now - directStart).milliseconds * 1000
    return [Row(
        scenario: "0. simulator alone (raw sockets, 16 conns)", measured: "\(Int(simulatorRate)) req/s",
        baseline: "direct URLSession \(Int(directRate)) req/s", ratio: format(simulatorRate / directRate, 2) + "x",
        target: "> 1x (not the bottleneck)", passed: simulatorRate > directRate,
        figures: ["simulatorRequestsPerSecond": simulatorRate, "directRequestsPerSecond": directRate]
    )]
}
