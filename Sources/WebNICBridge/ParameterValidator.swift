import JSONCore
import JSONRPC
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
    static func getOrganization(_ params: JSONValue?) -> Result<Int64, ResponseError> {
        let object: JSONObject
        switch namedParams(params, example: #"{"organizationId": 5}"#) {
        case .success(let value): object = value
        case .failure(let error): return .failure(error)
        }
        var problems: [FieldError] = []
        rejectUnknownKeys(of: object, known: ["organizationId"], path: "", into: &problems)
        let id = organizationId(object["organizationId"], into: &problems)
        guard problems.isEmpty, let id else { return .failure(MethodError.invalidParams(problems)) }
        return .success(id)
    }

    /// The update and the dry-run flag of `updateOrganizationContact`.
    static func updateOrganizationContact(_ params: JSONValue?) -> Result<(update: ContactUpdate, dryRun: Bool), ResponseError> {
        let object: JSONObject
        switch namedParams(params, example: #"{"organizationId": 5, "organization": {…}}"#) {
        case .success(let value): object = value
        case .failure(let error): return .failure(error)
        }
        var problems: [FieldError] = []
        rejectUnknownKeys(
            of: object, known: ["organizationId", "organization", "technicalContactId", "dryRun"] + readOnlyKeys,
            path: "", into: &problems
        )
        let id = organizationId(object["organizationId"], into: &problems)
        let organization = contact(object["organization"], into: &problems)
        var technicalContactId: String?
        switch object["technicalContactId"] {
        case nil, .null?: break
        case .string(let value)?:
            if ContactFieldFormat.isContactId(value) {
                technicalContactId = value
            } else {
                problems.append(FieldError(
                    field: "technicalContactId",
                    message: "expected 1-\(ContactFieldFormat.maxContactIdLength) ASCII letters, digits or -, for example SSL10619T"
                ))
            }
        case let other?:
            problems.append(FieldError(field: "technicalContactId", message: "expected a string, got \(other.kindDescription)"))
        }
        var dryRun = false
        switch object["dryRun"] {
        case nil: break
        case .bool(let value)?: dryRun = value
        case let other?: problems.append(FieldError(field: "dryRun", message: "expected a boolean, got \(other.kindDescription)"))
        }
        guard problems.isEmpty, let id, let organization else { return .failure(MethodError.invalidParams(problems)) }
        return .success((ContactUpdate(organizationId: id, organization: organization, technicalContactId: technicalContactId), dryRun))
    }

    private static func namedParams(_ params: JSONValue?, example: String) -> Result<JSONObject, ResponseError> {
        switch params {
        case nil: return .success(JSONObject())
        case .object(let object)?: return .success(object)
        default: return .failure(MethodError.paramsNotByName(example))
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

    private static func contact(_ value: JSONValue?, into problems: inout [FieldError]) -> [ContactField: JSONValue]? {
        guard let value else {
            problems.append(FieldError(field: "organization", message: "is required: an object with the contact fields"))
            return nil
        }
        guard let object = value.objectValue else {
            problems.append(FieldError(field: "organization", message: "expected an object, got \(value.kindDescription)"))
            return nil
        }
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
            case .string(let text)?:
                if ContactFieldFormat.containsControlCharacter(text) {
                    problems.append(FieldError(field: path, message: "must not contain control characters"))
                } else if !ContactFieldFormat.isNonBlank(text) {
                    if rule.isRequired {
                        problems.append(FieldError(field: path, message: "must not be blank"))
                    } else {
                        result[field] = .string(text)
                    }
                } else if let problem = rule.problem(with: text) {
                    problems.append(FieldError(field: path, message: problem))
                } else {
                    result[field] = .string(rule.format == .countryCode ? text.uppercased() : text)
                }
            case let other?:
                let expected = rule.isRequired ? "a string" : "a string or null"
                problems.append(FieldError(field: path, message: "expected \(expected), got \(other.kindDescription)"))
            }
        }
        return problems.count == before ? result : nil
    }

    private static func rejectUnknownKeys(of object: JSONObject, known: [String], path: String, into problems: inout [FieldError]) {
        for key in object.keys where !known.contains(key) {
            let message: String
            if let suggestion = closest(to: key, in: known) {
                message = "unknown field; did you mean `\(suggestion)`?"
            } else {
                message = "unknown field; expected one of: \(known.joined(separator: ", "))"
            }
            problems.append(FieldError(field: path + key, message: message))
        }
    }

    /// The known key nearest to `key`, when it is close enough to be a typo.
    static func closest(to key: String, in known: [String]) -> String? {
        let lowered = key.lowercased()
        if let sameLetters = known.first(where: { $0.lowercased() == lowered }) { return sameLetters }
        if lowered.count >= 3, let extended = known.first(where: { $0.lowercased().hasPrefix(lowered) }) { return extended }
        let scored = known.map { ($0, editDistance(lowered, $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(1, min(3, key.count / 4)) else { return nil }
        return best.0
    }

    private static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.unicodeScalars), b = Array(rhs.unicodeScalars)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
