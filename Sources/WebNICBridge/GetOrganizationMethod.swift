import JSONCore
import JSONRPC
import WebNIC

/// `getOrganization`: reads one organization.
struct GetOrganizationMethod: WebNICMethod {
    static let name = "getOrganization"

    let client: WebNICClient
    let policy: WritePolicy

    func ordering(of params: JSONValue?) -> RequestOrdering {
        ParameterValidator.organizationId(of: params).map { .reads(Self.orderingKey($0)) } ?? .independent
    }

    func run(_ params: JSONValue?, call: MethodCall, report: inout CallReport) async throws(ResponseError) -> MethodOutcome {
        let id = try ParameterValidator.getOrganization(params).get()
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
