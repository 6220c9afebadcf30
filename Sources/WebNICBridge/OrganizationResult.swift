import JSONCore
import WebNIC

/// The JSON both WebNIC methods return for an organization.
///
/// WebNIC's `details` becomes `organization`, `tecid` becomes `technicalContactId`, and
/// `dtcreate` / `dtmodify` become `createdAt` / `modifiedAt`, passed through as WebNIC wrote them.
enum OrganizationResult {
    /// The result object for `record`.
    static func json(_ record: OrganizationRecord) -> JSONValue {
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        var object = JSONObject()
        object["organizationId"] = .integer(record.organizationId)
        object["organization"] = record.contact.json
        object["technicalContactId"] = text(record.technicalContactId)
        object["digicertOrganizationId"] = text(record.digicertOrganizationId)
        object["resid"] = record.resid.map { .integer($0) } ?? .null
        object["createdAt"] = text(record.createdAt)
        object["modifiedAt"] = text(record.modifiedAt)
        return .object(object)
    }

    /// The result of a dry run: the request exactly as it would go out, without credentials.
    static func dryRun(method: String, url: String, body: JSONValue) -> JSONValue {
        ["dryRun": true, "request": ["method": .string(method), "url": .string(url), "body": body]]
    }
}
