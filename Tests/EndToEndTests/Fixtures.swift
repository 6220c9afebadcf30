import JSONCore

/// What the end-to-end tests expect back, written out in full.
enum Fixtures {
    /// Organization 5 as webnic-rpc returns it: WebNIC's own example, `&#39;` decoded.
    static let organization5 = #"""
    {"organizationId":5,"organization":{"company":"Nelson Solutions","firstName":"First Name Here's","lastName":"LastN","address1":"L4-E-2, HIVE 5, Mranti 2","address2":null,"city":"Bukit Jalil 2","state":"Selangor 2","countryCode":"SG","zip":"571001","phoneNumber":"+022.6506503","faxNumber":null,"email":"wj@webnic.cc","jobTitle":"guru"},"technicalContactId":"SSL10619T","digicertOrganizationId":"2075297","resid":2740,"createdAt":"2025-01-02T04:10:05Z","modifiedAt":"2025-01-13T12:52:01.973992Z"}
    """#

    /// A valid contact for updates.
    static let contact: JSONValue = [
        "company": "Nelson & Sons", "firstName": "Johny", "lastName": "O'Nelson", "address1": "L4-E-2, HIVE 5, Mranti 2",
        "address2": "", "city": "Bukit Jalil", "state": "Selangor", "countryCode": "my", "zip": "57100",
        "phoneNumber": "+60.123456789", "faxNumber": nil, "email": "admin@nelson.example", "jobTitle": "CEO",
    ]

    /// The error `data` every test expects for `category`, as the contract states it.
    static func errorBase(_ category: String, retryable: Bool, hint: String) -> [JSONObject.Member] {
        [.init(key: "category", value: .string(category)), .init(key: "retryable", value: .bool(retryable)), .init(key: "hint", value: .string(hint))]
    }
}
