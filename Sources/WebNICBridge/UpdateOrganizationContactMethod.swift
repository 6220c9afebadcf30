import Diagnostics
import JSONCore
import JSONRPC
import SafeChange
import WebNIC

/// `updateOrganizationContact`: replaces the whole contact, as WebNIC's PUT does; with
/// `expectedModifiedAt` it reads first, refuses a stale write and reports what changes.
struct UpdateOrganizationContactMethod: WebNICMethod {
    static let name = "updateOrganizationContact"

    let writer: ContactWriter
    let isReadOnly: Bool
    let logger: Logger

    func ordering(of params: JSONValue?) -> RequestOrdering {
        guard let id = ParameterValidator.organizationId(of: params) else { return .independent }
        if params?["dryRun"] == true { return params?["expectedModifiedAt"] == nil ? .independent : .reads(Self.orderingKey(id)) }
        return isReadOnly ? .independent : .writes(Self.orderingKey(id))
    }

    func run(_ params: JSONValue?, call: MethodCall, report: inout CallReport) async -> Result<JSONValue, ResponseError> {
        let checked: UpdateParams
        switch ParameterValidator.updateOrganizationContact(params) {
        case .success(let value): checked = value
        case .failure(let error): return .failure(error)
        }
        report.organizationId = checked.update.organizationId
        logger.debug("contact update", metadata: [
            ("organizationId", checked.update.organizationId), ("dryRun", checked.dryRun),
            ("body", checked.update.body.jsonText),
        ])
        return await runChange(readOnly: isReadOnly, dryRun: checked.dryRun, report: &report) { () throws(ChangeError) in
            try await writer.replace(
                checked.update, expectedModifiedAt: checked.expectedModifiedAt, dryRun: checked.dryRun,
                origin: WriteOrigin(requestId: call.requestID?.json ?? .null, method: Self.name), onAttempt: call.onAttempt
            )
        }
    }
}
