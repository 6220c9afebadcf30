import JSONCore
import JSONRPC

/// How `webnic-rpc call` shows a result or an error.
enum CallOutput {
    /// The output format `--output` chooses.
    enum Format: String, CaseIterable {
        /// JSON: indented on a terminal, one line otherwise.
        case json
        /// Lines for a person: `field: value`, or `field: before → after`.
        case text
    }

    /// `result` as JSON text.
    static func json(_ result: JSONValue, indented: Bool) -> String {
        var writer = JSONWriter()
        if indented { writer.writeIndented(result) } else { writer.write(result) }
        return writer.text
    }

    /// `result` as lines: an organization as aligned `field: value` lines (and its changes), a
    /// plan or dry run as `field: before → after` lines with the request and the `modifiedAt` it
    /// was computed from.
    static func text(_ result: JSONValue) -> String {
        var rows: [(String, String)] = []
        if result["dryRun"] == true {
            rows += changes(result["changes"])
            if rows.isEmpty { rows.append(("changes", "none: nothing would be sent")) }
            if let request = result["request"], !request.isNull {
                rows.append(("request", "\(request["method"]?.stringValue ?? "") \(request["url"]?.stringValue ?? "")"))
            }
            if let modifiedAt = result["modifiedAt"]?.stringValue { rows.append(("modifiedAt", modifiedAt)) }
        } else if let contact = result["organization"]?.objectValue {
            rows.append(("organizationId", shown(result["organizationId"])))
            for member in contact.members { rows.append((member.key, shown(member.value))) }
            for key in ["technicalContactId", "digicertOrganizationId", "resid", "createdAt", "modifiedAt"] where result[key] != nil {
                rows.append((key, shown(result[key])))
            }
            if let list = result["changes"]?.arrayValue {
                rows += list.isEmpty ? [("changes", "none: every value was already held, nothing was sent")] : changes(result["changes"])
            }
        } else {
            return json(result, indented: true)
        }
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { key, value in "\(key):" + String(repeating: " ", count: width - key.count + 1) + value }.joined(separator: "\n")
    }

    /// An error in one line: category, message, and what to do.
    static func line(_ error: ResponseError) -> String {
        let category = error.data?["category"]?.stringValue.map { "\($0): " } ?? ""
        let hint = error.data?["hint"]?.stringValue.map { " Hint: \($0)" } ?? ""
        return category + error.message + hint
    }

    private static func changes(_ value: JSONValue?) -> [(String, String)] {
        (value?.arrayValue ?? []).map { change in
            (change["field"]?.stringValue ?? "?", "\(shown(change["before"])) → \(shown(change["after"]))")
        }
    }

    /// A value as a person reads it: strings bare, null as `(none)`, anything else as JSON.
    private static func shown(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: return "(none)"
        case .string(let text)?: return text
        case let other?: return other.jsonText
        }
    }
}
