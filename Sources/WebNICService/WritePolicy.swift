import WebNIC

/// What webnic-rpc may touch and how its writes are approved, as it was started: read-only,
/// the person's approval of each write (`--confirm-writes`), and the organizations and fields it
/// is limited to. The defaults allow everything without asking.
package struct WritePolicy: Sendable {
    /// Every write is refused (`--read-only`).
    package var readOnly: Bool
    /// Each write is approved by the person through MCP elicitation first (`--confirm-writes`).
    package var confirmWrites: Bool
    /// The only organizations any call may name (`--organizations`); nil for any.
    package var organizations: [Int64]?
    /// The only fields a write may change (`--writable-fields`: contact field names and
    /// `technicalContactId`); nil for any.
    package var writableFields: [String]?

    /// A policy; by default writes are allowed, unasked and unlimited.
    package init(readOnly: Bool = false, confirmWrites: Bool = false, organizations: [Int64]? = nil, writableFields: [String]? = nil) {
        self.readOnly = readOnly
        self.confirmWrites = confirmWrites
        self.organizations = organizations
        self.writableFields = writableFields
    }

    /// The names `--writable-fields` takes: every contact field, and `technicalContactId`.
    package static let fieldNames = ContactField.allCases.map(\.rawValue) + ["technicalContactId"]

    /// Whether a call may name organization `id`.
    func allows(organization id: Int64) -> Bool {
        organizations?.contains(id) ?? true
    }

    /// The fields of `changed` (as `FieldChange` names them, `organization.email`, or bare) that a
    /// write may not change, by their bare names, in order.
    func unwritable(_ changed: [String]) -> [String] {
        guard let writableFields else { return [] }
        return changed.map { $0.hasPrefix("organization.") ? String($0.dropFirst("organization.".count)) : $0 }
            .filter { !writableFields.contains($0) }
    }

    /// The limits in force, in one sentence, or nil when there are none: for the start-up line,
    /// `rpc.discover` and the tool descriptions.
    package var limitsDescription: String? {
        var parts: [String] = []
        if readOnly { parts.append("read-only: every write is refused") }
        if confirmWrites { parts.append("each write is sent only once the person approves it through an MCP question") }
        if let organizations { parts.append("only organizations \(organizations.map(String.init).joined(separator: ", ")) may be named") }
        if let writableFields { parts.append("a write may change only \(writableFields.joined(separator: ", "))") }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
