import JSONCore
import JSONRPC

/// `planOrganizationContactChange`: what a patch would change, and the exact request it would
/// send; nothing is sent. The read-only twin of a patch's dry run, for hosts that allow previews
/// and gate writes.
struct PlanOrganizationContactChangeMethod: WebNICMethod {
    /// A patch's params, always a dry run.
    typealias Params = PatchParams

    static let name = "planOrganizationContactChange"

    /// The patch whose dry run this is.
    let patch: PatchOrganizationContactMethod

    static func decode(_ params: JSONValue?) throws(ResponseError) -> PatchParams {
        try ParameterValidator.planOrganizationContactChange(params)
    }

    func ordering(of params: PatchParams) -> RequestOrdering { .reads(Self.orderingKey(params.organizationId)) }

    func run(_ params: PatchParams, call: MethodCall, report: inout CallReport) async throws(ResponseError) -> MethodOutcome {
        try await patch.run(params, call: call, report: &report)
    }
}
