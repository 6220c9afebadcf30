import Platform

/// Order statistics of a set of durations, in milliseconds.
struct Statistics {
    let median: Double
    let p90: Double
    let p99: Double
    let count: Int

    /// The statistics of `samples` (milliseconds); empty samples give zeros.
    init(_ samples: [Double]) {
        let sorted = samples.sorted()
        func percentile(_ fraction: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
        }
        median = percentile(0.5)
        p90 = percentile(0.9)
        p99 = percentile(0.99)
        count = sorted.count
    }
}

extension Duration {
    /// The duration in milliseconds.
    var milliseconds: Double { inSeconds * 1000 }
}
