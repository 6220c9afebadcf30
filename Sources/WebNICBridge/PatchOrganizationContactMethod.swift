import Diagnostics
import JSONCore
import JSONRPC
import SafeChange
import WebNIC

/// `patchOrganizationContact`: changes only the fields named (JSON Merge Patch over the contact),
/// sending the complete merged contact, or nothing when nothing changes.
struct PatchOrganizationContactMethod: ContactChangeMethod {
    static let name = "patchOrganizationContact"

    let writer: ContactWriter
    let isReadOnly: Bool
    let logger: Logger

    /// A patch always reads the organization first.
    static func dryRunReads(_ params: JSONValue) -> Bool { true }

    func run(_ params: JSONValue?, call: MethodCall, report: inout CallReport) async -> Result<JSONValue, ResponseError> {
        let checked: PatchParams
        switch ParameterValidator.patchOrganizationContact(params) {
        case .success(let value): checked = value
        case .failure(let error): return .failure(error)
        }
        report.organizationId = checked.organizationId
        logger.debug("contact patch", metadata: [
            ("organizationId", checked.organizationId), ("dryRun", checked.dryRun),
            ("changes", params?["changes"]?.jsonText ?? "{}"),
        ])
        return await runChange(dryRun: checked.dryRun, report: &report) { () throws(ChangeError) in
            try await writer.patch(
                checked.patch, organizationId: checked.organizationId, expectedModifiedAt: checked.expectedModifiedAt,
                dryRun: checked.dryRun, origin: origin(of: call), onAttempt: call.onAttempt
            )
        }
    }
}
