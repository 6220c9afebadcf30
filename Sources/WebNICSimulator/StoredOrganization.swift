/// An organization as the simulator keeps it: plain text, escaped only when it is sent.
package struct StoredOrganization: Sendable, Equatable {
    /// WebNIC's id.
    package var organizationId: Int64
    /// The reseller id.
    package var resid: Int64
    /// DigiCert's id.
    package var digicertOrganizationId: String
    /// Contact values by WebNIC's field name; absent means null.
    package var details: [String: String]
    /// The technical contact id.
    package var tecid: String
    /// Creation time, ISO 8601.
    package var dtcreate: String
    /// Last modification time, ISO 8601.
    package var dtmodify: String
    /// When true, updates are refused as a business rule (DigiCert validation in progress).
    package var validationInProgress: Bool

    /// An organization as the simulator keeps it, with these fields.
    package init(
        organizationId: Int64, resid: Int64, digicertOrganizationId: String, details: [String: String],
        tecid: String, dtcreate: String, dtmodify: String, validationInProgress: Bool = false
    ) {
        self.organizationId = organizationId
        self.resid = resid
        self.digicertOrganizationId = digicertOrganizationId
        self.details = details
        self.tecid = tecid
        self.dtcreate = dtcreate
        self.dtmodify = dtmodify
        self.validationInProgress = validationInProgress
    }

    /// The seed data: organization 5 is WebNIC's own example from the Update Organization Contact page;
    /// 6 holds characters WebNIC escapes; 7 is under validation (updates are refused); 8 is stored
    /// as WebNIC is seen to answer at times: a lower-case country code, a creation time with an
    /// offset, a modification time without a zone, and a phone number from before the plugin's
    /// rules (18 digits, more than it accepts as input).
    package static let seeds: [StoredOrganization] = [
        StoredOrganization(
            organizationId: 5, resid: 2740, digicertOrganizationId: "2075297",
            details: [
                "company": "Nelson Solutions", "firstName": "First Name Here's", "lastName": "LastN",
                "address1": "L4-E-2, HIVE 5, Mranti 2", "city": "Bukit Jalil 2", "state": "Selangor 2",
                "countryCode": "SG", "zip": "571001", "phoneNumber": "+022.6506503", "email": "wj@webnic.cc",
                "jobTitle": "guru",
            ],
            tecid: "SSL10619T", dtcreate: "2025-01-02T04:10:05Z", dtmodify: "2025-01-13T12:52:01.973992Z"
        ),
        StoredOrganization(
            organizationId: 6, resid: 2740, digicertOrganizationId: "2075311",
            details: [
                "company": "Tan & Daughters <Trading> Sdn. Bhd.", "firstName": "Mei Ling", "lastName": "Tan",
                "address1": "12 Jalan \"Ampang\"", "address2": "Level 3", "city": "Kuala Lumpur",
                "state": "Wilayah Persekutuan", "countryCode": "MY", "zip": "50450", "phoneNumber": "+60.321234567",
                "faxNumber": "+60.321234568", "email": "meiling@tan-daughters.example", "jobTitle": "Director",
            ],
            tecid: "WNC970363T", dtcreate: "2025-02-10T08:00:00Z", dtmodify: "2025-02-10T08:00:00Z"
        ),
        StoredOrganization(
            organizationId: 7, resid: 2740, digicertOrganizationId: "2075400",
            details: [
                "company": "Pending Validation Ltd", "firstName": "Ada", "lastName": "Lovelace",
                "address1": "1 Analytical Way", "city": "London", "countryCode": "GB",
                "phoneNumber": "+44.2071234567", "email": "ada@pending.example",
            ],
            tecid: "SSL20001T", dtcreate: "2025-03-01T09:30:00Z", dtmodify: "2025-03-01T09:30:00Z",
            validationInProgress: true
        ),
        StoredOrganization(
            organizationId: 8, resid: 2740, digicertOrganizationId: "2075512",
            details: [
                "company": "Legacy Records Bhd", "firstName": "Ahmad", "lastName": "Ismail", "address1": "3 Jalan Lama",
                "city": "Ipoh", "countryCode": "my", "phoneNumber": "+60.512345678901234567", "email": "ahmad@legacy.example",
            ],
            tecid: "SSL10619T", dtcreate: "2019-05-20T11:00:00+08:00", dtmodify: "2019-05-20T11:00:00"
        ),
    ]
}
