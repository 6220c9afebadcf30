/// The fields of an organization contact, in WebNIC's order.
public enum ContactField: String, Sendable, CaseIterable, Hashable {
    case company, firstName, lastName, address1, address2, city, state, countryCode, zip
    case phoneNumber, faxNumber, email, jobTitle
}
