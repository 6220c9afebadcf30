import Diagnostics
import JSONCore
import JSONRPC
import SafeChange
import WebNIC

/// The JSON-RPC methods of webnic-rpc: `getOrganization`, `updateOrganizationContact`,
/// `patchOrganizationContact` and `rpc.discover`.
///
/// Parameters are validated before any network call; WebNIC failures become errors with a
/// category, a hint and everything WebNIC said. Calls on one organization are ordered as their
/// methods declare (a write waits for earlier calls on its organization, later calls wait for the
/// write). Read-only, the write methods refuse to write. Each call is logged once at `info` with its
/// id, method, organization id, outcome, HTTP attempts and duration; contact data only at `debug`.
public struct WebNICMethods: RequestHandler {
    /// The method names served, in the order the OpenRPC document lists them.
    public static let methodNames = [
        GetOrganizationMethod.name, UpdateOrganizationContactMethod.name, PatchOrganizationContactMethod.name, DiscoverMethod.name,
    ]

    /// The notification that cancels a request in flight: `{"id": …}` names it, and it is answered `-32800`.
    public static let cancelMethod = "$/cancelRequest"

    /// Whether the write methods refuse to write.
    public let isReadOnly: Bool
    /// The methods, in the order of `methodNames`.
    let methods: [any WebNICMethod]
    private let logger: Logger

    /// The methods, calling WebNIC through `client`; every write is recorded in `auditLog` when
    /// there is one, and none is made when `readOnly`.
    public init(client: WebNICClient, auditLog: AuditLog? = nil, readOnly: Bool = false, logger: Logger) {
        let writer = ContactWriter(
            client: client, auditLog: auditLog, outcomeName: { ErrorCategory($0.kind).rawValue }, logger: logger
        )
        methods = [
            GetOrganizationMethod(client: client),
            UpdateOrganizationContactMethod(writer: writer, isReadOnly: readOnly, logger: logger),
            PatchOrganizationContactMethod(writer: writer, isReadOnly: readOnly, logger: logger),
            DiscoverMethod(document: OpenRPCDocument.json(routes: client.routes)),
        ]
        isReadOnly = readOnly
        self.logger = logger
    }

    /// Turns `$/cancelRequest` into a cancellation; serves everything else.
    public func admit(_ message: IncomingMessage) -> Admission {
        guard case .single(.request(let request)) = message, request.isNotification, request.method == Self.cancelMethod,
              let id = request.params?["id"].flatMap(RequestID.init(json:))
        else { return .serve }
        return .cancel(id, answered: true)
    }

    /// As the method declares for these params.
    public func ordering(of request: Request) -> RequestOrdering {
        method(named: request.method)?.ordering(of: request.params) ?? .independent
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
        if request.method == Self.cancelMethod, request.isNotification {
            return .success(.null)  // a cancellation naming no valid id: nothing to cancel
        } else if Task.isCancelled {
            outcome = .failure(MethodError.cancelled)  // cancelled before it started: nothing is done
        } else if let method = method(named: request.method) {
            outcome = await method.run(request.params, call: MethodCall(requestID: request.id, onAttempt: onAttempt), report: &report)
        } else {
            outcome = .failure(.methodNotFound(request.method, known: methods.map { type(of: $0).name }))
        }
        if Task.isCancelled { outcome = .failure(MethodError.cancelled) }
        log(request, outcome: outcome, report: report, duration: ContinuousClock.now - start)
        return outcome
    }

    private func method(named name: String) -> (any WebNICMethod)? {
        methods.first { type(of: $0).name == name }
    }

    private func log(_ request: Request, outcome: Result<JSONValue, ResponseError>, report: CallReport, duration: Duration) {
        logger.info("call", metadata: {
            var metadata: [(String, any LogValueConvertible)] = [
                ("id", request.id?.json ?? "notification"), ("method", request.method),
            ]
            if let id = report.organizationId { metadata.append(("organizationId", id)) }
            switch outcome {
            case .success: metadata.append(("outcome", "ok"))
            case .failure(let error):
                metadata.append(("outcome", error.data?["category"]?.stringValue ?? "error \(error.code.rawValue)"))
            }
            metadata.append(("attempts", report.attempts))
            metadata.append(("ms", Int((duration.inSeconds * 1000).rounded())))
            return metadata
        }())
    }
}
