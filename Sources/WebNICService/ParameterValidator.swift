import JSONCore
import JSONRPC
import SafeChange
import WebNIC

/// Checks method parameters before any network call and lists every problem at once.
///
/// Problems are named by dotted path (`organization.email`) and say what was expected.
/// Unknown keys are refused, with a suggestion when a known key is close.
enum ParameterValidator {
    /// The largest organization id accepted: 2^53 − 1, the largest integer every JSON parser keeps exactly.
    static let maxOrganizationId: Int64 = 9_007_199_254_740_991

    /// Keys of a `getOrganization` result that `updateOrganizationContact` accepts and ignores,
    /// so that a result can be edited and passed straight back.
    static let readOnlyKeys = ["digicertOrganizationId", "resid", "createdAt", "modifiedAt"]

    /// The organization id of `getOrganization`.
    static func getOrganization(_ params: JSONValue?) throws(ResponseError) -> Int64 {
        let object = try namedParams(params, example: #"{"organizationId": 5}"#)
        var problems: [FieldError] = []
        rejectUnknownKeys(of: object, known: ["organizationId"], path: "", into: &problems)
        let id = organizationId(object["organizationId"], into: &problems)
        guard problems.isEmpty, let id else { throw ResponseError.invalidParams(problems) }
        return id
    }

    /// The params of `rpc.discover`: none (absent or `{}`).
    static func discover(_ params: JSONValue?) throws(ResponseError) {
        let object = try namedParams(params, example: "{}")
        var problems: [FieldError] = []
        rejectUnknownKeys(of: object, known: [], path: "", into: &problems)
        guard problems.isEmpty else { throw ResponseError.invalidParams(problems) }
    }

    /// The params of `updateOrganizationContact`.
    static func updateOrganizationContact(_ params: JSONValue?) throws(ResponseError) -> UpdateParams {
        let members = try change(
            params, example: #"{"organizationId": 5, "organization": {…}}"#,
            known: ["organizationId", "organization", "technicalContactId", "expectedModifiedAt", "dryRun"] + readOnlyKeys,
            payload: "organization", contact
        )
        let update = ContactUpdate(organizationId: members.organizationId, organization: members.payload, technicalContactId: members.technicalContactId)
        return UpdateParams(update: update, dryRun: members.dryRun, expectedModifiedAt: members.expectedModifiedAt)
    }

    /// The params of `patchOrganizationContact`: `changes` holds any of the contact fields, each a
    /// string that sets it or null that clears it (an optional field only).
    static func patchOrganizationContact(_ params: JSONValue?) throws(ResponseError) -> PatchParams {
        try patch(params, known: ["organizationId", "changes", "technicalContactId", "expectedModifiedAt", "dryRun"])
    }

    /// The params of `planOrganizationContactChange`: a patch's, without `expectedModifiedAt` and
    /// `dryRun` (a plan never writes).
    static func planOrganizationContactChange(_ params: JSONValue?) throws(ResponseError) -> PatchParams {
        let checked = try patch(params, known: ["organizationId", "changes", "technicalContactId"])
        return PatchParams(organizationId: checked.organizationId, patch: checked.patch, dryRun: true, expectedModifiedAt: nil)
    }

    private static func patch(_ params: JSONValue?, known: [String]) throws(ResponseError) -> PatchParams {
        let members = try change(
            params, example: #"{"organizationId": 5, "changes": {"email": "admin@example.com"}}"#, known: known, payload: "changes", changes
        )
        return PatchParams(
            organizationId: members.organizationId, patch: ContactPatch(edits: members.payload, technicalContactId: members.technicalContactId),
            dryRun: members.dryRun, expectedModifiedAt: members.expectedModifiedAt
        )
    }

    /// What every contact change names besides its payload (the whole contact, or the changes).
    private struct ChangeMembers<Payload> {
        var organizationId: Int64
        var payload: Payload
        var technicalContactId: String?
        var expectedModifiedAt: String?
        var dryRun: Bool
    }

    /// The members of a contact change's params, checked in the order their problems are listed:
    /// unknown keys (`known` are not), the organization id, the payload at `key` (read by
    /// `payload`), the technical contact, the guard and the dry-run flag.
    private static func change<Payload>(
        _ params: JSONValue?, example: String, known: [String], payload key: String,
        _ payload: (JSONValue?, inout [FieldError]) -> Payload?
    ) throws(ResponseError) -> ChangeMembers<Payload> {
        let object = try namedParams(params, example: example)
        var problems: [FieldError] = []
        rejectUnknownKeys(of: object, known: known, path: "", into: &problems)
        let id = organizationId(object["organizationId"], into: &problems)
        let read = payload(object[key], &problems)
        let technicalContactId = technicalContactId(object["technicalContactId"], into: &problems)
        let expectedModifiedAt = expectedModifiedAt(object["expectedModifiedAt"], into: &problems)
        let dryRun = dryRun(object["dryRun"], into: &problems)
        guard problems.isEmpty, let id, let read else { throw ResponseError.invalidParams(problems) }
        return ChangeMembers(
            organizationId: id, payload: read, technicalContactId: technicalContactId, expectedModifiedAt: expectedModifiedAt, dryRun: dryRun
        )
    }

    /// The organization id, when `params` is an object holding a valid one: for ordering, before
    /// the params are checked in full.
    static func organizationId(of params: JSONValue?) -> Int64? {
        guard let value = params?["organizationId"]?.numberValue?.integralValue, (1...maxOrganizationId).contains(value) else { return nil }
        return value
    }

    private static func namedParams(_ params: JSONValue?, example: String) throws(ResponseError) -> JSONObject {
        switch params {
        case nil: return JSONObject()
        case .object(let object)?: return object
        default: throw ResponseError.paramsNotByName(example)
        }
    }

    private static func organizationId(_ value: JSONValue?, into problems: inout [FieldError]) -> Int64? {
        let range = "an integer from 1 to \(maxOrganizationId)"
        switch value {
        case nil:
            problems.append(FieldError(field: "organizationId", message: "is required: \(range)"))
        case .number(let number)?:
            guard let id = number.integralValue, (1...maxOrganizationId).contains(id) else {
                problems.append(FieldError(field: "organizationId", message: "expected \(range), got \(number.literal)"))
                return nil
            }
            return id
        case let other?:
            problems.append(FieldError(field: "organizationId", message: "expected \(range), got \(other.kindDescription)"))
        }
        return nil
    }

    /// The object `value` holds, or `nil` with a problem at `field`: `missing` says what is required.
    private static func object(_ value: JSONValue?, at field: String, missing: String, into problems: inout [FieldError]) -> JSONObject? {
        guard let value else {
            problems.append(FieldError(field: field, message: "is required: \(missing)"))
            return nil
        }
        guard let object = value.objectValue else {
            problems.append(FieldError(field: field, message: "expected an object, got \(value.kindDescription)"))
            return nil
        }
        return object
    }

    private static func contact(_ value: JSONValue?, into problems: inout [FieldError]) -> [ContactField: JSONValue]? {
        guard let object = object(value, at: "organization", missing: "an object with the contact fields", into: &problems) else { return nil }
        rejectUnknownKeys(of: object, known: ContactField.allCases.map(\.rawValue), path: "organization.", into: &problems)
        var result: [ContactField: JSONValue] = [:]
        let before = problems.count
        for field in ContactField.allCases {
            let path = "organization.\(field.rawValue)"
            let rule = ContactFieldRule.rule(for: field)
            switch object[field.rawValue] {
            case nil:
                if rule.isRequired { problems.append(FieldError(field: path, message: "is required")) }
            case .null?:
                if rule.isRequired {
                    problems.append(FieldError(field: path, message: "is required and may not be null"))
                } else {
                    result[field] = .null
                }
            case let other?:
                if let text = text(other, of: field, path: path, nullable: !rule.isRequired, into: &problems) { result[field] = .string(text) }
            }
        }
        return problems.count == before ? result : nil
    }

    /// The edits of a patch's `changes`: any of the contact fields, each a string that sets it or
    /// null that clears it; only the fields named are checked.
    private static func changes(_ value: JSONValue?, into problems: inout [FieldError]) -> [ContactField: ContactPatch.Edit]? {
        let missing = #"an object with the contact fields to change, for example {"email": "admin@example.com"}"#
        guard let object = object(value, at: "changes", missing: missing, into: &problems) else { return nil }
        rejectUnknownKeys(of: object, known: ContactField.allCases.map(\.rawValue), path: "changes.", into: &problems)
        var edits: [ContactField: ContactPatch.Edit] = [:]
        let before = problems.count
        for field in ContactField.allCases {
            guard let value = object[field.rawValue] else { continue }
            let path = "changes.\(field.rawValue)"
            let rule = ContactFieldRule.rule(for: field)
            if value.isNull {
                if rule.isRequired {
                    problems.append(FieldError(field: path, message: "is required and cannot be cleared: give a new value or leave it out to keep it"))
                } else {
                    edits[field] = .clear
                }
            } else if let text = text(value, of: field, path: path, nullable: !rule.isRequired, into: &problems) {
                edits[field] = .set(text)
            }
        }
        return problems.count == before ? edits : nil
    }

    /// A contact value given as a string, checked against its field's rule, as it is to be sent
    /// (a country code upper case); `nil` with a problem recorded when it breaks the rule.
    private static func text(
        _ value: JSONValue, of field: ContactField, path: String, nullable: Bool, into problems: inout [FieldError]
    ) -> String? {
        let rule = ContactFieldRule.rule(for: field)
        guard case .string(let text) = value else {
            problems.append(FieldError(field: path, message: "expected \(nullable ? "a string or null" : "a string"), got \(value.kindDescription)"))
            return nil
        }
        if ContactFieldFormat.containsControlCharacter(text) {
            problems.append(FieldError(field: path, message: "must not contain control characters"))
        } else if !ContactFieldFormat.isNonBlank(text) {
            if !rule.isRequired { return text }
            problems.append(FieldError(field: path, message: "must not be blank"))
        } else if let problem = rule.problem(with: text) {
            problems.append(FieldError(field: path, message: problem))
        } else {
            return rule.format == .countryCode ? text.uppercased() : text
        }
        return nil
    }

    private static func technicalContactId(_ value: JSONValue?, into problems: inout [FieldError]) -> String? {
        switch value {
        case nil, .null?:
            return nil
        case .string(let text)? where ContactFieldFormat.isContactId(text):
            return text
        case .string?:
            problems.append(FieldError(
                field: "technicalContactId",
                message: "expected 1-\(ContactFieldFormat.maxContactIdLength) ASCII letters, digits or -, for example SSL10619T"
            ))
        case let other?:
            problems.append(FieldError(field: "technicalContactId", message: "expected a string, got \(other.kindDescription)"))
        }
        return nil
    }

    private static func expectedModifiedAt(_ value: JSONValue?, into problems: inout [FieldError]) -> String? {
        let expected = "the modifiedAt of a getOrganization result, an ISO 8601 timestamp such as 2025-01-13T12:52:01.973992Z"
        switch value {
        case nil:
            return nil
        case .string(let text)? where Timestamp(text) != nil:
            return text
        case .string(let text)?:
            problems.append(FieldError(field: "expectedModifiedAt", message: "expected \(expected), got \(JSONValue.string(text).jsonText)"))
        case let other?:
            problems.append(FieldError(field: "expectedModifiedAt", message: "expected \(expected), got \(other.kindDescription)"))
        }
        return nil
    }

    private static func dryRun(_ value: JSONValue?, into problems: inout [FieldError]) -> Bool {
        switch value {
        case nil: return false
        case .bool(let flag)?: return flag
        case let other?:
            problems.append(FieldError(field: "dryRun", message: "expected a boolean, got \(other.kindDescription)"))
            return false
        }
    }

    private static func rejectUnknownKeys(of object: JSONObject, known: [String], path: String, into problems: inout [FieldError]) {
        for key in object.members.lazy.map(\.key) where !known.contains(key) {
            let message: String
            if known.isEmpty {
                message = "unknown field; this method takes no params"
            } else if let suggestion = ClosestName.to(key, among: known) {
                message = "unknown field; did you mean `\(suggestion)`?"
            } else {
                message = "unknown field; expected one of: \(known.joined(separator: ", "))"
            }
            problems.append(FieldError(field: path + key, message: message))
        }
    }
}
