import JSONCore
import JSONRPC
import SafeChange
import WebNIC

/// A method that changes an organization's contact through a `ContactWriter`: refused in read-only
/// mode unless it is a dry run, and ordered as a write of its organization.
protocol ContactChangeMethod: WebNICMethod {
    /// Whether webnic-rpc runs read-only.
    var isReadOnly: Bool { get }

    /// Whether a dry run with `params` reads the organization (and so waits for earlier writes of it).
    static func dryRunReads(_ params: JSONValue) -> Bool
}

extension ContactChangeMethod {
    /// A write of the organization; a dry run that reads it, a read; anything that cannot reach
    /// WebNIC (invalid params, a dry run that does not read, a write refused as read-only), independent.
    func ordering(of params: JSONValue?) -> RequestOrdering {
        guard let params, let id = ParameterValidator.organizationId(of: params) else { return .independent }
        if params["dryRun"] == true { return Self.dryRunReads(params) ? .reads(Self.orderingKey(id)) : .independent }
        return isReadOnly ? .independent : .writes(Self.orderingKey(id))
    }

    /// Who asks for the change, for the audit log.
    func origin(of call: MethodCall) -> WriteOrigin {
        WriteOrigin(requestId: call.requestID?.json ?? .null, method: Self.name)
    }

    /// Runs `change` as this method's answer: refused with `read_only` first unless it is a dry
    /// run; its outcome as the result, its failure as the error.
    func runChange(
        dryRun: Bool, report: inout CallReport, _ change: () async throws(ChangeError) -> ChangeResult
    ) async -> Result<JSONValue, ResponseError> {
        if isReadOnly, !dryRun { return .failure(MethodError.readOnly(Self.name)) }
        do {
            let result = try await change()
            report.attempts = result.attempts
            return .success(OrganizationResult.json(result.outcome))
        } catch {
            report.attempts = error.attempts
            return .failure(MethodError.change(error))
        }
    }
}
