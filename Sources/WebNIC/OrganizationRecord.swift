import JSONCore

/// One organization as WebNIC returns it from Get Organization Info and Update Organization Contact.
package struct OrganizationRecord: Sendable, Equatable {
    /// WebNIC's organization id.
    package var organizationId: Int64
    /// The contact (`details`), HTML references decoded.
    package var contact: OrganizationContact
    /// The technical contact id (`tecid`).
    package var technicalContactId: String?
    /// DigiCert's id of the organization.
    package var digicertOrganizationId: String?
    /// The reseller id (`resid`).
    package var resid: Int64?
    /// `dtcreate`, as WebNIC wrote it.
    package var createdAt: String?
    /// `dtmodify`, as WebNIC wrote it.
    package var modifiedAt: String?

    /// The organization with these fields, as WebNIC returned it.
    package init(
        organizationId: Int64, contact: OrganizationContact, technicalContactId: String?,
        digicertOrganizationId: String?, resid: Int64?, createdAt: String?, modifiedAt: String?
    ) {
        self.organizationId = organizationId
        self.contact = contact
        self.technicalContactId = technicalContactId
        self.digicertOrganizationId = digicertOrganizationId
        self.resid = resid
        self.createdAt = createdAt
        self.modifiedAt = modifiedAt
    }

    /// The record in an envelope's `data`; every string is HTML-entity-decoded, the country code
    /// upper case (WebNIC may answer `my`), and the timestamps RFC 3339 in UTC when WebNIC gives a
    /// zone (an offset is converted, the fraction kept as written; a time without a zone is kept
    /// as written).
    ///
    /// Throws a description of the first thing that is not as WebNIC documents it.
    package init(data: JSONValue?) throws(DecodingProblem) {
        guard let data, !data.isNull else { throw DecodingProblem("the answer has no `data`, where the organization belongs") }
        guard let object = data.objectValue else { throw DecodingProblem("`data`: expected an object, got \(data.kindDescription)") }
        guard let organizationId = object["organizationId"]?.numberValue?.int64Value else {
            throw DecodingProblem("`data.organizationId`: expected an integer")
        }
        guard let details = object["details"]?.objectValue else {
            throw DecodingProblem("`data.details`: expected an object")
        }
        var contact = OrganizationContact()
        var position = 0
        for field in ContactField.allCases {
            switch details.value(forKey: field.rawValue, from: &position) {
            case nil, .null?: break
            case .string(let value)?: contact[field] = field == .countryCode ? value.uppercased() : HTMLEntities.decode(value)
            default: throw DecodingProblem("`data.details.\(field.rawValue)`: expected a string or null")
            }
        }
        func text(_ key: String) throws(DecodingProblem) -> String? {
            switch object[key] {
            case nil, .null?: return nil
            case .string(let value)?: return HTMLEntities.decode(value)
            case .number(let number)?: return number.literal
            default: throw DecodingProblem("`data.\(key)`: expected a string")
            }
        }
        let resid: Int64?
        switch object["resid"] {
        case nil, .null?: resid = nil
        case .number(let number)?:
            guard let value = number.int64Value else { throw DecodingProblem("`data.resid`: expected an integer") }
            resid = value
        default: throw DecodingProblem("`data.resid`: expected an integer")
        }
        self.init(
            organizationId: organizationId, contact: contact, technicalContactId: try text("tecid"),
            digicertOrganizationId: try text("digicertOrganizationId"), resid: resid,
            createdAt: Self.normalized(try text("dtcreate")), modifiedAt: Self.normalized(try text("dtmodify"))
        )
    }

    /// `text` as RFC 3339 in UTC when it is a timestamp with a zone; else as written.
    private static func normalized(_ text: String?) -> String? {
        text.map { Timestamp.rfc3339UTC($0) ?? $0 }
    }
}
