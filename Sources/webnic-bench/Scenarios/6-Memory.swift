import Foundation

/// This process's resident memory in MiB.
func ownMemoryMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
          let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return 0 }
    return kib / 1024
}

/// Scenario 6: Memory.
func memory() async throws -> [Row] {
    let (simulator, baseURL) = try startSimulator()
    defer { simulator.process.terminate() }
    let total = quick ? 10_000 : 100_000
    let child = try startPlugin(baseURL)
    _ = pipelined(child, count: 1_000, inFlight: 16)
    let early = child.peakMemoryMiB
    _ = pipelined(child, count: total - 1_000, inFlight: 16, from: 1_000)
    let late = child.peakMemoryMiB
    child.finish()
    // The same calls made directly with URLSession, measured in this process: the part of the
    // growth that URLSession itself accounts for.
    var direct = Direct(baseURL: baseURL)
    try await direct.mint()
    let directClient = direct
    for index in 0..<1_000 { try await directClient.get(index) }
    let directEarly = ownMemoryMiB()
    try await directClient.load(1_000..<total)
    let directGrowth = ownMemoryMiB() - directEarly
    return [Row(
        scenario: "6. peak RSS after 1,000 and \(total) calls", measured: "\(format(early, 1)) MiB -> \(format(late, 1)) MiB (+\(format(late - early, 1)))",
        baseline: "direct URLSession grows +\(format(directGrowth, 1)) MiB over the same calls", ratio: "-",
        target: "<= 40 MiB, growth <= 4 MiB", passed: late <= 40 && late - early <= 4,
        figures: ["peakAfter1000MiB": early, "peakAfterAllMiB": late, "growthMiB": late - early, "directGrowthMiB": directGrowth]
    )]
}
