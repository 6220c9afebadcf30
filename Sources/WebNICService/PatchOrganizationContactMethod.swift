import JSONCore
import JSONRPC
import Log
import SafeChange
import WebNIC

/// `patchOrganizationContact`: changes only the fields named (JSON Merge Patch over the contact),
/// sending the complete merged contact, or nothing when nothing changes.
struct PatchOrganizationContactMethod: ContactChangeMethod {
    static let name = "patchOrganizationContact"

    static func decode(_ params: JSONValue?) throws(ResponseError) -> PatchParams {
        try ParameterValidator.patchOrganizationContact(params)
    }

    let writer: ContactWriter
    let policy: WritePolicy
    let approval: WriteApproval
    let logger: Logger

    /// A patch always reads the organization first.
    static func dryRunReads(_ params: PatchParams) -> Bool { true }

    /// Runs checked patch params (a patch's, or a plan's).
    func run(_ checked: PatchParams, call: MethodCall, report: inout CallReport) async throws(ResponseError) -> MethodOutcome {
        report.organizationId = checked.organizationId
        logger.debug("contact patch", metadata: [
            ("organizationId", checked.organizationId), ("dryRun", checked.dryRun),
            ("changes", call.params?["changes"]?.jsonText ?? "{}"),
        ])
        var named = ContactField.allCases.filter { checked.patch.edits[$0] != nil }.map(\.rawValue)
        if checked.patch.technicalContactId != nil { named.append("technicalContactId") }
        return try await runChange(
            checked, namedFields: named, call: call, report: &report,
            plan: { origin throws(ChangeError) in
                try await writer.plan(
                    checked.patch, organizationId: checked.organizationId, expectedModifiedAt: checked.expectedModifiedAt, origin: origin,
                    onAttempt: call.onAttempt
                )
            },
            direct: { origin throws(ChangeError) in
                try await writer.patch(
                    checked.patch, organizationId: checked.organizationId, expectedModifiedAt: checked.expectedModifiedAt,
                    dryRun: checked.dryRun, origin: origin, onAttempt: call.onAttempt
                )
            }
        )
    }
}
