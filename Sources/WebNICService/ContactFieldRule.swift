import WebNIC

/// What each contact field must hold before it is sent: the plugin's field rules, in one table.
///
/// `schema/openrpc.json` (`OrganizationInput`) states the same rules; a test feeds the same
/// inputs to both. Where WebNIC's rule is unknown, nothing stricter is invented.
package struct ContactFieldRule: Sendable {
    /// The shape a value must have.
    package enum Format: Sendable {
        /// Any text without control characters.
        case text
        /// 1 to 60 characters.
        case personName
        /// An ISO 3166-1 alpha-2 code, any case; sent upper case.
        case countryCode
        /// `+CC.NNNN…`.
        case phoneNumber
        /// An e-mail address.
        case email
    }

    /// Whether the field must be present, non-null and non-blank.
    package let isRequired: Bool
    /// The shape of its value.
    package let format: Format

    /// The rule for `field`.
    package static func rule(for field: ContactField) -> ContactFieldRule {
        switch field {
        case .company, .address1, .city: return ContactFieldRule(isRequired: true, format: .text)
        case .firstName, .lastName: return ContactFieldRule(isRequired: true, format: .personName)
        case .countryCode: return ContactFieldRule(isRequired: true, format: .countryCode)
        case .phoneNumber: return ContactFieldRule(isRequired: true, format: .phoneNumber)
        case .email: return ContactFieldRule(isRequired: true, format: .email)
        case .faxNumber: return ContactFieldRule(isRequired: false, format: .phoneNumber)
        case .address2, .state, .zip, .jobTitle: return ContactFieldRule(isRequired: false, format: .text)
        }
    }

    /// Why `value` breaks the format, or `nil` when it is fine. `value` is not empty.
    func problem(with value: String) -> String? {
        switch format {
        case .text:
            return nil
        case .personName:
            let length = value.unicodeScalars.count
            return length > ContactFieldFormat.maxNameLength
                ? "must be at most \(ContactFieldFormat.maxNameLength) characters (got \(length))" : nil
        case .countryCode:
            return OpenRPCDocument.countryCodes.contains(value.uppercased()) && ContactFieldFormat.isCountryCodeShape(value)
                ? nil : "expected an ISO 3166-1 alpha-2 country code such as MY or SG (got \(value.debugDescription))"
        case .phoneNumber:
            return ContactFieldFormat.isPhoneNumber(value)
                ? nil : "expected +, a country calling code of 1-3 digits, a dot and 4-14 digits, for example +60.123456789"
        case .email:
            return ContactFieldFormat.isEmailAddress(value)
                ? nil : "expected an e-mail address such as admin@example.com: one @, a domain with a dot, no spaces, at most 254 characters"
        }
    }
}
