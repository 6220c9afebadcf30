/// The layers an echo can wrap text in, taken off one after another: JSON string escapes (Go's
/// `\u0026` and every character as `\uXXXX` included), HTML character references (named, decimal
/// and hexadecimal), and percent-encoding; applied until nothing changes, so that text escaped
/// twice, or HTML inside JSON, comes out plain. For finding secrets, never for data.
enum EchoDecoding {
    /// `text` with every layer taken off, at most `rounds` times over.
    static func plain(_ text: String, rounds: Int = 6) -> String {
        var current = Array(text.unicodeScalars)
        for _ in 0..<rounds {
            let next = percentDecoded(htmlDecoded(jsonUnescaped(current)))
            if next == current { break }
            current = next
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: current)
        return result
    }

    /// `\"`, `\\`, `\/`, `\n`, `\r`, `\t`, `\b`, `\f` and `\uXXXX` (surrogate pairs joined) resolved.
    static func jsonUnescaped(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        var index = 0
        func hex(at start: Int) -> UInt32? {
            guard start + 4 <= scalars.count else { return nil }
            var value: UInt32 = 0
            for scalar in scalars[start..<(start + 4)] {
                guard let digit = hexLetterOrDigit(scalar) else { return nil }
                value = value * 16 + digit
            }
            return value
        }
        while index < scalars.count {
            guard scalars[index] == "\\", index + 1 < scalars.count else {
                result.append(scalars[index])
                index += 1
                continue
            }
            let next = scalars[index + 1]
            switch next {
            case "\"", "\\", "/": result.append(next); index += 2
            case "n": result.append("\n"); index += 2
            case "r": result.append("\r"); index += 2
            case "t": result.append("\t"); index += 2
            case "b": result.append("\u{08}"); index += 2
            case "f": result.append("\u{0C}"); index += 2
            case "u":
                guard let unit = hex(at: index + 2) else {
                    result.append(scalars[index])
                    index += 1
                    continue
                }
                if (0xD800...0xDBFF).contains(unit), index + 12 <= scalars.count,
                   scalars[index + 6] == "\\", scalars[index + 7] == "u", let low = hex(at: index + 8), (0xDC00...0xDFFF).contains(low),
                   let joined = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) {
                    result.append(joined)
                    index += 12
                } else if let scalar = Unicode.Scalar(unit) {
                    result.append(scalar)
                    index += 6
                } else {
                    result.append(scalars[index])
                    index += 1
                }
            default:
                result.append(scalars[index])
                index += 1
            }
        }
        return result
    }

    /// `&amp;`-style, `&#38;` and `&#x26;` references resolved (the named ones WebNIC writes).
    static func htmlDecoded(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard scalars.contains("&") else { return scalars }
        var result: [Unicode.Scalar] = []
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "&", let end = scalars[index...].prefix(12).firstIndex(of: ";") else {
                result.append(scalars[index])
                index += 1
                continue
            }
            let name = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
            if let decoded = reference(name) {
                result.append(decoded)
                index = end + 1
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return result
    }

    /// `%XX` sequences that make UTF-8 resolved; `+` stays as it is.
    static func percentDecoded(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard scalars.contains("%") else { return scalars }
        var bytes: [UInt8] = []
        var index = 0
        while index < scalars.count {
            if scalars[index] == "%", index + 2 < scalars.count, let high = hexLetterOrDigit(scalars[index + 1]),
               let low = hexLetterOrDigit(scalars[index + 2]) {
                bytes.append(UInt8(high * 16 + low))
                index += 3
            } else {
                bytes.append(contentsOf: String(scalars[index]).utf8)
                index += 1
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { return scalars }
        return Array(text.unicodeScalars)
    }

    private static func reference(_ name: String) -> Unicode.Scalar? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return "\u{A0}"
        default: break
        }
        guard name.hasPrefix("#") else { return nil }
        let digits = name.dropFirst()
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        return value.flatMap(Unicode.Scalar.init)
    }

    /// The value of a hexadecimal digit, either case.
    private static func hexLetterOrDigit(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": return scalar.value - 0x30
        case "a"..."f": return scalar.value - 0x61 + 10
        case "A"..."F": return scalar.value - 0x41 + 10
        default: return nil
        }
    }
}
