import JSONCore
import JSONRPC
import Testing
import WebNIC
@testable import WebNICService

/// A valid organization for updateOrganizationContact, with `changes` applied (null values remove keys).
func organization(_ changes: [String: JSONValue?] = [:]) -> JSONValue {
    var object = JSONObject([
        .init(key: "company", value: "Nelson Solutions"), .init(key: "firstName", value: "Johny"),
        .init(key: "lastName", value: "Nelson"), .init(key: "address1", value: "L4-E-2, HIVE 5"),
        .init(key: "city", value: "Bukit Jalil"), .init(key: "countryCode", value: "SG"),
        .init(key: "phoneNumber", value: "+022.6506503"), .init(key: "email", value: "admin@webnic.cc"),
    ])
    for (key, value) in changes { object[key] = value }
    return .object(object)
}

/// What `body` returns, or the error it throws, as a `Result` the assertions can look into.
func checking<Value>(_ body: () throws(ResponseError) -> Value) -> Result<Value, ResponseError> {
    Result(catching: body)
}

/// The fieldErrors of a refused call, as (field, message) pairs.
func problems(_ result: Result<some Any, ResponseError>) -> [String] {
    guard case .failure(let error) = result else { return [] }
    return error.data?["fieldErrors"]?.arrayValue?.map { "\($0["field"]?.stringValue ?? "?"): \($0["message"]?.stringValue ?? "?")" } ?? []
}

@Suite("ParameterValidator")
struct ParameterValidatorTests {
    @Test("organizationId: a JSON integer from 1 to 2^53-1", arguments: [
        ("5", []),
        ("9007199254740991", []),
        ("9007199254740992", ["organizationId: expected an integer from 1 to 9007199254740991, got 9007199254740992"]),
        ("0", ["organizationId: expected an integer from 1 to 9007199254740991, got 0"]),
        ("-3", ["organizationId: expected an integer from 1 to 9007199254740991, got -3"]),
        ("1.5", ["organizationId: expected an integer from 1 to 9007199254740991, got 1.5"]),
        ("5.0", []),
        ("50e-1", []),
        ("0.5e1", []),
        ("5.5", ["organizationId: expected an integer from 1 to 9007199254740991, got 5.5"]),
        ("0.0", ["organizationId: expected an integer from 1 to 9007199254740991, got 0.0"]),
        ("1e400", ["organizationId: expected an integer from 1 to 9007199254740991, got 1e400"]),
        ("\"5\"", ["organizationId: expected an integer from 1 to 9007199254740991, got a string"]),
        ("null", ["organizationId: expected an integer from 1 to 9007199254740991, got null"]),
    ])
    func organizationIds(literal: String, expected: [String]) throws {
        let params = try JSONParser.parse(#"{"organizationId":\#(literal)}"#)
        #expect(problems(checking { () throws(ResponseError) in try ParameterValidator.getOrganization(params) }) == expected)
    }

    @Test("getOrganization: missing id, unknown key with suggestion, params by position refused")
    func getOrganizationShape() throws {
        #expect(problems(checking { () throws(ResponseError) in try ParameterValidator.getOrganization(nil) }) == ["organizationId: is required: an integer from 1 to 9007199254740991"])
        #expect(problems(checking { () throws(ResponseError) in try ParameterValidator.getOrganization(["organizationID": 5]) }) == [
            "organizationID: unknown field; did you mean `organizationId`?",
            "organizationId: is required: an integer from 1 to 9007199254740991",
        ])
        guard case .failure(let error) = checking({ () throws(ResponseError) in try ParameterValidator.getOrganization([5]) }) else { Issue.record("expected failure"); return }
        #expect(error.code == .invalidParams)
        #expect(error.message == #"Invalid params: params are accepted by name only; send an object such as {"organizationId": 5}."#)
        #expect(error.data == [
            "category": "invalid_params", "retryable": false, "hint": "Correct the fields listed in fieldErrors and send the request again.",
            "fieldErrors": [["field": "params", "message": "must be an object of named parameters"]],
        ])
    }

    @Test("every contact rule, one bad input each", arguments: [
        (["company": nil], "organization.company: is required"),
        (["company": .null], "organization.company: is required and may not be null"),
        (["company": "   "], "organization.company: must not be blank"),
        (["company": 5], "organization.company: expected a string, got a number"),
        (["address2": 5], "organization.address2: expected a string or null, got a number"),
        (["firstName": .string(String(repeating: "é", count: 61))], "organization.firstName: must be at most 60 characters (got 61)"),
        (["lastName": ""], "organization.lastName: must not be blank"),
        (["city": "Kuala\u{0}Lumpur"], "organization.city: must not contain control characters"),
        (["state": "Tab\there"], "organization.state: must not contain control characters"),
        (["jobTitle": "\u{85}"], "organization.jobTitle: must not contain control characters"),
        (["countryCode": "XX"], "organization.countryCode: expected an ISO 3166-1 alpha-2 country code such as MY or SG (got \"XX\")"),
        (["countryCode": "SGP"], "organization.countryCode: expected an ISO 3166-1 alpha-2 country code such as MY or SG (got \"SGP\")"),
        (["phoneNumber": "0123456789"], "organization.phoneNumber: expected +, a country calling code of 1-3 digits, a dot and 4-14 digits, for example +60.123456789"),
        (["phoneNumber": "+1234.5678"], "organization.phoneNumber: expected +, a country calling code of 1-3 digits, a dot and 4-14 digits, for example +60.123456789"),
        (["phoneNumber": "+60.123"], "organization.phoneNumber: expected +, a country calling code of 1-3 digits, a dot and 4-14 digits, for example +60.123456789"),
        (["phoneNumber": "+60.123456789012345"], "organization.phoneNumber: expected +, a country calling code of 1-3 digits, a dot and 4-14 digits, for example +60.123456789"),
        (["faxNumber": "+60 1234"], "organization.faxNumber: expected +, a country calling code of 1-3 digits, a dot and 4-14 digits, for example +60.123456789"),
        (["email": "admin.webnic.cc"], "organization.email: expected an e-mail address such as admin@example.com: one @, a domain with a dot, no spaces, at most 254 characters"),
        (["email": "a@b@c.cc"], "organization.email: expected an e-mail address such as admin@example.com: one @, a domain with a dot, no spaces, at most 254 characters"),
        (["email": "@webnic.cc"], "organization.email: expected an e-mail address such as admin@example.com: one @, a domain with a dot, no spaces, at most 254 characters"),
        (["email": "admin@localhost"], "organization.email: expected an e-mail address such as admin@example.com: one @, a domain with a dot, no spaces, at most 254 characters"),
        (["email": "admin@.com"], "organization.email: expected an e-mail address such as admin@example.com: one @, a domain with a dot, no spaces, at most 254 characters"),
        (["email": "ad min@webnic.cc"], "organization.email: expected an e-mail address such as admin@example.com: one @, a domain with a dot, no spaces, at most 254 characters"),
        (["email": .string(String(repeating: "a", count: 245) + "@webnic.cc")], "organization.email: expected an e-mail address such as admin@example.com: one @, a domain with a dot, no spaces, at most 254 characters"),
        (["firstname": "Johny"], "organization.firstname: unknown field; did you mean `firstName`?"),
        (["fax": "+60.12345678"], "organization.fax: unknown field; did you mean `faxNumber`?"),
        (["postcode": "1"], "organization.postcode: unknown field; expected one of: company, firstName, lastName, address1, address2, city, state, countryCode, zip, phoneNumber, faxNumber, email, jobTitle"),
    ] as [([String: JSONValue?], String)])
    func contactRules(changes: [String: JSONValue?], expected: String) {
        let result = checking { () throws(ResponseError) in try ParameterValidator.updateOrganizationContact(["organizationId": 5, "organization": organization(changes)]) }
        #expect(problems(result) == [expected])
    }

    @Test("what is accepted: any-case country sent upper case, optional nulls and blanks, 60-character names, the edge formats")
    func accepted() throws {
        let params: JSONValue = [
            "organizationId": 5,
            "organization": organization([
                "countryCode": "my", "address2": nil, "state": "", "faxNumber": "", "zip": .null, "jobTitle": nil,
                "firstName": .string(String(repeating: "x", count: 60)), "phoneNumber": "+1.1234", "email": .string(String(repeating: "a", count: 244) + "@webnic.cc"),
            ]),
            "technicalContactId": "SSL-10619T", "dryRun": true,
            "digicertOrganizationId": "2075297", "resid": 2740, "createdAt": "x", "modifiedAt": nil,
        ]
        let checked = try checking { () throws(ResponseError) in try ParameterValidator.updateOrganizationContact(params) }.get()
        let update = checked.update
        #expect(checked.dryRun)
        #expect(checked.expectedModifiedAt == nil)
        #expect(update.organizationId == 5)
        #expect(update.technicalContactId == "SSL-10619T")
        #expect(update.organization[.countryCode] == "MY")
        #expect(update.organization[.state] == "")
        #expect(update.organization[.zip] == .null)
        #expect(update.organization[.address2] == nil)
    }

    @Test("every problem is listed at once, with dotted paths")
    func everyProblem() {
        let result = checking { () throws(ResponseError) in try ParameterValidator.updateOrganizationContact([
            "organizationId": "5", "organization": ["firstname": "J", "email": "x"], "technicalContactId": "SSL 1", "dryRun": "yes", "extra": 1,
        ]) }
        #expect(problems(result) == [
            "extra: unknown field; expected one of: organizationId, organization, technicalContactId, expectedModifiedAt, dryRun, digicertOrganizationId, resid, createdAt, modifiedAt",
            "organizationId: expected an integer from 1 to 9007199254740991, got a string",
            "organization.firstname: unknown field; did you mean `firstName`?",
            "organization.company: is required", "organization.firstName: is required", "organization.lastName: is required",
            "organization.address1: is required", "organization.city: is required", "organization.countryCode: is required",
            "organization.phoneNumber: is required",
            "organization.email: expected an e-mail address such as admin@example.com: one @, a domain with a dot, no spaces, at most 254 characters",
            "technicalContactId: expected 1-32 ASCII letters, digits or -, for example SSL10619T",
            "dryRun: expected a boolean, got a string",
        ])
        guard case .failure(let error) = result else { return }
        #expect(error.message == "Invalid params, 13 problems: `extra`: unknown field; expected one of: organizationId, organization, technicalContactId, expectedModifiedAt, dryRun, digicertOrganizationId, resid, createdAt, modifiedAt; `organizationId`: expected an integer from 1 to 9007199254740991, got a string; `organization.firstname`: unknown field; did you mean `firstName`?; and 10 more in data.fieldErrors.")
    }

    @Test("organization must be an object")
    func organizationShape() {
        #expect(problems(checking { () throws(ResponseError) in try ParameterValidator.updateOrganizationContact(["organizationId": 5]) }) == ["organization: is required: an object with the contact fields"])
        #expect(problems(checking { () throws(ResponseError) in try ParameterValidator.updateOrganizationContact(["organizationId": 5, "organization": "x"]) }) == ["organization: expected an object, got a string"])
        #expect(problems(checking { () throws(ResponseError) in try ParameterValidator.updateOrganizationContact(["organizationId": 5, "organization": organization(), "technicalContactId": 7]) }) == ["technicalContactId: expected a string, got a number"])
    }
}
