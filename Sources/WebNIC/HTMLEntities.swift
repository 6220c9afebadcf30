/// Decodes the HTML character references WebNIC puts in the strings it returns.
package enum HTMLEntities {
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
    ]

    /// `text` with `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`, `&#39;` and `&#x27;`
    /// forms decoded; anything that is not a complete, known reference is left as written.
    ///
    /// Works on the UTF-8 bytes: a reference is ASCII from `&` to `;` (at most 12 bytes after the
    /// `&`), and a string without `&`, as most are, is returned after one pass over its bytes.
    package static func decode(_ text: String) -> String {
        var source = text
        return source.withUTF8 { bytes -> String in
            guard var index = bytes.firstIndex(of: UInt8(ascii: "&")) else { return text }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            result.append(contentsOf: bytes[..<index])
            while index < bytes.count {
                let byte = bytes[index]
                let nameStart = index + 1
                if byte == UInt8(ascii: "&"),
                   let semicolon = bytes[nameStart..<min(bytes.count, nameStart + 12)].firstIndex(of: UInt8(ascii: ";")),
                   let decoded = decodeReference(String(decoding: bytes[nameStart..<semicolon], as: UTF8.self)) {
                    result.append(contentsOf: decoded.utf8)
                    index = semicolon + 1
                } else {
                    result.append(byte)
                    index += 1
                }
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// Escapes `&`, `<`, `>`, `"` and `'` the way WebNIC does (`&#39;` for the apostrophe).
    package static func encode(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") })
        else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    private static func decodeReference(_ name: String) -> String? {
        if let text = named[name] { return text }
        guard name.first == "#" else { return nil }
        let digits = name.dropFirst()
        let value: UInt32?
        if digits.first == "x" || digits.first == "X" {
            value = UInt32(digits.dropFirst(), radix: 16)
        } else {
            value = UInt32(digits, radix: 10)
        }
        guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
        return String(Character(scalar))
    }
}
