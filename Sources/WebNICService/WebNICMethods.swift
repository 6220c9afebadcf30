import ErrorCategories
import JSONCore
import JSONRPC
import Log
import MCP
import Platform
import SafeChange
import WebNIC

/// The JSON-RPC methods of webnic-rpc: `getOrganization`, `planOrganizationContactChange`,
/// `updateOrganizationContact`, `patchOrganizationContact` and `rpc.discover`.
///
/// Parameters are validated before any network call; WebNIC failures become errors with a
/// category, a hint and everything WebNIC said. Calls on one organization are ordered as their
/// methods declare (a write waits for earlier calls on its organization, later calls wait for the
/// write). Read-only, the write methods refuse to write. Each call is logged once at `info` with its
/// id, method, organization id, outcome, HTTP attempts and duration; contact data only at `debug`.
package struct WebNICMethods: RequestHandler {
    /// The method names served, in the order the OpenRPC document lists them.
    package static let methodNames = [
        GetOrganizationMethod.name, PlanOrganizationContactChangeMethod.name, UpdateOrganizationContactMethod.name,
        PatchOrganizationContactMethod.name, DiscoverMethod.name,
    ]

    /// The notification that cancels a request in flight: `{"id": …}` names it, and it is answered `-32800`.
    package static let cancelMethod = "$/cancelRequest"

    /// What may be touched, and how writes are approved.
    package let policy: WritePolicy
    /// Whether the write methods refuse to write.
    package var isReadOnly: Bool { policy.readOnly }
    /// The methods, in the order of `methodNames`.
    let methods: [any WebNICMethod]
    private let methodsByName: [String: any WebNICMethod]
    private let logger: Logger

    /// The methods.
    /// - Parameters:
    ///   - client: calls WebNIC.
    ///   - auditLog: records every write, and every write refused; nil for none.
    ///   - locks: serialize writes to one organization with the other processes of this machine; nil for none.
    ///   - policy: what may be touched and how writes are approved; by default everything, without asking.
    ///   - environment: the WebNIC called, as the audit log names it (`ote`, `production`, `sandbox`, `custom`).
    ///   - target: the WebNIC called, as the person's questions name it (`OTE (oteapi.webnic.cc)`);
    ///     by default the client's host and port.
    ///   - logger: receives one line per call.
    package init(
        client: WebNICClient, auditLog: AuditLog? = nil, locks: OrganizationLocks? = nil, policy: WritePolicy = WritePolicy(),
        environment: String = "custom", target: String? = nil, logger: Logger
    ) {
        let writer = ContactWriter(
            client: client, auditLog: auditLog, locks: locks, environment: environment, outcomeName: { ErrorCategory($0.kind).rawValue },
            logger: logger
        )
        let approval = WriteApproval(target: target ?? client.hostAndPort)
        let patch = PatchOrganizationContactMethod(writer: writer, policy: policy, approval: approval, logger: logger)
        methods = [
            GetOrganizationMethod(client: client, policy: policy),
            PlanOrganizationContactChangeMethod(patch: patch),
            UpdateOrganizationContactMethod(writer: writer, policy: policy, approval: approval, logger: logger),
            patch,
            DiscoverMethod(document: OpenRPCDocument.json(routes: client.routes, limits: policy.limitsDescription)),
        ]
        methodsByName = Dictionary(uniqueKeysWithValues: methods.map { (type(of: $0).name, $0) })
        self.policy = policy
        self.logger = logger
    }

    /// Turns `$/cancelRequest` into a cancellation; serves everything else.
    package func admit(_ message: IncomingMessage) -> Admission {
        guard case .single(.request(let request)) = message, request.isNotification, request.method == Self.cancelMethod,
              let id = request.params?["id"].flatMap(RequestID.init(json:))
        else { return .serve }
        return .cancel(id, answered: true)
    }

    /// The call `request` makes, its params decoded once: ordered as its method declares for them.
    package func prepare(_ request: Request) -> PreparedRequest {
        if request.method == Self.cancelMethod, request.isNotification {
            return PreparedRequest { _ in .success(.null) }  // a cancellation naming no valid id: nothing to cancel
        }
        let invocation = invocation(request.method, params: request.params)
        let call = MethodCall(requestID: request.id, params: request.params, onAttempt: nil)
        return PreparedRequest(ordering: invocation.ordering) { [self] _ in
            await perform(invocation, call: call).outcome.map(\.json)
        }
    }

    /// A call of the method `name` with `params`; a name no method has is answered at once.
    func invocation(_ name: String, params: JSONValue?) -> MethodInvocation {
        guard let method = methodsByName[name] else {
            return MethodInvocation(name: name, ordering: .independent) { _, _ throws(ResponseError) in
                throw .methodNotFound(name, known: Self.methodNames)
            }
        }
        return method.invocation(params)
    }

    /// Runs `invocation` for `call` (JSON-RPC's, or an MCP tool's: who calls, how the person can be
    /// asked, who hears of each HTTP attempt) and logs it; with the question the call waits on,
    /// when the person must answer first (2026-07-28).
    func perform(
        _ invocation: MethodInvocation, call: MethodCall
    ) async -> (outcome: Result<MethodOutcome, ResponseError>, pending: (question: ElicitationQuestion, state: String)?) {
        let start = ContinuousClock.now
        var report = CallReport()
        var outcome: Result<MethodOutcome, ResponseError>
        if Task.isCancelled {
            report.organizationId = ParameterValidator.organizationId(of: call.params)
            outcome = .failure(ResponseError.cancelled)  // cancelled before it started: nothing is done
        } else {
            // The boundary where a method's typed error becomes the call's outcome.
            do throws(ResponseError) {
                outcome = .success(try await invocation.run(call, &report))
            } catch {
                outcome = .failure(error)
            }
        }
        // Cancelled meanwhile: answered as cancelled, unless a write may have reached WebNIC (that
        // answer says so, with the cancel's code).
        if Task.isCancelled, !Self.mayHaveWritten(outcome) { outcome = .failure(ResponseError.cancelled) }
        if let pending = report.pendingQuestion {
            logger.info("call waits for the person's answer", metadata: [
                ("id", call.requestID?.json ?? .null), ("method", invocation.name),
                ("organizationId", report.organizationId.map { JSONValue.integer($0) } ?? .null),
            ])
            return (outcome, pending)
        }
        log(invocation.name, id: call.requestID, outcome: outcome, report: report, duration: ContinuousClock.now - start)
        return (outcome, nil)
    }

    /// Whether `outcome` is a write that may have reached WebNIC (`outcome_unknown`).
    private static func mayHaveWritten(_ outcome: Result<MethodOutcome, ResponseError>) -> Bool {
        guard case .failure(let error) = outcome else { return false }
        return error.data?["category"] == .string(ErrorCategory.outcomeUnknown.rawValue)
    }

    /// One record per request at `info` (`call` with its id), or per notification (`notification`,
    /// which has no id).
    private func log(_ method: String, id: RequestID?, outcome: Result<MethodOutcome, ResponseError>, report: CallReport, duration: Duration) {
        logger.info(id == nil ? "notification" : "call", metadata: {
            var metadata: [(String, any LogValueConvertible)] = []
            if let id { metadata.append(("id", id.json)) }
            metadata.append(("method", method))
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
