import JSONCore
import JSONRPC
import WebNIC

/// `getOrganization`: reads one organization.
struct GetOrganizationMethod: WebNICMethod {
    /// The organization id.
    typealias Params = Int64

    static let name = "getOrganization"

    let client: WebNICClient
    let policy: WritePolicy

    static func decode(_ params: JSONValue?) throws(ResponseError) -> Int64 {
        try ParameterValidator.getOrganization(params)
    }

    func ordering(of id: Int64) -> RequestOrdering { .reads(Self.orderingKey(id)) }

    func run(_ id: Int64, call: MethodCall, report: inout CallReport) async throws(ResponseError) -> MethodOutcome {
        report.organizationId = id
        guard policy.allows(organization: id) else {
            throw ResponseError.outOfScope(organization: id, allowed: policy.organizations ?? [])
        }
        do {
            let reply = try await client.getOrganization(id: id, onAttempt: call.onAttempt)
            report.attempts = reply.attempts
            return .organization(reply.value)
        } catch {
            report.attempts = error.attempts
            throw ResponseError.webnic(error)
        }
    }
}
