import Diagnostics
import JSONCore
import JSONRPC
import WebNIC

/// The JSON-RPC methods of webnic-rpc: `getOrganization`, `updateOrganizationContact` and `rpc.discover`.
///
/// Parameters are validated before any network call; WebNIC failures become errors with a
/// category, a hint and everything WebNIC said. Each call is logged once at `info` with its id,
/// method, organization id, outcome, HTTP attempts and duration; contact data only at `debug`.
public struct WebNICMethods: RequestHandler {
    private let client: WebNICClient
    private let logger: Logger

    /// The methods, calling WebNIC through `client`.
    public init(client: WebNICClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// The method names served, in the order the OpenRPC document lists them.
    public static let methodNames = ["getOrganization", "updateOrganizationContact", "rpc.discover"]

    /// The notification that cancels a request in flight: `{"id": …}` names it, and it is answered `-32800`.
    public static let cancelMethod = "$/cancelRequest"

    /// Turns `$/cancelRequest` into a cancellation; serves everything else.
    public func admit(_ message: IncomingMessage) -> Admission {
        guard case .single(.request(let request)) = message, request.isNotification, request.method == Self.cancelMethod,
              let id = request.params?["id"].flatMap(RequestID.init(json:))
        else { return .serve }
        return .cancel(id, answered: true)
    }

    /// Answers one request.
    public func handle(_ request: Request, context: RequestContext) async -> Result<JSONValue, ResponseError> {
        await perform(request, onAttempt: nil)
    }

    /// Answers `request` as `handle` does; `onAttempt` hears of each HTTP attempt made to WebNIC.
    public func perform(_ request: Request, onAttempt: AttemptObserver?) async -> Result<JSONValue, ResponseError> {
        let start = ContinuousClock.now
        var report = CallReport()
        var outcome: Result<JSONValue, ResponseError>
        switch request.method {
        case "getOrganization": outcome = await getOrganization(request.params, onAttempt: onAttempt, report: &report)
        case "updateOrganizationContact":
            outcome = await updateOrganizationContact(request.params, onAttempt: onAttempt, report: &report)
        case "rpc.discover": outcome = .success(OpenRPCDocument.json)
        case Self.cancelMethod where request.isNotification:
            return .success(.null)  // a cancellation naming no valid id: nothing to cancel
        default: outcome = .failure(.methodNotFound(request.method))
        }
        if Task.isCancelled { outcome = .failure(MethodError.cancelled) }
        log(request, outcome: outcome, report: report, duration: ContinuousClock.now - start)
        return outcome
    }

    private func getOrganization(
        _ params: JSONValue?, onAttempt: AttemptObserver?, report: inout CallReport
    ) async -> Result<JSONValue, ResponseError> {
        let id: Int64
        switch ParameterValidator.getOrganization(params) {
        case .success(let value): id = value
        case .failure(let error): return .failure(error)
        }
        report.organizationId = id
        do {
            let reply = try await client.getOrganization(id: id, onAttempt: onAttempt)
            report.attempts = reply.attempts
            return .success(OrganizationResult.json(reply.value))
        } catch {
            report.attempts = error.attempts
            return .failure(MethodError.webnic(error))
        }
    }

    private func updateOrganizationContact(
        _ params: JSONValue?, onAttempt: AttemptObserver?, report: inout CallReport
    ) async -> Result<JSONValue, ResponseError> {
        let update: ContactUpdate
        let dryRun: Bool
        switch ParameterValidator.updateOrganizationContact(params) {
        case .success(let value): (update, dryRun) = value
        case .failure(let error): return .failure(error)
        }
        report.organizationId = update.organizationId
        logger.debug("contact update", metadata: [
            ("organizationId", String(update.organizationId)), ("dryRun", String(dryRun)), ("body", update.body.jsonText),
        ])
        if dryRun {
            let request = client.preview(update)
            return .success(OrganizationResult.dryRun(method: request.method, url: request.url, body: request.body))
        }
        do {
            let reply = try await client.updateOrganizationContact(update, onAttempt: onAttempt)
            report.attempts = reply.attempts
            return .success(OrganizationResult.json(reply.value))
        } catch {
            report.attempts = error.attempts
            return .failure(MethodError.webnic(error))
        }
    }

    private func log(_ request: Request, outcome: Result<JSONValue, ResponseError>, report: CallReport, duration: Duration) {
        logger.info("call", metadata: {
            var metadata: [(String, String)] = [
                ("id", request.id?.description ?? "notification"), ("method", request.method),
            ]
            if let id = report.organizationId { metadata.append(("organizationId", String(id))) }
            switch outcome {
            case .success: metadata.append(("outcome", "ok"))
            case .failure(let error):
                metadata.append(("outcome", error.data?["category"]?.stringValue ?? "error \(error.code.rawValue)"))
            }
            metadata.append(("attempts", String(report.attempts)))
            metadata.append(("ms", String(Int((duration.inSeconds * 1000).rounded()))))
            return metadata
        }())
    }
}

/// What one call did, for its log line.
private struct CallReport {
    var organizationId: Int64?
    var attempts = 0
}
