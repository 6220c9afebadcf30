import JSONCore
import SafeChange
import Testing
import WebNIC

@Suite("ChangePlan: merge patch and diff")
struct ChangePlanTests {
    static let basis = OrganizationRecord(
        organizationId: 5,
        contact: OrganizationContact(values: [
            .company: "Nelson Solutions", .firstName: "Ada", .lastName: "L", .address1: "1 Way", .city: "KL", .countryCode: "MY",
            .phoneNumber: "+60.1234567890123456789", .email: "a@b.example", .zip: "",
        ]),
        technicalContactId: "SSL1T", digicertOrganizationId: nil, resid: nil, createdAt: nil, modifiedAt: "2025-01-13T12:52:01Z"
    )

    @Test("a patch sends the complete merged contact: named fields changed, the rest exactly as read, absent ones null")
    func merged() throws {
        let plan = ChangePlan(patch: ContactPatch(edits: [.email: .set("new@b.example"), .state: .set("Selangor")]), over: Self.basis)
        #expect(plan.changes == [
            FieldChange(field: "organization.state", before: nil, after: "Selangor"),
            FieldChange(field: "organization.email", before: "a@b.example", after: "new@b.example"),
        ])
        let update = try #require(plan.update)
        #expect(update.technicalContactId == nil)
        #expect(update.body == ["organization": [
            "company": "Nelson Solutions", "firstName": "Ada", "lastName": "L", "address1": "1 Way", "address2": nil, "city": "KL",
            "state": "Selangor", "countryCode": "MY", "zip": "", "phoneNumber": "+60.1234567890123456789", "faxNumber": nil,
            "email": "new@b.example", "jobTitle": nil,
        ]])
    }

    @Test("values already held change nothing: no update; an empty string and null are both no value")
    func noOp() {
        let plan = ChangePlan(
            patch: ContactPatch(edits: [.email: .set("a@b.example"), .zip: .clear, .address2: .set("")], technicalContactId: "SSL1T"),
            over: Self.basis
        )
        #expect(plan.changes == [])
        #expect(plan.update == nil)
    }

    @Test("a new technical contact is a change and is sent; the same one is neither")
    func technicalContact() throws {
        let plan = ChangePlan(patch: ContactPatch(edits: [.city: .set("Ipoh")], technicalContactId: "WNC2T"), over: Self.basis)
        #expect(plan.changes.last == FieldChange(field: "technicalContactId", before: "SSL1T", after: "WNC2T"))
        #expect(try #require(plan.update).technicalContactId == "WNC2T")
    }

    @Test("a replacement is sent as given; a field it leaves out counts as cleared")
    func replacement() {
        let update = ContactUpdate(organizationId: 5, organization: [.company: "X", .email: "a@b.example", .zip: .null], technicalContactId: nil)
        let plan = ChangePlan(replacement: update, over: Self.basis)
        #expect(plan.update == update)
        #expect(plan.changes.map(\.field) == [
            "organization.company", "organization.firstName", "organization.lastName", "organization.address1", "organization.city",
            "organization.countryCode", "organization.phoneNumber",
        ])
        #expect(plan.changes.first == FieldChange(field: "organization.company", before: "Nelson Solutions", after: "X"))
    }

    @Test("expectedModifiedAt matches the same text or the same instant, never a missing one")
    func modification() {
        #expect(ContactWriter.isModification("2025-01-13T12:52:01Z", as: "2025-01-13T12:52:01Z"))
        #expect(ContactWriter.isModification("2025-01-13T12:52:01Z", as: "2025-01-13T20:52:01.000+08:00"))
        #expect(!ContactWriter.isModification("2025-01-13T12:52:01Z", as: "2025-01-13T12:52:02Z"))
        #expect(!ContactWriter.isModification(nil, as: "2025-01-13T12:52:01Z"))
        #expect(ContactWriter.isModification("not a time", as: "not a time"))
    }
}
