import Foundation

// What this run measures, read from the command line, and where the binaries it drives are.

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let quick = CommandLine.arguments.contains("--quick")
func scaled(_ count: Int) -> Int { quick ? max(100, count / 10) : count }
let chosen: Set<Int>? = CommandLine.arguments.firstIndex(of: "--scenarios").flatMap { index in
    CommandLine.arguments.dropFirst(index + 1).first.map { Set($0.split(separator: ",").compactMap { Int($0) }) }
}
/// Whether scenario `number` is to run.
func runs(_ number: Int) -> Bool { chosen?.contains(number) ?? true }
/// Interleaved rounds of the per-call scenarios: the best of them is the stable figure on a noisy machine.
let rounds = quick ? 2 : 5

let binaries = root.appendingPathComponent(".build/release")
let plugin = binaries.appendingPathComponent("webnic-rpc").path
let simulatorBinary = binaries.appendingPathComponent("webnic-sim").path
let echo = binaries.appendingPathComponent("bench-echo").path
let username = "bench", password = "bench-secret"

func log(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
