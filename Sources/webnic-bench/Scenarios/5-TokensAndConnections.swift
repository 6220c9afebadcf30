import Foundation

/// Scenario 5: Token mints and connections.
func tokensAndConnections() async throws -> [Row] {
    let (simulator, baseURL) = try startSimulator()
    defer { simulator.process.terminate() }
    let child = try startPlugin(baseURL, ["--max-in-flight", "16"])
    _ = pipelined(child, count: scaled(10_000), inFlight: 16)
    child.finish()
    let stats = try await simulatorStats(baseURL)
    let mints = stats["tokenMints"] ?? -1
    let connections = (stats["connections"] ?? 0) - 1
    return [Row(
        scenario: "5. tokens and connections (\(scaled(10_000)) calls)", measured: "\(mints) token mint, \(connections) TCP connections",
        baseline: "--max-in-flight 16", ratio: "-", target: "1 mint, <= 16 connections",
        passed: mints == 1 && connections <= 16, figures: ["tokenMints": Double(mints), "connections": Double(connections)]
    )]
}
