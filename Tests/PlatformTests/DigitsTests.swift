import Platform
import Testing

@Suite("Fixed-width digits and random ids")
struct DigitsTests {
    @Test("zeroPadded fills to the width in the radix and never cuts")
    func zeroPadded() {
        #expect(7.zeroPadded(to: 2) == "07")
        #expect(2026.zeroPadded(to: 4) == "2026")
        #expect(12345.zeroPadded(to: 3) == "12345")
        #expect(UInt8(0x0a).zeroPadded(to: 2, radix: 16) == "0a")
        #expect(UInt8(0x0a).zeroPadded(to: 2, radix: 16, uppercase: true) == "0A")
        #expect(UInt16(0x1f).zeroPadded(to: 4, radix: 16) == "001f")
        #expect(UInt64.max.zeroPadded(to: 16, radix: 16) == "ffffffffffffffff")
        #expect(0.zeroPadded(to: 0) == "0")
    }

    @Test("RandomID.make is 32 lowercase hex digits and differs each time")
    func randomID() {
        let ids = (0..<64).map { _ in RandomID.make() }
        for id in ids {
            #expect(id.count == 32)
            #expect(id.allSatisfy { "0123456789abcdef".contains($0) })
        }
        #expect(Set(ids).count == ids.count)
    }
}
