#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// `webnic-bench`: measures webnic-rpc against direct HTTP and against curl, in one run, side by
/// side, on a `webnic-sim` at a loopback port. Every figure comes with its baseline from the same
/// run, as a ratio. Prints a table and writes `.build/bench/latest.json`; exits 1 if a target is missed.
///
/// Usage: swift run -c release webnic-bench [--quick] [--scenarios 7,8,9]
/// (--quick: a tenth of the calls, for a smoke run; --scenarios: only those numbered)

// Build the release binaries the benchmark drives (the benchmark itself is already built):
// webnic-rpc exactly as the README's Install section builds it, so that the binary measured is the
// one installed, and the one Install copies is never replaced by a differently linked one.
let installFlags = ["--static-swift-stdlib", "-Xlinker", "-s"]
for product in ["webnic-rpc", "webnic-sim", "bench-echo"] {
    let build = Process()
    build.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    build.arguments = ["swift", "build", "-c", "release"] + (product == "webnic-rpc" ? installFlags : []) + ["--product", product]
    build.currentDirectoryURL = root
    build.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
    try build.run()
    build.waitUntilExit()
    guard build.terminationStatus == 0 else { log("building \(product) failed"); exit(2) }
}

/// The scenarios by number, one file each in `Scenarios/`.
let scenarios: [(number: Int, run: () async throws -> [Row])] = [
    (0, simulatorAlone), (1, coldStart), (2, perCallSequential), (3, throughput), (4, shellAlternative),
    (5, tokensAndConnections), (6, memory), (7, againstPython), (8, againstCurlParallel), (9, sandboxRoundTrip),
]
var rows: [Row] = []
for scenario in scenarios where runs(scenario.number) {
    rows += try await scenario.run()
    log("\(scenario.number) done")
}

var table = "| scenario | webnic-rpc | baseline (same run) | ratio | target | |\n|---|---|---|---|---|---|\n"
for row in rows {
    table += "| \(row.scenario) | \(row.measured) | \(row.baseline) | \(row.ratio) | \(row.target) | \(row.passed ? "ok" : "MISSED") |\n"
}
print(table)
var json: [String: Any] = ["date": ISO8601DateFormatter().string(from: Date()), "quick": quick, "cores": ProcessInfo.processInfo.activeProcessorCount]
json["scenarios"] = rows.map { ["scenario": $0.scenario, "passed": $0.passed, "figures": $0.figures] as [String: Any] }
let output = root.appendingPathComponent(".build/bench")
try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys]).write(to: output.appendingPathComponent("latest.json"))
print("Figures written to .build/bench/latest.json")
exit(rows.allSatisfy(\.passed) ? 0 : 1)
