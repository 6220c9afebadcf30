import Diagnostics
import JSONCore
import JSONRPC
import MCP
import WebNIC

/// The MCP tools of webnic-rpc: `get_organization` and `update_organization_contact`.
///
/// Each tool is its JSON-RPC method under another name: the same parameter checks, the same
/// WebNIC call, the same result as `structuredContent`, the same error `data` (category,
/// retryable, hint, fieldErrors…) as the structured content of an `isError` result. Schemas come
/// from the OpenRPC document (`ToolSchema`). A call that retries reports each HTTP attempt as progress.
public struct WebNICTools: ToolProvider {
    private let methods: WebNICMethods

    /// Each tool and the JSON-RPC method it runs, in the order `tools/list` lists them.
    static let catalog: [(tool: Tool, method: String)] = [
        (
            Tool(
                name: "get_organization",
                title: "Read an SSL organization",
                description: """
                Read one WebNIC SSL organization by its numeric organizationId: the organization contact (company, \
                address, phone, email and the person DigiCert contacts for OV and EV certificate validation), the \
                technical contact id and WebNIC's timestamps. Changes nothing. To change the contact, edit the returned \
                `organization` object and pass it, with organizationId, to update_organization_contact.
                """,
                inputSchema: ToolSchema.input(method: "getOrganization"),
                outputSchema: ToolSchema.output(method: "getOrganization"),
                annotations: ToolAnnotations(readOnly: true, openWorld: true)
            ),
            "getOrganization"
        ),
        (
            Tool(
                name: "update_organization_contact",
                title: "Replace an SSL organization's contact",
                description: """
                Replace the organization contact of a WebNIC SSL organization. DigiCert uses this contact for OV and EV \
                certificate validation, so a wrong value can delay or fail the validation of every certificate of the \
                organization. Send the whole contact, not only the changed fields: organizationId, and organization with \
                company, firstName, lastName, address1, city, countryCode (ISO 3166-1 alpha-2, e.g. MY), phoneNumber \
                (+CC.NUMBER, e.g. +60.312345678) and email; address2, state, zip, faxNumber and jobTitle are optional. \
                technicalContactId is optional and kept when left out. Set dryRun to true to preview the exact request \
                without sending anything. Returns the organization as WebNIC now holds it; sending the same contact \
                again changes nothing more.
                """,
                inputSchema: ToolSchema.input(method: "updateOrganizationContact"),
                outputSchema: ToolSchema.output(method: "updateOrganizationContact"),
                annotations: ToolAnnotations(readOnly: false, destructive: true, idempotent: true, openWorld: true)
            ),
            "updateOrganizationContact"
        ),
    ]

    /// What the `instructions` field tells a model: how the two tools fit together.
    public static let instructions = """
    This server manages WebNIC SSL organizations: the organization contact DigiCert checks for OV and EV certificate \
    validation. To change a contact: (1) call get_organization with the organizationId; (2) edit the fields to change \
    in the returned `organization` object and keep the others; (3) call update_organization_contact with the \
    organizationId and the whole edited `organization`, first with dryRun true to preview the request WebNIC would \
    receive, then without dryRun to apply it. A failed call is a result with isError: its structured content has \
    category, retryable, hint and, for invalid arguments, fieldErrors naming each field to correct. Correct those \
    fields and call again; repeat an unchanged call only when retryable is true.
    """

    /// The tools, running `methods`.
    public init(methods: WebNICMethods) {
        self.methods = methods
    }

    /// One handler for the whole connection: MCP with these tools, and `methods` for plain JSON-RPC.
    public static func endpoint(serving methods: WebNICMethods, logger: Logger) -> MCPEndpoint {
        MCPEndpoint(
            identity: ServerIdentity(
                name: "webnic-rpc", title: "WebNIC SSL organizations", version: OpenRPCDocument.version, instructions: instructions
            ),
            tools: WebNICTools(methods: methods), plain: methods, logger: logger
        )
    }

    /// The tools, in the order `tools/list` lists them.
    public var tools: [Tool] { Self.catalog.map(\.tool) }

    /// Runs the tool's method with `arguments` as its params.
    public func call(_ name: String, arguments: JSONObject, requestID: RequestID?, progress: ProgressReporter?) async -> ToolResult {
        guard let method = Self.catalog.first(where: { $0.tool.name == name })?.method else {
            return ToolResult(text: "There is no tool named \(name).", structuredContent: JSONValue.object(JSONObject()), isError: true)
        }
        var onAttempt: AttemptObserver?
        if let progress {
            onAttempt = { @Sendable attempt in progress.report(attempt, message: "WebNIC call, HTTP attempt \(attempt)") }
        }
        switch await methods.perform(Request(id: requestID, method: method, params: .object(arguments)), onAttempt: onAttempt) {
        case .success(let value):
            return ToolResult(text: ToolText.success(value), structuredContent: value, isError: false)
        case .failure(let error):
            return ToolResult(text: ToolText.failure(error), structuredContent: ToolText.failureContent(error), isError: true)
        }
    }
}
