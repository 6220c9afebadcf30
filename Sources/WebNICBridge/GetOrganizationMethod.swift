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

    func run(_ params: JSONValue?, call: MethodCall, report: inout CallReport) async -> Result<MethodOutcome, ResponseError> {
        let id: Int64
        switch ParameterValidator.getOrganization(params) {
        case .success(let value): id = value
        case .failure(let error): return .failure(error)
        }
        report.organizationId = id
        guard policy.allows(organization: id) else {
            return .failure(MethodError.outOfScope(organization: id, allowed: policy.organizations ?? []))
        }
        do {
            let reply = try await client.getOrganization(id: id, onAttempt: call.onAttempt)
            report.attempts = reply.attempts
            return .success(.organization(reply.value))
        } catch {
            report.attempts = error.attempts
            return .failure(MethodError.webnic(error))
        }
    }
}
