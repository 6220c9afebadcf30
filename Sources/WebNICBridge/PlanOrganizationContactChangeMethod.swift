import Diagnostics
import JSONCore
import JSONRPC
import SafeChange
import WebNIC

/// `planOrganizationContactChange`: what a patch would change, and the exact request it would
/// send; nothing is sent. The read-only twin of a patch's dry run, for hosts that allow previews
/// and gate writes.
struct PlanOrganizationContactChangeMethod: WebNICMethod {
    static let name = "planOrganizationContactChange"

    /// The patch whose dry run this is.
    let patch: PatchOrganizationContactMethod

    func ordering(of params: JSONValue?) -> RequestOrdering {
        ParameterValidator.organizationId(of: params).map { .reads(Self.orderingKey($0)) } ?? .independent
    }

    func run(_ params: JSONValue?, call: MethodCall, report: inout CallReport) async throws(ResponseError) -> MethodOutcome {
        try await patch.run(ParameterValidator.planOrganizationContactChange(params).get(), params, call: call, report: &report)
    }
}
