import Foundation
import JSONCore
import MCP
import Testing
import WebNIC
@testable import WebNICService
import WebNICSimulator

@Suite("The MCP tools: derived from the contract, described in the README")
struct ToolTests {
    /// Every `$ref` in `value`.
    private func references(in value: JSONValue) -> [String] {
        switch value {
        case .object(let object):
            return object.members.flatMap { $0.key == "$ref" ? [$0.value.stringValue ?? "?"] : references(in: $0.value) }
        case .array(let elements):
            return elements.flatMap(references(in:))
        default:
            return []
        }
    }

    @Test("each tool runs a method of the contract, under a valid MCP name")
    func catalog() {
        #expect(WebNICTools.catalog.map(\.method) == [
            "getOrganization", "planOrganizationContactChange", "patchOrganizationContact", "updateOrganizationContact",
        ])
        #expect(WebNICTools.catalog.allSatisfy { WebNICMethods.methodNames.contains($0.method) && Tool.isValidName($0.tool.name) })
        for name in [
            "get_organization", "plan_organization_contact_change", "patch_organization_contact", "update_organization_contact", "dryRun",
            "expectedModifiedAt",
        ] {
            #expect(WebNICTools.instructions.contains(name))
        }
    }

    @Test("the schemas are self-contained: every reference points into their own $defs, and every definition is used")
    func selfContained() {
        for (tool, _) in WebNICTools.catalog {
            for schema in [tool.inputSchema, tool.outputSchema].compactMap({ $0 }) {
                let definitions = Set(schema["$defs"]?.objectValue?.keys ?? [])
                let referenced = Set(references(in: schema))
                #expect(referenced == Set(definitions.map { "#/$defs/" + $0 }), "\(tool.name)")
                #expect(schema["type"] == "object")
            }
        }
    }

    @Test("the input schema is the method's params: OrganizationInput for the organization, descriptions kept")
    func inputSchema() throws {
        let input = ToolSchema.input(method: "updateOrganizationContact")
        let schemas = try schemaFile().json["components"]?["schemas"]
        #expect(input["required"] == ["organizationId", "organization"])
        #expect(input["properties"]?["organization"] == ["$ref": "#/$defs/OrganizationInput"])
        #expect(input["properties"]?["dryRun"] == [
            "type": "boolean", "default": false,
            "description": "When true, nothing is written: the result is the request as it would go out (read first, and with what it would change, when expectedModifiedAt is given).",
        ])
        let organizationInput = input["$defs"]?["OrganizationInput"]?.jsonText.replacingOccurrences(of: "#/$defs/", with: "#/components/schemas/")
        #expect(organizationInput == schemas?["OrganizationInput"]?.jsonText)
    }

    @Test("the patch tool takes ContactChanges and returns an organization with its changes, or a PatchPlan")
    func patchSchemas() throws {
        let input = ToolSchema.input(method: "patchOrganizationContact")
        #expect(input["required"] == ["organizationId", "changes"])
        #expect(input["properties"]?.objectValue?.keys == ["organizationId", "changes", "technicalContactId", "expectedModifiedAt", "dryRun"])
        #expect(input["properties"]?["changes"] == ["$ref": "#/$defs/ContactChanges"])
        let output = ToolSchema.output(method: "patchOrganizationContact")
        #expect(output["oneOf"] == [["allOf": [["$ref": "#/$defs/Organization"], ["required": ["changes"]]]], ["$ref": "#/$defs/PatchPlan"]])
        #expect(Set(output["$defs"]?.objectValue?.keys ?? []) == ["Organization", "OrganizationContact", "OrganizationId", "FieldChange", "PatchPlan", "RequestPreview"])
    }

    @Test("read-only, the tools that write are not listed")
    func readOnlyListing() {
        let client = WebNICClient(
            configuration: try! ClientConfiguration(baseURL: "https://oteapi.webnic.cc", credentials: nil, timeout: .seconds(1), userAgent: "t"),
            transport: SimulatorTransport(simulator: WebNICSimulator()), logger: .disabled
        )
        #expect(WebNICTools(methods: WebNICMethods(client: client, policy: WritePolicy(readOnly: true), logger: .disabled)).tools.map(\.name) == [
            "get_organization", "plan_organization_contact_change",
        ])
        #expect(WebNICTools(methods: WebNICMethods(client: client, logger: .disabled)).tools.map(\.name) == WebNICTools.catalog.map(\.tool.name))
    }

    @Test("the output schema is the method's result: Organization itself, or one of Organization and DryRunResult")
    func outputSchema() throws {
        let schemas = try schemaFile().json["components"]?["schemas"]
        let get = ToolSchema.output(method: "getOrganization")
        #expect(get["title"] == "Organization")
        #expect(get["properties"]?.objectValue?.keys == schemas?["Organization"]?["properties"]?.objectValue?.keys)
        let update = ToolSchema.output(method: "updateOrganizationContact")
        #expect(update["oneOf"] == [["$ref": "#/$defs/Organization"], ["$ref": "#/$defs/DryRunResult"]])
    }

    @Test("docs/agents.md's tool table lists every tool with its method, and names every MCP revision")
    func readme() throws {
        let text = String(decoding: try Data(contentsOf: packageRoot.appendingPathComponent("docs/agents.md")), as: UTF8.self)
        for (tool, method) in WebNICTools.catalog {
            #expect(text.contains("| `\(tool.name)` | `\(method)` |"), "docs/agents.md lacks the row of \(tool.name)")
        }
        for version in ProtocolRevision.handshake + ProtocolRevision.modern {
            #expect(text.contains("`\(version)`"), "docs/agents.md does not name \(version)")
        }
    }
}
