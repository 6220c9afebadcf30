/// A JSON number, held as the literal text it was written with.
///
/// The literal is always valid JSON number syntax. Conversions are exact or fail:
/// `int64Value` is `nil` for `1.5`, `1e3` or `2^64`.
package struct JSONNumber: Sendable, Hashable {
    /// The number exactly as written, for example `-0`, `42` or `1e400`.
    package let literal: String

    /// A number from a literal already checked to be JSON number syntax.
    init(validatedLiteral: String) {
        self.literal = validatedLiteral
    }

    /// A number holding an integer.
    package init<T: BinaryInteger>(integer: T) {
        self.literal = String(integer)
    }

    /// Whether the literal is written as an integer: no fraction and no exponent.
    package var isIntegerLiteral: Bool {
        !literal.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// The value as an `Int64`, when the literal is an integer that fits.
    package var int64Value: Int64? {
        isIntegerLiteral ? Int64(literal) : nil
    }

    /// The value as an `Int64` when it is a whole number that fits, however it is written:
    /// `5`, `5.0`, `5e0` and `50E-1` all give 5 (JSON Schema's idea of an integer); `5.5` and
    /// `1e400` give `nil`. Computed on the digits, never through `Double`.
    package var integralValue: Int64? {
        if let plain = int64Value { return plain }
        var text = Substring(literal)
        let negative = text.hasPrefix("-")
        if negative { text = text.dropFirst() }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int(text[text.index(after: e)...].drop { $0 == "+" }), abs(value) < 1000 else { return nil }
            exponent = value
            text = text[..<e]
        }
        var digits = String(text)
        if let dot = text.firstIndex(of: ".") {
            let fraction = text[text.index(after: dot)...]
            exponent -= fraction.count
            digits = String(text[..<dot]) + fraction
        }
        digits = String(digits.drop { $0 == "0" })
        if digits.isEmpty { return 0 }
        if exponent < 0 {
            guard digits.count >= -exponent, digits.suffix(-exponent).allSatisfy({ $0 == "0" }) else { return nil }
            digits = String(digits.dropLast(-exponent))
            if digits.isEmpty { return 0 }
        } else {
            guard digits.count + exponent <= 19 else { return nil }
            digits += String(repeating: "0", count: exponent)
        }
        return Int64((negative ? "-" : "") + digits)
    }

}
