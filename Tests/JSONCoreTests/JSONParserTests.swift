import JSONCore
import Testing

@Suite("JSONParser")
struct JSONParserTests {
    @Test("numbers keep their literal text exactly")
    func numberLiterals() throws {
        for literal in ["0", "-0", "42", "18446744073709551616", "1e400", "-1.5E-7", "12345678901234567890123"] {
            let value = try JSONParser.parse(literal)
            #expect(value == .number(try #require(JSONParser.parse(literal).numberValue)))
            #expect(value.numberValue?.literal == literal)
            #expect(value.jsonText == literal)
        }
        #expect(try JSONParser.parse("9007199254740993").numberValue?.int64Value == 9_007_199_254_740_993)
        #expect(try JSONParser.parse("18446744073709551616").numberValue?.int64Value == nil)
        #expect(try JSONParser.parse("1.0").numberValue?.isIntegerLiteral == false)
        #expect(try JSONParser.parse("1e2").numberValue?.isIntegerLiteral == false)
    }

    @Test("whole numbers however written, computed on the digits", arguments: [
        ("5", Int64?(5)), ("5.0", 5), ("5e0", 5), ("50E-1", 5), ("0.5e1", 5), ("-0", 0), ("-0.0e5", 0), ("1e18", 1_000_000_000_000_000_000),
        ("9223372036854775807", .max), ("-9223372036854775808", .min), ("5.5", nil), ("1e-1", nil), ("1e400", nil),
        ("1e19", nil), ("9223372036854775808", nil), ("12.50", nil), ("125.0e-1", nil), ("1250e-2", nil), ("0.0001e4", 1),
    ])
    func integralValues(literal: String, expected: Int64?) throws {
        #expect(try JSONParser.parse(literal).numberValue?.integralValue == expected)
    }

    @Test("strings decode every escape, including surrogate pairs")
    func stringEscapes() throws {
        let value = try JSONParser.parse(#""a\"b\\c\/d\b\f\n\r\t\u0041\u00e9\ud83d\ude00""#)
        #expect(value == .string("a\"b\\c/d\u{8}\u{C}\n\r\tAé😀"))
        #expect(try JSONParser.parse("\"héllo 😀\"") == .string("héllo 😀"))
    }

    @Test("objects keep member order and compare regardless of it")
    func objects() throws {
        let value = try JSONParser.parse(#"{"b":1,"a":[true,false,null],"c":{}}"#)
        #expect(value.objectValue?.keys == ["b", "a", "c"])
        #expect(value == ["a": [true, false, nil], "b": 1, "c": .object(JSONObject())])
        #expect(value.jsonText == #"{"b":1,"a":[true,false,null],"c":{}}"#)
    }

    @Test("refuses what RFC 8259 refuses, and what we refuse beyond it", arguments: [
        ("", "unexpected end of input at byte 0"),
        ("{", "unexpected end of input at byte 1"),
        ("[1,]", "unexpected character at byte 3"),
        ("01", "leading zeros are not allowed at byte 1"),
        ("1.", "invalid number at byte 2"),
        ("-", "invalid number at byte 1"),
        ("tru", "unexpected end of input at byte 0"),
        ("nul", "unexpected end of input at byte 0"),
        ("\"abc", "unterminated string at byte 4"),
        ("\"a\u{1}\"", "unescaped control character in a string at byte 2"),
        (#""\x""#, "invalid escape sequence at byte 3"),
        (#""\ud800""#, "unpaired surrogate in a string at byte 7"),
        (#""\udc00""#, "unpaired surrogate in a string at byte 7"),
        (#"{"a":1,"a":2}"#, "duplicate key \"a\" at byte 7"),
        ("{} {}", "unexpected data after the JSON value at byte 3"),
        ("{'a':1}", "expected a string key at byte 1"),
        ("NaN", "unexpected character at byte 0"),
    ])
    func refusals(input: String, expected: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(input) }
        do {
            _ = try JSONParser.parse(input)
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test("invalid UTF-8 is refused, never replaced, at the byte where it starts", arguments: [
        ([0x22, 0xC3, 0x28, 0x22], 1),  // a lead byte without its continuation
        ([0x22, 0x61, 0xC0, 0xAF, 0x22], 2),  // an overlong form of "/"
        ([0x22, 0x61, 0x62, 0xED, 0xA0, 0x80, 0x22], 3),  // a UTF-16 surrogate
        ([0x22, 0xF0, 0x9F, 0x98, 0x22], 1),  // a four-byte sequence cut short
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1),  // above U+10FFFF
        ([0x22, 0x5C, 0x6E, 0xFF, 0x22], 3),  // after an escape
        ([0xFF, 0x7B], 0),  // outside any string
        ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x74, 0x72, 0xC3, 0x65, 0x7D], 7),  // inside a word
    ] as [([UInt8], Int)])
    func invalidUTF8(bytes: [UInt8], offset: Int) {
        #expect(throws: JSONParseError(reason: "invalid UTF-8", offset: offset)) { try JSONParser.parse(bytes) }
    }

    @Test("valid UTF-8 of every length is kept as it is; a NUL byte or a stray character is unexpected")
    func validUTF8() throws {
        let text: [UInt8] = [0x22, 0x24, 0xC2, 0xA3, 0xE0, 0xA4, 0xB9, 0xED, 0x9F, 0xBF, 0xF0, 0x9F, 0x98, 0x80, 0xF4, 0x8F, 0xBF, 0xBF, 0x22]
        #expect(try JSONParser.parse(text) == .string("$£ह\u{D7FF}😀\u{10FFFF}"))
        #expect(throws: JSONParseError(reason: "unexpected character", offset: 0)) { try JSONParser.parse([0x00]) }
        #expect(throws: JSONParseError(reason: "unexpected character", offset: 0)) { try JSONParser.parse(Array("é".utf8)) }
        #expect(throws: JSONParseError(reason: "unexpected character", offset: 2)) { try JSONParser.parse(Array("tr!e".utf8)) }
    }

    @Test("deep nesting is refused instead of exhausting the stack")
    func depthLimit() throws {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParseError(reason: "nesting deeper than 128 levels", offset: 128)) { try JSONParser.parse(deep) }
        let fine = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        #expect(try JSONParser.parse(fine).arrayValue?.count == 1)
    }
}

@Suite("JSONWriter")
struct JSONWriterTests {
    @Test("writes compact JSON with the escapes RFC 8259 requires")
    func escapes() {
        let value: JSONValue = ["s": "q\"b\\n\n\t\u{1}\u{7F}é😀", "n": .number(JSONNumber(integer: -7)), "e": [], "z": nil]
        #expect(value.jsonText == #"{"s":"q\"b\\n\n\t\u0001"# + "\u{7F}é😀" + #"","n":-7,"e":[],"z":null}"#)
    }

    @Test("what is written parses back to the same value")
    func roundTrip() throws {
        let text = #"{"a":[1,-0,2.5e-3,"x",{"b":null}],"c":true,"d":"\u0000\u001f"}"#
        let value = try JSONParser.parse(text)
        #expect(try JSONParser.parse(value.jsonText) == value)
        #expect(value.jsonText == text)
    }

    @Test("a text with duplicate keys can still be read: the first of each kept, every later one reported with its path")
    func reportingDuplicates() throws {
        let text = #"{"a":1,"b":{"c":1,"c":[2]},"list":[{"d":1,"d":2}],"a":3}"#
        #expect(throws: JSONParseError(reason: "duplicate key \"c\"", offset: 18, duplicateKey: "c")) { try JSONParser.parse(text) }
        let (value, duplicates) = try JSONParser.parseReportingDuplicates(Array(text.utf8))
        #expect(value == ["a": 1, "b": ["c": 1], "list": [["d": 1]]])
        #expect(duplicates.map { $0.description } == ["b.c", "list[0].d", "a"])
    }

    @Test("keys differing only by Unicode normalization are different keys")
    func normalization() throws {
        let value = try JSONParser.parse(#"{"\u00e9":1,"e\u0301":2}"#)
        #expect(value.objectValue?.count == 2)
        #expect(value.objectValue?.keys.map { Array($0.utf8) } == [[0xC3, 0xA9], [0x65, 0xCC, 0x81]])
    }

    @Test("canonically equivalent keys of the same byte length are still different keys, ASCII ones are found by their bytes")
    func equivalentKeysOfOneLength() throws {
        // Two orders of the same combining marks (equal under String's ==, five bytes each); the
        // Kelvin sign, equivalent to K but longer.
        let value = try JSONParser.parse(#"{"a\u0301\u0316":1,"a\u0316\u0301":2,"\u212Aey":3,"Key":4}"#)
        let object = try #require(value.objectValue)
        #expect(object.count == 4)
        #expect(object["a\u{0301}\u{0316}"] == 1)
        #expect(object["a\u{0316}\u{0301}"] == 2)
        #expect(object["\u{212A}ey"] == 3)
        #expect(object["Key"] == 4)
    }
}
