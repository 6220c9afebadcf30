import JSONCore
import WebNIC

/// The field checks the simulator applies to Update Organization Contact, as WebNIC would.
///
/// They follow what is documented (names 1–60, the `+CC.NUMBER` phone shape, upper-case country
/// code) plus one rule the plugin does not know in advance (a `zip` of at most 10 characters,
/// assumed), so that WebNIC's own `fieldErrors` can be seen passing through the plugin.
enum SimulatorFieldChecks {
    /// The longest `zip` the simulator accepts (assumed; the plugin does not check it).
    static let maxZipLength = 10

    /// WebNIC's documented phone shape, `+<digits>.<digits>` ("+0.0 format"), without the digit
    /// counts the plugin adds of its own: a stored number the plugin would not accept as input
    /// can still be written back.
    static func isDocumentedPhoneShape(_ text: String) -> Bool {
        let parts = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].first == UInt8(ascii: "+") else { return false }
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        return parts[0].count > 1 && parts[0].dropFirst().allSatisfy(digits.contains) && !parts[1].isEmpty && parts[1].allSatisfy(digits.contains)
    }

    /// WebNIC-style `fieldErrors` for `organization`: one entry per field, each with its messages.
    static func fieldErrors(_ organization: JSONObject) -> [JSONValue] {
        var errors: [(String, [String])] = []
        func add(_ field: String, _ message: String) {
            if let index = errors.firstIndex(where: { $0.0 == field }) {
                errors[index].1.append(message)
            } else {
                errors.append((field, [message]))
            }
        }
        for member in organization.members {
            guard ContactField(rawValue: member.key) != nil else {
                add("organization.\(member.key)", "unknown field")
                continue
            }
            switch member.value {
            case .string, .null: break
            default: add("organization.\(member.key)", "invalid type")
            }
        }
        func text(_ field: ContactField) -> String? { organization[field.rawValue]?.stringValue }
        for field in [ContactField.company, .address1, .city, .countryCode, .phoneNumber, .email]
        where !(text(field).map(ContactFieldFormat.isNonBlank) ?? false) {
            add("organization.\(field.rawValue)", "must not be blank")
        }
        for field in [ContactField.firstName, .lastName] {
            let length = text(field)?.unicodeScalars.count ?? 0
            if length < 1 || length > ContactFieldFormat.maxNameLength {
                add("organization.\(field.rawValue)", "invalid length - min: 1 | max: \(ContactFieldFormat.maxNameLength)")
            }
        }
        if let code = text(.countryCode), !code.isEmpty,
           !(code.utf8.count == 2 && code.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) {
            add("organization.countryCode", "invalid format")
        }
        for field in [ContactField.phoneNumber, .faxNumber] {
            if let value = text(field), !value.isEmpty, !isDocumentedPhoneShape(value) {
                add("organization.\(field.rawValue)", "invalid format")
            }
        }
        if let email = text(.email), !email.isEmpty, !ContactFieldFormat.isEmailAddress(email) {
            add("organization.email", "invalid format")
        }
        if let zip = text(.zip), zip.unicodeScalars.count > maxZipLength {
            add("organization.zip", "invalid length - min: 0 | max: \(maxZipLength)")
        }
        return errors.map { field, messages in
            ["field": .string(field), "messages": .array(messages.map(JSONValue.string))]
        }
    }
}
