import JSONCore
import JSONRPC
import Log
import MCP
import WebNIC

/// The MCP tools of webnic-rpc: `get_organization`, `plan_organization_contact_change`,
/// `patch_organization_contact` and `update_organization_contact`.
///
/// Each tool is its JSON-RPC method under another name: the same parameter checks, the same
/// ordering per organization, the same WebNIC calls, the same result as `structuredContent`, the
/// same error `data` (category, retryable, hint, fieldErrors…) as the structured content of an
/// `isError` result. Schemas come from the OpenRPC document (`ToolSchema`). A call that retries
/// reports each HTTP attempt as progress. Read-only, the tools that write are not listed; called
/// anyway, they answer with a `read_only` failure. Under `--confirm-writes` a write asks the
/// person first (see `ContactChangeMethod`): the question goes out as the client's era allows.
package struct WebNICTools: ToolProvider {
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
                technical contact id and WebNIC's timestamps, including modifiedAt. Changes nothing. To change the \
                contact, use patch_organization_contact with only the fields to change, and pass this modifiedAt as \
                expectedModifiedAt.
                """,
                inputSchema: ToolSchema.input(method: "getOrganization"),
                outputSchema: ToolSchema.output(method: "getOrganization"),
                annotations: ToolAnnotations(readOnly: true, openWorld: true)
            ),
            "getOrganization"
        ),
        (
            Tool(
                name: "plan_organization_contact_change",
                title: "Preview a change of an SSL organization's contact",
                description: """
                Preview a change of a WebNIC SSL organization's contact without sending anything: put in `changes` only \
                the fields to change (a string sets a field, null clears an optional one), as patch_organization_contact \
                takes them. The result lists each change with its value before and after, the exact request a patch \
                would send, and the modifiedAt of the record it was computed from. Show the changes to the person; once \
                they agree, call patch_organization_contact with the same changes and expectedModifiedAt set to that \
                modifiedAt, so that nothing is overwritten if the organization changed meanwhile.
                """,
                inputSchema: ToolSchema.input(method: "planOrganizationContactChange"),
                outputSchema: ToolSchema.output(method: "planOrganizationContactChange"),
                annotations: ToolAnnotations(readOnly: true, destructive: false, idempotent: true, openWorld: true)
            ),
            "planOrganizationContactChange"
        ),
        (
            Tool(
                name: "patch_organization_contact",
                title: "Change fields of an SSL organization's contact",
                description: """
                Change only the named fields of a WebNIC SSL organization's contact, which DigiCert checks for OV and EV \
                certificate validation. Put in `changes` just the fields to change: a string sets a field, null clears an \
                optional one (address2, state, zip, faxNumber, jobTitle); every field left out keeps the value WebNIC \
                holds, so nothing is wiped. Fields: company, firstName, lastName, address1, address2, city, state, \
                countryCode (ISO 3166-1 alpha-2, e.g. MY), zip, phoneNumber (+CC.NUMBER, e.g. +60.312345678), faxNumber, \
                email, jobTitle; technicalContactId sets a new technical contact. Always preview first with \
                plan_organization_contact_change (or dryRun true): the result lists each change with its value before \
                and after, and the modifiedAt of the record it was computed from; show the changes, then call this tool \
                with the same changes and expectedModifiedAt set to that modifiedAt, so that the write is refused \
                (category conflict, nothing sent) if the organization changed meanwhile. When every value is already \
                held nothing is sent and changes is empty. The person may be asked to approve the write; if they do \
                not, the category is declined and nothing was sent.
                """,
                inputSchema: ToolSchema.input(method: "patchOrganizationContact"),
                outputSchema: ToolSchema.output(method: "patchOrganizationContact"),
                annotations: ToolAnnotations(readOnly: false, destructive: true, idempotent: true, openWorld: true)
            ),
            "patchOrganizationContact"
        ),
        (
            Tool(
                name: "update_organization_contact",
                title: "Replace an SSL organization's contact",
                description: """
                Replace the whole organization contact of a WebNIC SSL organization, as WebNIC's own update does: every \
                field left out is cleared. Prefer patch_organization_contact, which changes only the fields named. Use \
                this tool only to set the complete contact: organizationId, and organization with company, firstName, \
                lastName, address1, city, countryCode (ISO 3166-1 alpha-2, e.g. MY), phoneNumber (+CC.NUMBER, e.g. \
                +60.312345678) and email; address2, state, zip, faxNumber and jobTitle are optional. DigiCert uses this \
                contact for OV and EV certificate validation. technicalContactId is optional and kept when left out. \
                Pass expectedModifiedAt (the modifiedAt you read) to have the write refused if the organization changed \
                since, and to get the list of changes. Set dryRun to true to preview the exact request without sending \
                anything. Returns the organization as WebNIC now holds it.
                """,
                inputSchema: ToolSchema.input(method: "updateOrganizationContact"),
                outputSchema: ToolSchema.output(method: "updateOrganizationContact"),
                annotations: ToolAnnotations(readOnly: false, destructive: true, idempotent: true, openWorld: true)
            ),
            "updateOrganizationContact"
        ),
    ]

    /// The names of the tools, in the order `tools/list` lists them (all of them, read-only or not).
    package static var toolNames: [String] { catalog.map(\.tool.name) }

    /// What the `instructions` field tells a model: how the tools fit together.
    package static let instructions = """
    This server manages WebNIC SSL organizations: the organization contact DigiCert checks for OV and EV certificate \
    validation. To change a contact: (1) call get_organization with the organizationId; (2) call \
    plan_organization_contact_change (or patch_organization_contact with dryRun true) with only the fields to change \
    in `changes`, and show the user the listed \
    changes (before and after); (3) call patch_organization_contact with the same changes and expectedModifiedAt set \
    to the modifiedAt the plan returned, so that nothing is overwritten if the organization changed in between (a \
    conflict failure: read again and start over). The server may ask the user to approve each write; a declined \
    failure means they did not, and nothing was sent. Use update_organization_contact \
    only to replace the whole contact. A failed call is a result with isError: its structured content has category, \
    retryable, hint and, for invalid arguments, fieldErrors naming each field to correct. Correct those fields and \
    call again; repeat an unchanged call only when retryable is true. When the server is read-only the tools that \
    write are not offered.
    """

    /// The tools, running `methods`.
    package init(methods: WebNICMethods) {
        self.methods = methods
    }

    /// One handler for the whole connection: MCP with these tools, and `methods` for plain JSON-RPC.
    package static func endpoint(serving methods: WebNICMethods, logger: Logger) -> MCPEndpoint {
        MCPEndpoint(
            identity: ServerIdentity(
                name: "webnic-rpc", title: "WebNIC SSL organizations", version: OpenRPCDocument.version, instructions: instructions
            ),
            tools: WebNICTools(methods: methods), plain: methods, logger: logger
        )
    }

    /// The tools, in the order `tools/list` lists them; read-only, only those that change nothing.
    /// Each description ends with the limits in force, when there are any.
    package var tools: [Tool] {
        let tools = Self.catalog.map(\.tool).filter { !methods.isReadOnly || $0.annotations.readOnly == true }
        guard let limits = methods.policy.limitsDescription else { return tools }
        return tools.map { $0.describing("\($0.description)\n\nLimits in force: \(limits).") }
    }

    /// A call of the tool: its method's call with `arguments` as the params, decoded once and
    /// ordered as the method declares; run as the context's caller, who can be asked to approve a
    /// write as the context says.
    package func prepare(_ name: String, arguments: JSONObject) -> PreparedToolCall? {
        guard let method = Self.method(of: name) else { return nil }
        let params = JSONValue.object(arguments)
        let invocation = methods.invocation(method, params: params)
        return PreparedToolCall(ordering: invocation.ordering) { [methods] context in
            var onAttempt: AttemptObserver?
            if let progress = context.progress {
                onAttempt = { @Sendable attempt in progress.report(attempt, message: "WebNIC call, HTTP attempt \(attempt)") }
            }
            var call = MethodCall(requestID: context.requestID, params: params, onAttempt: onAttempt)
            call.via = context.via
            call.elicitation = context.elicitation
            let (outcome, pending) = await methods.perform(invocation, call: call)
            if let pending {
                return .inputRequired(questions: [(WriteApproval.questionKey, pending.question)], requestState: pending.state)
            }
            switch outcome {
            case .success(let value):
                return .complete(ToolResult(text: ToolText.success(value), structuredContent: value.json, isError: false))
            case .failure(let error):
                return .complete(ToolResult(text: ToolText.failure(error), structuredContent: ToolText.failureContent(error), isError: true))
            }
        }
    }

    private static func method(of tool: String) -> String? {
        catalog.first { $0.tool.name == tool }?.method
    }
}
