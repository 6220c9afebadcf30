import JSONCore

/// What Update Organization Contact sends: the organization, its contact, and optionally the technical contact.
package struct ContactUpdate: Sendable, Equatable {
    /// The organization to update.
    package var organizationId: Int64
    /// The contact fields to send; a field given as null is sent as null, one not given is not sent.
    package var organization: [ContactField: JSONValue]
    /// The technical contact id, sent only when given.
    package var technicalContactId: String?

    /// The contact `organization` for organization `organizationId`, and a new technical contact when given.
    package init(organizationId: Int64, organization: [ContactField: JSONValue], technicalContactId: String?) {
        self.organizationId = organizationId
        self.organization = organization
        self.technicalContactId = technicalContactId
    }

    /// The JSON body WebNIC receives, fields in WebNIC's order.
    package var body: JSONValue {
        var contact = JSONObject()
        for field in ContactField.allCases {
            if let value = organization[field] { contact[field.rawValue] = value }
        }
        var object = JSONObject()
        object["organization"] = .object(contact)
        if let technicalContactId { object["technicalContactId"] = .string(technicalContactId) }
        return .object(object)
    }
}
