/// The fields of an organization contact, in WebNIC's order.
package enum ContactField: String, Sendable, CaseIterable, Hashable {
    case company, firstName, lastName, address1, address2, city, state, countryCode, zip
    case phoneNumber, faxNumber, email, jobTitle

    /// The field's place in WebNIC's order, from 0.
    package var position: Int {
        switch self {
        case .company: return 0
        case .firstName: return 1
        case .lastName: return 2
        case .address1: return 3
        case .address2: return 4
        case .city: return 5
        case .state: return 6
        case .countryCode: return 7
        case .zip: return 8
        case .phoneNumber: return 9
        case .faxNumber: return 10
        case .email: return 11
        case .jobTitle: return 12
        }
    }
}
