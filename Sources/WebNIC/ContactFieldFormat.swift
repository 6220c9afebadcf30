/// WebNIC's documented formats for contact values, as predicates.
///
/// The plugin validates with these before calling WebNIC, and the simulator enforces them as
/// WebNIC does; `schema/openrpc.json` states the same rules as JSON Schema patterns, and a test
/// feeds both the same inputs.
package enum ContactFieldFormat {
    /// The longest first or last name WebNIC accepts (documented for the Domain API: 1 to 60).
    package static let maxNameLength = 60
    /// The longest e-mail address accepted (RFC 5321's path limit).
    package static let maxEmailLength = 254
    /// The longest technical contact id accepted.
    package static let maxContactIdLength = 32

    /// `+` 1–3 digits `.` 4–14 digits, for example `+60.123456789`.
    package static func isPhoneNumber(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.first == UInt8(ascii: "+"), let dot = bytes.firstIndex(of: UInt8(ascii: ".")) else { return false }
        let country = bytes[1..<dot]
        let number = bytes[(dot + 1)...]
        return (1...3).contains(country.count) && (4...14).contains(number.count)
            && country.allSatisfy(isDigit) && number.allSatisfy(isDigit)
    }

    /// One `@`, a non-empty local part, a domain with a dot inside it, no white space, at most 254 characters.
    package static func isEmailAddress(_ text: String) -> Bool {
        guard text.unicodeScalars.count <= maxEmailLength, !text.contains(where: \.isWhitespace) else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        return parts[1].dropFirst().dropLast().contains(".")
    }

    /// 1–32 ASCII letters, digits or `-`, for example `SSL10619T`.
    package static func isContactId(_ text: String) -> Bool {
        (1...maxContactIdLength).contains(text.utf8.count)
            && text.utf8.allSatisfy { isDigit($0) || isASCIILetter($0) || $0 == UInt8(ascii: "-") }
    }

    /// Two ASCII letters (any case): the shape of an ISO 3166-1 alpha-2 code.
    package static func isCountryCodeShape(_ text: String) -> Bool {
        text.utf8.count == 2 && text.utf8.allSatisfy(isASCIILetter)
    }

    /// Whether `text` holds a control character (U+0000–U+001F, U+007F–U+009F).
    package static func containsControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    /// Whether `text` has at least one character that is not white space.
    package static func isNonBlank(_ text: String) -> Bool {
        text.contains { !$0.isWhitespace }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}
