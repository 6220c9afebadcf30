/// Byte search for ASCII patterns, for the paths every call takes: the standard library's
/// `firstRange(of:)` and `contains(_:)` on strings build a searcher (with a dictionary) on each
/// call, too costly there (docs/performance.md).
enum ASCIISearch {
    /// Where `pattern` (ASCII) first occurs in `text`; ASCII letters match in either case when
    /// `ignoringCase`.
    static func firstRange(of pattern: String, in text: Substring, ignoringCase: Bool = false) -> Range<String.Index>? {
        let needle = Array(pattern.utf8)
        guard let first = needle.first else { return text.startIndex..<text.startIndex }
        let bytes = text.utf8
        var start = bytes.startIndex
        while start != bytes.endIndex {
            if same(bytes[start], first, ignoringCase) {
                var index = start
                var matched = 0
                while matched < needle.count, index != bytes.endIndex, same(bytes[index], needle[matched], ignoringCase) {
                    bytes.formIndex(after: &index)
                    matched += 1
                }
                if matched == needle.count { return start..<index }
            }
            bytes.formIndex(after: &start)
        }
        return nil
    }

    /// Whether `pattern` (ASCII) occurs in `text`; ASCII letters match in either case when
    /// `ignoringCase`.
    static func contains(_ pattern: String, in text: String, ignoringCase: Bool = false) -> Bool {
        firstRange(of: pattern, in: text[...], ignoringCase: ignoringCase) != nil
    }

    private static func same(_ byte: UInt8, _ other: UInt8, _ ignoringCase: Bool) -> Bool {
        byte == other || (ignoringCase && lowered(byte) == lowered(other))
    }

    private static func lowered(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
