/// A date and time as WebNIC writes them: ISO 8601 with a `T`, optionally a fraction of up to nine
/// digits, and a `Z`, a `±HH:MM` offset, or no zone at all (all of which WebNIC is seen to send).
///
/// Parsed by hand, without Foundation's calendars: the forms are few and exact.
package struct Timestamp: Sendable, Equatable {
    /// The zone a timestamp names.
    package enum Zone: Sendable, Equatable {
        /// `Z`.
        case utc
        /// `+HH:MM` or `-HH:MM`, in minutes east of UTC.
        case offset(minutes: Int)
        /// No zone: a local time of a zone WebNIC does not say.
        case unspecified
    }

    /// Seconds from 1970-01-01T00:00:00 to the time as written, before its zone is applied.
    package let localSeconds: Int64
    /// The fraction's digits as written (empty when there is none).
    package let fraction: String
    /// The zone the timestamp was written in, if any.
    package let zone: Zone

    /// The timestamp in `text`, or `nil` when it is not one of the forms above.
    package init?(_ text: String) {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day),
              hour < 24, minute < 60, second <= 60
        else { return nil }
        var index = 19
        var fraction = ""
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            let start = index + 1
            index = start
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            guard (1...9).contains(index - start) else { return nil }
            fraction = String(decoding: bytes[start..<index], as: UTF8.self)
        }
        let zone: Zone
        if index == bytes.count {
            zone = .unspecified
        } else if index + 1 == bytes.count, bytes[index] == UInt8(ascii: "Z") || bytes[index] == UInt8(ascii: "z") {
            zone = .utc
        } else if index + 6 == bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"),
                  bytes[index + 3] == UInt8(ascii: ":"), let hours = number((index + 1)..<(index + 3)),
                  let minutes = number((index + 4)..<(index + 6)), hours < 24, minutes < 60 {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            zone = .offset(minutes: sign * (hours * 60 + minutes))
        } else {
            return nil
        }
        localSeconds = Self.daysFromCivil(year: year, month: month, day: day) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
        self.fraction = fraction
        self.zone = zone
    }

    /// Seconds since the epoch in UTC, when the timestamp names its zone.
    package var utcSeconds: Int64? {
        switch zone {
        case .utc: return localSeconds
        case .offset(let minutes): return localSeconds - Int64(minutes) * 60
        case .unspecified: return nil
        }
    }

    /// Nanoseconds of the fraction.
    package var nanoseconds: Int {
        var value = Int(fraction) ?? 0
        for _ in fraction.utf8.count..<9 { value *= 10 }
        return value
    }

    /// The timestamp in `text` as `rfc3339UTC` gives it, or `nil` when `text` is not a timestamp
    /// with a zone; `text` itself when it is written so already (as WebNIC's usually are).
    package static func rfc3339UTC(_ text: String) -> String? {
        guard let timestamp = Timestamp(text) else { return nil }
        let bytes = text.utf8
        // A `T`, a `Z` and no leap second (`:60`, which the conversion carries into the next minute).
        if timestamp.zone == .utc, bytes[bytes.index(bytes.startIndex, offsetBy: 10)] == UInt8(ascii: "T"),
           bytes.last == UInt8(ascii: "Z"), !bytes.dropFirst(17).starts(with: "60".utf8) {
            return text
        }
        return timestamp.rfc3339UTC
    }

    /// The same instant as RFC 3339 in UTC (`2025-08-08T04:08:31.150680Z`), the fraction kept as
    /// written; `nil` for a timestamp without a zone, which has no instant.
    package var rfc3339UTC: String? {
        guard let seconds = utcSeconds else { return nil }
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (year, month, day) = Self.civil(fromDays: days)
        let time = Int(seconds - days * 86_400)
        var text: [UInt8] = []
        text.reserveCapacity(21 + fraction.utf8.count)
        func append(_ value: Int, width: Int, then separator: UInt8) {
            if value < 0 {
                let digits = String(value).utf8
                text.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, width - digits.count)))
                text.append(contentsOf: digits)
            } else {
                var divisor = 1, count = 1
                while value / divisor >= 10 {
                    divisor *= 10
                    count += 1
                }
                text.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, width - count)))
                while divisor > 0 {
                    text.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                    divisor /= 10
                }
            }
            text.append(separator)
        }
        append(year, width: 4, then: UInt8(ascii: "-"))
        append(month, width: 2, then: UInt8(ascii: "-"))
        append(day, width: 2, then: UInt8(ascii: "T"))
        append(time / 3600, width: 2, then: UInt8(ascii: ":"))
        append(time / 60 % 60, width: 2, then: UInt8(ascii: ":"))
        append(time % 60, width: 2, then: fraction.isEmpty ? UInt8(ascii: "Z") : UInt8(ascii: "."))
        if !fraction.isEmpty {
            text.append(contentsOf: fraction.utf8)
            text.append(UInt8(ascii: "Z"))
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether two timestamps name the same moment: the same instant for two zoned ones (to the
    /// nanosecond, however written), the same written time for two without a zone.
    package func isSameMoment(as other: Timestamp) -> Bool {
        guard nanoseconds == other.nanoseconds else { return false }
        switch (utcSeconds, other.utcSeconds) {
        case (let mine?, let theirs?): return mine == theirs
        case (nil, nil): return localSeconds == other.localSeconds
        default: return false
        }
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthFromMarch = Int64((month + 9) % 12)
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01.
    private static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthFromMarch + 2) / 5 + 1)
        let month = Int(monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9)
        return (Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0), month, day)
    }
}
