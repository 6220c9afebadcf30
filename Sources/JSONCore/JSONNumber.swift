/// A JSON number, held as the literal text it was written with.
///
/// The literal is always valid JSON number syntax. Conversions are exact or fail:
/// `int64Value` is `nil` for `1.5`, `1e3` or `2^64`.
public struct JSONNumber: Sendable, Hashable {
    /// The number exactly as written, for example `-0`, `42` or `1e400`.
    public let literal: String

    /// A number from a literal already checked to be JSON number syntax.
    init(validatedLiteral: String) {
        self.literal = validatedLiteral
    }

    /// A number holding an integer.
    public init<T: BinaryInteger>(integer: T) {
        self.literal = String(integer)
    }

    /// Whether the literal is written as an integer: no fraction and no exponent.
    public var isIntegerLiteral: Bool {
        !literal.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// The value as an `Int64`, when the literal is an integer that fits.
    public var int64Value: Int64? {
        isIntegerLiteral ? Int64(literal) : nil
    }

    /// The value as a `Double` (approximate), for figures such as a timeout.
    public var doubleValue: Double? {
        Double(literal)
    }
}
