import JSONCore
import JSONRPC
import SafeChange
import WebNIC

/// The text content of tool results: one line a model can act on, then the data as JSON (MCP asks
/// for the serialized structured content as text, for clients that show only text).
enum ToolText {
    /// The text of a successful call: the organization in one line with what changed, or what a
    /// dry run would send and change; then the result as JSON.
    static func success(_ outcome: MethodOutcome) -> String {
        switch outcome {
        case .organization(let record):
            return summary(record) + " The full record as JSON:\n" + outcome.json.jsonText
        case .change(.written(let record, let changes)):
            let changed = changes.map { " " + describe($0) } ?? ""
            return summary(record) + changed + " The full record as JSON:\n" + outcome.json.jsonText
        case .change(.unchanged(let record)):
            return summary(record) + " Nothing to change: every value named is already held, so nothing was sent. The full record as JSON:\n"
                + outcome.json.jsonText
        case .change(.planned(let request, let changes, let basis)):
            guard let request else {
                return "Dry run, nothing was sent: every value named is already held, so applying it would send nothing."
            }
            var text = "Dry run, nothing was sent."
            if let changes { text += " " + describe(changes) }
            if let modifiedAt = basis?.modifiedAt {
                text += " Computed from the record modified at \(modifiedAt): pass that as expectedModifiedAt to apply it."
            }
            return text + " WebNIC would receive \(request.method) \(request.url) with this body:\n" + request.body.jsonText
        case .document(let document):
            return document.jsonText
        }
    }

    /// "Organization 5: Nelson Solutions, contact Johny Nelson <wj@webnic.cc>, SG."
    private static func summary(_ record: OrganizationRecord) -> String {
        let contact = record.contact
        var parts: [String] = []
        if let company = contact[.company] { parts.append(company) }
        let person = [contact[.firstName], contact[.lastName]].compactMap { $0 }.joined(separator: " ")
        if !person.isEmpty { parts.append("contact " + person + (contact[.email].map { " <\($0)>" } ?? "")) }
        if let country = contact[.countryCode] { parts.append(country) }
        return "Organization \(record.organizationId)" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", ")) + "."
    }

    /// "2 changes: organization.email "a" -> "b"; organization.zip "1" -> none."
    private static func describe(_ changes: [FieldChange]) -> String {
        guard !changes.isEmpty else { return "No field changes." }
        func value(_ text: String?) -> String { text.map { JSONValue.string($0).jsonText } ?? "none" }
        let list = changes.map { change in "\(change.field) \(value(change.before)) -> \(value(change.after))" }
        return "\(changes.count == 1 ? "1 change" : "\(changes.count) changes"): " + list.joined(separator: "; ") + "."
    }

    /// The text of a failed call: what went wrong, each field to correct, and what to do.
    static func failure(_ error: ResponseError) -> String {
        let problems = error.data?["fieldErrors"]?.arrayValue ?? []
        var lines = [problems.isEmpty ? error.message : "Invalid arguments, \(problems.count == 1 ? "1 problem" : "\(problems.count) problems"):"]
        for problem in problems {
            if let field = problem["field"]?.stringValue, let message = problem["message"]?.stringValue {
                lines.append("- \(field): \(message)")
            }
        }
        for problem in error.data?["webnic"]?["fieldErrors"]?.arrayValue ?? [] {
            let field = problem["field"]?.stringValue ?? "?"
            let messages = problem["messages"]?.arrayValue?.compactMap(\.stringValue) ?? problem["message"]?.stringValue.map { [$0] } ?? []
            lines.append("- \(field) (WebNIC): \(messages.joined(separator: "; "))")
        }
        if let hint = error.data?["hint"]?.stringValue { lines.append("What to do: \(hint)") }
        if error.data?["retryable"] == true { lines.append("The same call may succeed if made again.") }
        return lines.joined(separator: "\n")
    }

    /// The structured content of a failed call: the JSON-RPC error's `data` (category, retryable,
    /// hint, fieldErrors and the rest) with its `code` and `message`.
    static func failureContent(_ error: ResponseError) -> JSONValue {
        var object = JSONObject()
        object["code"] = .integer(error.code.rawValue)
        object["message"] = .string(error.message)
        for member in error.data?.objectValue?.members ?? [] { object[member.key] = member.value }
        return .object(object)
    }
}
