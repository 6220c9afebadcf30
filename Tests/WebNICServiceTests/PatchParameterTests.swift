import JSONCore
import JSONRPC
import SafeChange
import Testing
import WebNIC
@testable import WebNICService

@Suite("ParameterValidator: patchOrganizationContact")
struct PatchParameterTests {
    @Test("a string sets a field, null or an empty string clears an optional one, a field left out is not touched")
    func edits() throws {
        let checked = try checking { () throws(ResponseError) in try ParameterValidator.patchOrganizationContact([
            "organizationId": 5,
            "changes": ["email": "admin@example.com", "countryCode": "my", "address2": nil, "zip": "", "jobTitle": "  "],
            "technicalContactId": "WNC970363T", "expectedModifiedAt": "2025-01-13T12:52:01.973992Z", "dryRun": true,
        ]) }.get()
        #expect(checked.organizationId == 5)
        #expect(checked.dryRun)
        #expect(checked.expectedModifiedAt == "2025-01-13T12:52:01.973992Z")
        #expect(checked.patch == ContactPatch(
            edits: [.email: .set("admin@example.com"), .countryCode: .set("MY"), .address2: .clear, .zip: .clear, .jobTitle: .set("  ")],
            technicalContactId: "WNC970363T"
        ))
    }

    @Test("empty changes are a patch that changes nothing; technicalContactId null keeps the current one")
    func emptyChanges() throws {
        let checked = try checking { () throws(ResponseError) in try ParameterValidator.patchOrganizationContact(["organizationId": 5, "changes": [:], "technicalContactId": nil]) }.get()
        #expect(checked.patch == ContactPatch(edits: [:]))
        #expect(!checked.dryRun && checked.expectedModifiedAt == nil)
    }

    @Test("only the fields named are checked, each problem at changes.<field>, every problem at once")
    func problemsAtChanges() {
        let result = checking { () throws(ResponseError) in try ParameterValidator.patchOrganizationContact([
            "organizationId": 5,
            "changes": ["emial": "a@b.cc", "company": nil, "phoneNumber": 5, "faxNumber": "60 1", "firstName": "", "countryCode": "XX"],
            "expectedModifiedAt": "yesterday", "dryRun": 1,
        ]) }
        #expect(problems(result) == [
            "changes.emial: unknown field; did you mean `email`?",
            "changes.company: is required and cannot be cleared: give a new value or leave it out to keep it",
            "changes.firstName: must not be blank",
            "changes.countryCode: expected an ISO 3166-1 alpha-2 country code such as MY or SG (got \"XX\")",
            "changes.phoneNumber: expected a string, got a number",
            "changes.faxNumber: expected +, a country calling code of 1-3 digits, a dot and 4-14 digits, for example +60.123456789",
            "expectedModifiedAt: expected the modifiedAt of a getOrganization result, an ISO 8601 timestamp such as 2025-01-13T12:52:01.973992Z, got \"yesterday\"",
            "dryRun: expected a boolean, got a number",
        ])
    }

    @Test("changes and organizationId are required; unknown params get a suggestion")
    func required() {
        #expect(problems(checking { () throws(ResponseError) in try ParameterValidator.patchOrganizationContact(["organizationID": 5]) }) == [
            "organizationID: unknown field; did you mean `organizationId`?",
            "organizationId: is required: an integer from 1 to 9007199254740991",
            "changes: is required: an object with the contact fields to change, for example {\"email\": \"admin@example.com\"}",
        ])
        #expect(problems(checking { () throws(ResponseError) in try ParameterValidator.patchOrganizationContact(["organizationId": 5, "changes": ["email"]]) }) == [
            "changes: expected an object, got an array",
        ])
        #expect(problems(checking { () throws(ResponseError) in try ParameterValidator.patchOrganizationContact(["organizationId": 5, "changes": [:], "change": [:]]) }) == [
            "change: unknown field; did you mean `changes`?",
        ])
    }

    @Test("expectedModifiedAt takes every form WebNIC writes", arguments: [
        "2025-01-02T04:10:05Z", "2026-08-08T04:08:31.150680317Z", "2025-08-08T12:08:31+08:00", "2028-06-17T12:18:59",
    ])
    func expectedModifiedAt(text: String) throws {
        let checked = try checking { () throws(ResponseError) in try ParameterValidator.patchOrganizationContact(["organizationId": 5, "changes": [:], "expectedModifiedAt": .string(text)]) }.get()
        #expect(checked.expectedModifiedAt == text)
    }
}
