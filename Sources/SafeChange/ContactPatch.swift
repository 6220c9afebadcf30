import WebNIC

/// A change to name only what changes, with the semantics of JSON Merge Patch (RFC 7396) over the
/// contact: each named field is set or cleared, every other field keeps the value WebNIC holds.
package struct ContactPatch: Sendable, Equatable {
    /// What happens to one field.
    package enum Edit: Sendable, Equatable {
        /// The field takes this value.
        case set(String)
        /// The field is cleared (sent as null).
        case clear
    }

    /// The edits, by field; a field not named is left as it is.
    package var edits: [ContactField: Edit]
    /// A new technical contact id, or `nil` to keep the current one.
    package var technicalContactId: String?

    /// A patch; an empty string sets a field to nothing, so it counts as clearing it.
    package init(edits: [ContactField: Edit], technicalContactId: String? = nil) {
        self.edits = edits.mapValues { edit in
            if case .set(let value) = edit, value.isEmpty { return .clear }
            return edit
        }
        self.technicalContactId = technicalContactId
    }

    /// `contact` with the edits applied.
    package func applied(to contact: OrganizationContact) -> OrganizationContact {
        var result = contact
        for (field, edit) in edits {
            switch edit {
            case .set(let value): result[field] = value
            case .clear: result[field] = nil
            }
        }
        return result
    }
}
