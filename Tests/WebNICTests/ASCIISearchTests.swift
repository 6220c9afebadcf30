import Testing
@testable import WebNIC

@Suite("ASCIISearch")
struct ASCIISearchTests {
    @Test("finds the first occurrence, as a range of the text's own indices")
    func firstRange() throws {
        let text = "https://user@api.example:443/a://b"
        let range = try #require(ASCIISearch.firstRange(of: "://", in: text[...]))
        #expect(text[..<range.lowerBound] == "https")
        #expect(text[range.upperBound...] == "user@api.example:443/a://b")
        #expect(ASCIISearch.firstRange(of: "://", in: "no scheme here"[...]) == nil)
    }

    @Test("a partial match followed by the whole one; a pattern longer than the rest")
    func overlapping() throws {
        let text = "ininvalid"
        let range = try #require(ASCIISearch.firstRange(of: "invalid", in: text[...]))
        #expect(text[range] == "invalid")
        #expect(text.distance(from: text.startIndex, to: range.lowerBound) == 2)
        #expect(ASCIISearch.firstRange(of: "invalidity", in: "invalid"[...]) == nil)
    }

    @Test("ignoring case matches ASCII letters only, around any other text", arguments: [
        ("Organization NOT Found.", "not found", true, true),
        ("Organization NOT Found.", "not found", false, false),
        ("Invalid or expired token", "invalid or expired token", true, true),
        ("l'organisation n'existe pas: not  found", "not found", true, false),
        ("é not found ü", "not found", true, true),
    ])
    func contains(text: String, pattern: String, ignoringCase: Bool, expected: Bool) {
        #expect(ASCIISearch.contains(pattern, in: text, ignoringCase: ignoringCase) == expected)
    }
}
