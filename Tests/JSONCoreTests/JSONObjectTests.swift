import JSONCore
import Testing

@Suite("JSONObject")
struct JSONObjectTests {
    @Test("keys asked for in written order are found in turn; out of order, the search wraps round; a missing key leaves the position")
    func orderedLookup() throws {
        let object = try #require(JSONParser.parse(#"{"a":1,"b":2,"c":3}"#).objectValue)
        var position = 0
        #expect(object.value(forKey: "b", from: &position) == 2)
        #expect(position == 2)
        #expect(object.value(forKey: "c", from: &position) == 3)
        #expect(position == 3)
        #expect(object.value(forKey: "a", from: &position) == 1)
        #expect(position == 1)
        #expect(object.value(forKey: "d", from: &position) == nil)
        #expect(position == 1)
        #expect(object.value(forKey: "\u{212A}", from: &position) == nil)
        var empty = 0
        #expect(JSONObject().value(forKey: "a", from: &empty) == nil)
        #expect(empty == 0)
    }
}
