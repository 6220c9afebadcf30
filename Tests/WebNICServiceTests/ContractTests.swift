import ErrorCategories
import Foundation
import JSONCore
import JSONRPC
import Testing
import WebNIC
@testable import WebNICService

/// The repository's root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// `schema/openrpc.json` as bytes and as JSON.
func schemaFile() throws -> (text: String, json: JSONValue) {
    let data = try Data(contentsOf: packageRoot.appendingPathComponent("schema/openrpc.json"))
    let text = String(decoding: data, as: UTF8.self)
    return (text, try JSONParser.parse(Array(data)))
}

@Suite("The contract: schema/openrpc.json and the code agree")
struct ContractTests {
    @Test("the embedded document is schema/openrpc.json byte for byte (run .ci/embed-openrpc after editing it)")
    func embeddedCopy() throws {
        #expect(OpenRPCDocument.text == (try schemaFile().text))
        #expect(OpenRPCDocument.json == (try schemaFile().json))
    }

    @Test("the version comes from info.version")
    func version() throws {
        let version = try #require(try schemaFile().json["info"]?["version"]?.stringValue)
        #expect(OpenRPCDocument.version == version)
        #expect(version.split(separator: ".").count == 3)
    }

    @Test("the document lists exactly the methods the handler serves, params by name")
    func methods() throws {
        let methods = try #require(try schemaFile().json["methods"]?.arrayValue)
        let names = methods.compactMap { $0["name"]?.stringValue }
        #expect(names == WebNICMethods.methodNames)
        for method in methods where method["name"] != "rpc.discover" {
            #expect(method["paramStructure"] == "by-name")
        }
    }

    @Test("every error category has the same code, title, retryability and hint in the schema")
    func errorTable() throws {
        let json = try schemaFile().json
        let errors = try #require(json["components"]?["errors"]?.objectValue)
        #expect(errors.count == ErrorCategory.allCases.count)
        let enumeration = json["components"]?["schemas"]?["ErrorCategory"]?["enum"]?.arrayValue?.compactMap(\.stringValue)
        #expect(enumeration == ErrorCategory.allCases.map(\.rawValue))
        for category in ErrorCategory.allCases {
            let entry = try #require(errors.members.first { $0.value["data"]?["category"]?.stringValue == category.rawValue }?.value)
            #expect(entry == [
                "code": .integer(category.code.rawValue), "message": .string(category.title),
                "data": ["category": .string(category.rawValue), "retryable": .bool(category.isRetryable), "hint": .string(category.hint)],
            ])
        }
        let applicationCodes = ErrorCategory.allCases.filter { ![.invalidParams, .internal, .cancelled].contains($0) }.map(\.code)
        #expect(applicationCodes.allSatisfy { !$0.isReserved })
        #expect(Set(ErrorCategory.allCases.map(\.code)).count == ErrorCategory.allCases.count)
    }

    @Test("the country list: 249 ISO 3166-1 alpha-2 codes, and the any-case input pattern built from exactly them")
    func countries() throws {
        let schemas = try #require(try schemaFile().json["components"]?["schemas"])
        let values = try #require(schemas["CountryCode"]?["enum"]?.arrayValue)
        let codes = values.compactMap(\.stringValue)
        #expect(codes.count == 249)
        #expect(Set(codes) == OpenRPCDocument.countryCodes)
        #expect(codes == codes.sorted())
        let anyCase = codes.map { code in code.map { "[\($0)\($0.lowercased())]" }.joined() }
        #expect(schemas["CountryCodeInput"]?["pattern"] == .string("^(?:" + anyCase.joined(separator: "|") + ")$"))
    }

    @Test("the field rules of the code are the patterns and limits of the schema")
    func fieldPatterns() throws {
        let schemas = try #require(try schemaFile().json["components"]?["schemas"])
        #expect(schemas["PhoneNumber"]?["pattern"] == #"^\+[0-9]{1,3}\.[0-9]{4,14}$"#)
        #expect(schemas["OptionalPhoneNumber"]?["pattern"] == #"^(?:\+[0-9]{1,3}\.[0-9]{4,14})?$"#)
        #expect(schemas["TechnicalContactId"]?["pattern"] == "^[A-Za-z0-9-]{1,32}$")
        #expect(schemas["PersonName"]?["allOf"]?.arrayValue?.last == ["maxLength": 60])
        #expect(schemas["EmailAddress"]?["allOf"]?.arrayValue?.last == ["maxLength": 254, "pattern": #"^[^@\s]+@[^@\s]+\.[^@\s]+$"#])
        #expect(schemas["OrganizationId"]?["maximum"] == .integer(ParameterValidator.maxOrganizationId))
        let input = try #require(schemas["OrganizationInput"])
        let required = input["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(Set(required) == Set(WebNIC.ContactField.allCases.filter { ContactFieldRule.rule(for: $0).isRequired }.map(\.rawValue)))
        #expect(input["properties"]?.objectValue?.keys == WebNIC.ContactField.allCases.map(\.rawValue))
    }
}



@Suite("The README and docs/ agree with the code")
struct ReadmeTests {
    private func readme(_ path: String = "README.md") throws -> String {
        String(decoding: try Data(contentsOf: packageRoot.appendingPathComponent(path)), as: UTF8.self)
    }

    @Test("docs/errors.md's table lists every category with its code and retryability")
    func errorTable() throws {
        let rows = try readme("docs/errors.md").split(separator: "\n").filter { $0.hasPrefix("| `") && ($0.contains(" | yes |") || $0.contains(" | no |")) }
        for category in ErrorCategory.allCases {
            let row = "| `\(category.rawValue)` | \(category.code.rawValue) | \(category.isRetryable ? "yes" : "no") |"
            #expect(rows.contains { $0.hasPrefix(row) }, "README lacks \(row)")
        }
        #expect(rows.filter { $0.hasPrefix("| `") }.count == ErrorCategory.allCases.count)
    }

    @Test("the README's two commands are the ones CI runs and the example it names")
    func commands() throws {
        let text = try readme()
        #expect(text.contains("```sh\nswift run webnic-rpc --sandbox < examples/requests.jsonl\nswift test && Tests/urlsession/run && Tests/contract/run\n```"))
        let ci = String(decoding: try Data(contentsOf: packageRoot.appendingPathComponent(".ci/run")), as: UTF8.self)
        #expect(ci.hasSuffix("\nswift test && Tests/urlsession/run && Tests/contract/run\n"))
    }
}
