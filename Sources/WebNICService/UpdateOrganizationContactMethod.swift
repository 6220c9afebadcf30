import JSONCore
import JSONRPC
import Log
import SafeChange
import WebNIC

/// `updateOrganizationContact`: replaces the whole contact, as WebNIC's PUT does; with
/// `expectedModifiedAt` it reads first, refuses a stale write and reports what changes.
struct UpdateOrganizationContactMethod: ContactChangeMethod {
    static let name = "updateOrganizationContact"

    static func decode(_ params: JSONValue?) throws(ResponseError) -> UpdateParams {
        try ParameterValidator.updateOrganizationContact(params)
    }

    let writer: ContactWriter
    let policy: WritePolicy
    let approval: WriteApproval
    let logger: Logger

    /// A replacement reads the organization only to check `expectedModifiedAt`.
    static func dryRunReads(_ params: UpdateParams) -> Bool { params.expectedModifiedAt != nil }

    func run(_ checked: UpdateParams, call: MethodCall, report: inout CallReport) async throws(ResponseError) -> MethodOutcome {
        report.organizationId = checked.update.organizationId
        logger.debug("contact update", metadata: [
            ("organizationId", checked.update.organizationId), ("dryRun", checked.dryRun),
            ("body", checked.update.body.jsonText),
        ])
        return try await runChange(
            checked, namedFields: nil, call: call, report: &report,
            plan: { origin throws(ChangeError) in
                try await writer.plan(
                    replacement: checked.update, expectedModifiedAt: checked.expectedModifiedAt, origin: origin, onAttempt: call.onAttempt
                )
            },
            direct: { origin throws(ChangeError) in
                try await writer.replace(
                    checked.update, expectedModifiedAt: checked.expectedModifiedAt, dryRun: checked.dryRun, origin: origin,
                    onAttempt: call.onAttempt
                )
            }
        )
    }
}
