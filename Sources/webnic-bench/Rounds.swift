import Foundation

/// The best (lowest) figure of `measure` and of `baseline` over `rounds` rounds, the two taking
/// turns at going first: whichever runs first in a round tends to find the processors in another
/// state, and neither side should always have that.
func bestOfInterleaved(_ measure: (Int) throws -> Double, _ baseline: (Int) throws -> Double) rethrows -> (Double, Double) {
    var measured: [Double] = [], base: [Double] = []
    for round in 0..<rounds {
        if round.isMultiple(of: 2) {
            measured.append(try measure(round))
            base.append(try baseline(round))
        } else {
            base.append(try baseline(round))
            measured.append(try measure(round))
        }
    }
    return (measured.min() ?? 0, base.min() ?? 1)
}

/// Starts a simulator and webnic-rpc against it, warms webnic-rpc up, and measures it against a
/// baseline given the simulator's base URL and a token minted directly: the best of each over
/// interleaved rounds.
func bestAgainstSimulator(
    warmUp: (Child) -> Void, measure: (Child, _ round: Int) -> Double,
    baseline: (_ baseURL: String, _ token: String) throws -> Double
) async throws -> (Double, Double) {
    let (simulator, baseURL) = try startSimulator()
    defer { simulator.process.terminate() }
    var direct = Direct(baseURL: baseURL)
    try await direct.mint()
    let child = try startPlugin(baseURL)
    warmUp(child)
    let best = try bestOfInterleaved({ round in measure(child, round) }, { _ in try baseline(baseURL, direct.token) })
    child.finish()
    return best
}
