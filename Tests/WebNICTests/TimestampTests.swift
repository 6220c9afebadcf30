import Testing
import WebNIC

@Suite("Timestamp")
struct TimestampTests {
    @Test("every form WebNIC is seen to send parses; zoned ones convert to RFC 3339 UTC with the fraction as written", arguments: [
        ("2025-01-02T04:10:05Z", "2025-01-02T04:10:05Z"),
        ("2025-01-13T12:52:01.973992Z", "2025-01-13T12:52:01.973992Z"),
        ("2026-08-08T04:08:31.150680317Z", "2026-08-08T04:08:31.150680317Z"),
        ("2025-08-08T12:08:31+08:00", "2025-08-08T04:08:31Z"),
        ("2025-01-01T02:30:00.5+03:30", "2024-12-31T23:00:00.5Z"),
        ("2024-02-29T23:59:59-01:00", "2024-03-01T00:59:59Z"),
        ("1969-12-31T23:59:59.1z", "1969-12-31T23:59:59.1Z"),
        ("2025-01-02t04:10:05Z", "2025-01-02T04:10:05Z"),
        ("2016-12-31T23:59:60Z", "2017-01-01T00:00:00Z"),
        ("2016-12-31T23:59:60.5+00:00", "2017-01-01T00:00:00.5Z"),
    ])
    func zoned(text: String, utc: String) throws {
        let timestamp = try #require(Timestamp(text))
        #expect(timestamp.rfc3339UTC == utc)
        #expect(Timestamp.rfc3339UTC(text) == utc)
    }

    @Test("a time without a zone parses but has no instant")
    func unzoned() throws {
        let timestamp = try #require(Timestamp("2028-06-17T12:18:59"))
        #expect(timestamp.zone == .unspecified)
        #expect(timestamp.rfc3339UTC == nil)
        #expect(Timestamp.rfc3339UTC("2028-06-17T12:18:59") == nil)
        #expect(timestamp.isSameMoment(as: try #require(Timestamp("2028-06-17T12:18:59.000"))))
        #expect(!timestamp.isSameMoment(as: try #require(Timestamp("2028-06-17T12:18:59Z"))))
    }

    @Test("the same moment however it is written; a different fraction is another moment")
    func sameMoment() throws {
        let utc = try #require(Timestamp("2025-08-08T04:08:31.15Z"))
        #expect(utc.isSameMoment(as: try #require(Timestamp("2025-08-08T12:08:31.150+08:00"))))
        #expect(!utc.isSameMoment(as: try #require(Timestamp("2025-08-08T04:08:31.151Z"))))
        #expect(!utc.isSameMoment(as: try #require(Timestamp("2025-08-08T04:08:32.15Z"))))
    }

    @Test("anything else is not a timestamp", arguments: [
        "", "2025-01-02", "2025-13-02T04:10:05Z", "2025-02-30T04:10:05Z", "2025-01-02T24:00:00Z", "2025-01-02 04:10:05Z",
        "2025-01-02T04:10:05.Z", "2025-01-02T04:10:05.1234567890Z", "2025-01-02T04:10:05+0800", "2025-01-02T04:10:05+08:00 ",
        "yesterday",
    ])
    func invalid(text: String) {
        #expect(Timestamp(text) == nil)
    }
}
