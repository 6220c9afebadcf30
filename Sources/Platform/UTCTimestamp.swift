#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The current time as ISO 8601 in UTC, for log lines and simulated WebNIC timestamps.
package enum UTCTimestamp {
    /// `2026-11-30T14:31:09.123Z` with `fractionDigits` (1–9) digits after the seconds.
    package static func now(fractionDigits: Int) -> String {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        var seconds = time.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int, _ width: Int) -> String { value.zeroPadded(to: width) }
        let digits = min(9, max(1, fractionDigits))
        var divisor = 1
        for _ in digits..<9 { divisor *= 10 }
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2))."
            + "\(pad(Int(time.tv_nsec) / divisor, digits))Z"
    }
}
