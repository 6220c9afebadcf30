import JSONCore
import WebNIC

/// What a write would do to an organization, computed from the record WebNIC returned for it.
package struct ChangePlan: Sendable, Equatable {
    /// The organization as read: the plan's basis.
    package let basis: OrganizationRecord
    /// The request to send, or `nil` when a patch would change nothing.
    package let update: ContactUpdate?
    /// What the request changes, contact fields in WebNIC's order, then the technical contact.
    package let changes: [FieldChange]

    /// `patch` over `basis`: the complete merged contact, every field WebNIC holds and is not
    /// named written back exactly as it was read, and the technical contact only when it changes.
    /// Nothing to send when every named value is already held.
    package init(patch: ContactPatch, over basis: OrganizationRecord) {
        let merged = patch.applied(to: basis.contact)
        let changes = FieldChange.changes(from: basis, to: merged, newTechnicalContactId: patch.technicalContactId)
        self.basis = basis
        self.changes = changes
        guard !changes.isEmpty else {
            update = nil
            return
        }
        var organization: [ContactField: JSONValue] = [:]
        for field in ContactField.allCases {
            organization[field] = merged[field].map(JSONValue.string) ?? .null
        }
        let technicalContactId = patch.technicalContactId == basis.technicalContactId ? nil : patch.technicalContactId
        update = ContactUpdate(organizationId: basis.organizationId, organization: organization, technicalContactId: technicalContactId)
    }

    /// `update`, a full replacement, over `basis`: sent as it is; a field it leaves out is no value.
    package init(replacement update: ContactUpdate, over basis: OrganizationRecord) {
        var after = OrganizationContact()
        for field in ContactField.allCases {
            after[field] = update.organization[field]?.stringValue
        }
        self.basis = basis
        self.update = update
        changes = FieldChange.changes(from: basis, to: after, newTechnicalContactId: update.technicalContactId)
    }
}
