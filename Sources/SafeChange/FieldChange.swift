import JSONCore
import WebNIC

/// One field whose value a write changes: its name, the value WebNIC held, and the value sent.
///
/// A contact field is named `organization.<field>`, the technical contact `technicalContactId`.
/// An empty value counts as no value: WebNIC returns a field it holds nothing for as null.
package struct FieldChange: Sendable, Equatable {
    /// The field's name, for example `organization.email`.
    package let field: String
    /// The value before, or `nil` for none.
    package let before: String?
    /// The value after, or `nil` for none.
    package let after: String?

    /// A change of `field` from `before` to `after`.
    package init(field: String, before: String?, after: String?) {
        self.field = field
        self.before = before
        self.after = after
    }

    /// `{"field": …, "before": …, "after": …}`, absent values as null.
    package var json: JSONValue {
        ["field": .string(field), "before": before.map(JSONValue.string) ?? .null, "after": after.map(JSONValue.string) ?? .null]
    }

    /// The changes from `before` to `after`, contact fields in WebNIC's order, then the technical
    /// contact when `newTechnicalContactId` is given and differs.
    package static func changes(
        from before: OrganizationRecord, to after: OrganizationContact, newTechnicalContactId: String?
    ) -> [FieldChange] {
        func value(_ text: String?) -> String? { text?.isEmpty == false ? text : nil }
        var changes: [FieldChange] = []
        for field in ContactField.allCases {
            let old = value(before.contact[field]), new = value(after[field])
            if old != new { changes.append(FieldChange(field: "organization.\(field.rawValue)", before: old, after: new)) }
        }
        if let newTechnicalContactId, newTechnicalContactId != before.technicalContactId {
            changes.append(FieldChange(field: "technicalContactId", before: before.technicalContactId, after: newTechnicalContactId))
        }
        return changes
    }
}
