extension Duration {
    /// The duration in seconds, with its fraction.
    package var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// The duration in milliseconds, with its fraction.
    package var inMilliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }

    /// The duration in whole milliseconds, rounded down.
    package var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }

    /// The duration in whole milliseconds, any fraction counted as one more.
    package var wholeMillisecondsRoundedUp: Int64 {
        let (seconds, attoseconds) = components
        let rest = attoseconds % 1_000_000_000_000_000
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000 + (rest > 0 ? 1 : 0)
    }

    /// The duration in whole nanoseconds, rounded down.
    package var wholeNanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
