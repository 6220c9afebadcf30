import Testing
import WebNIC

@Suite("HTMLEntities")
struct HTMLEntitiesTests {
    @Test("decodes named, decimal and hex references", arguments: [
        ("First Name Here&#39;s", "First Name Here's"),
        ("Tan &amp; Daughters &lt;Trading&gt;", "Tan & Daughters <Trading>"),
        ("&quot;Ampang&quot; &apos;x&apos;", "\"Ampang\" 'x'"),
        ("&#x27;&#X41;&#233;&#x1F600;", "'Aé😀"),
        ("a&nbsp;b", "a\u{00A0}b"),
    ])
    func decodes(input: String, expected: String) {
        #expect(HTMLEntities.decode(input) == expected)
    }

    @Test("leaves what is not a complete, known reference as written", arguments: [
        "AT&T", "a & b", "&unknown;", "&#;", "&#xZZ;", "&#0;", "&amp", "100% & more;",
    ])
    func leavesAlone(input: String) {
        #expect(HTMLEntities.decode(input) == input)
    }

    @Test("encoding as WebNIC does, then decoding, gives the text back")
    func roundTrip() {
        let text = #"O'Brien & "Sons" <Ltd>"#
        #expect(HTMLEntities.encode(text) == "O&#39;Brien &amp; &quot;Sons&quot; &lt;Ltd&gt;")
        #expect(HTMLEntities.decode(HTMLEntities.encode(text)) == text)
    }
}
