import JSONCore
import SafeChange
import WebNIC

/// The JSON the WebNIC methods return for an organization, a change or a dry run.
///
/// WebNIC's `details` becomes `organization`, `tecid` becomes `technicalContactId`, and
/// `dtcreate` / `dtmodify` become `createdAt` / `modifiedAt`, passed through as WebNIC wrote them.
enum OrganizationResult {
    /// The result object for `record`, with `changes` last when given.
    static func json(_ record: OrganizationRecord, changes: [FieldChange]? = nil) -> JSONValue {
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        var object = JSONObject()
        object.reserveCapacity(8)
        object["organizationId"] = .integer(record.organizationId)
        object["organization"] = record.contact.json
        object["technicalContactId"] = text(record.technicalContactId)
        object["digicertOrganizationId"] = text(record.digicertOrganizationId)
        object["resid"] = record.resid.map { .integer($0) } ?? .null
        object["createdAt"] = text(record.createdAt)
        object["modifiedAt"] = text(record.modifiedAt)
        if let changes { object["changes"] = .array(changes.map(\.json)) }
        return .object(object)
    }

    /// The result of a change: the organization as WebNIC holds it (with what changed when known),
    /// or for a dry run `{"dryRun": true, "changes", "request", "modifiedAt"}`: the request exactly
    /// as it would go out, without credentials (null when nothing would change), and, when the
    /// organization was read first, what it changes and the `modifiedAt` the plan was computed from.
    static func json(_ outcome: ChangeOutcome) -> JSONValue {
        switch outcome {
        case .written(let record, let changes):
            return json(record, changes: changes)
        case .unchanged(let record):
            return json(record, changes: [])
        case .planned(let request, let changes, let basis):
            var object = JSONObject()
            object["dryRun"] = true
            if let changes { object["changes"] = .array(changes.map(\.json)) }
            object["request"] = request?.json ?? .null
            if let basis { object["modifiedAt"] = basis.modifiedAt.map(JSONValue.string) ?? .null }
            return .object(object)
        }
    }
}
