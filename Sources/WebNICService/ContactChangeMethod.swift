import ErrorCategories
import JSONCore
import JSONRPC
import MCP
import Platform
import SafeChange
import WebNIC

/// A method that changes an organization's contact through a `ContactWriter`, under the write
/// policy: the organizations and fields it may touch, read-only mode, and the person's approval.
protocol ContactChangeMethod: WebNICMethod where Params: ContactChangeParams {
    /// Writes, and records refusals.
    var writer: ContactWriter { get }
    /// What may be touched, and whether writes are approved first.
    var policy: WritePolicy { get }
    /// The questions and the plans waiting for an answer.
    var approval: WriteApproval { get }

    /// Whether a dry run with `params` reads the organization (and so waits for earlier writes of it).
    static func dryRunReads(_ params: Params) -> Bool
}

/// What the params of every contact change say: which organization, and whether only to show the change.
protocol ContactChangeParams: Sendable {
    /// The organization to change.
    var organizationId: Int64 { get }
    /// Only compute and show the change.
    var dryRun: Bool { get }
}

/// The placeholder outcome of a call that waits for the person's answer (`CallReport.pendingQuestion`
/// says what to ask); never sent as it is.
let awaitingAnswer = ResponseError(code: .internalError, message: "awaiting the person's answer")

extension ContactChangeMethod {
    /// A write of the organization; a dry run that reads it, a read; anything that cannot reach
    /// WebNIC (a dry run that does not read, a write refused as read-only), independent.
    func ordering(of params: Params) -> RequestOrdering {
        let key = Self.orderingKey(params.organizationId)
        if params.dryRun { return Self.dryRunReads(params) ? .reads(key) : .independent }
        return policy.readOnly ? .independent : .writes(key)
    }

    /// Who asks for the change, for the audit log.
    private func origin(of call: MethodCall) -> WriteOrigin {
        WriteOrigin(requestId: call.requestID?.json ?? .null, method: Self.name, via: call.via)
    }

    /// Runs the change `params` asks for as the policy says: refused (and recorded,
    /// for a write) when the organization or a field named is out of scope or webnic-rpc is
    /// read-only; approved by the person first under `--confirm-writes`; then `direct`, or the
    /// plan and its guarded write when the fields it changes are only known from a read
    /// (`namedFields` nil: a replacement). Nothing is sent before every check has passed.
    /// - Parameters:
    ///   - params: the decoded params: the organization, and whether this is a dry run.
    ///   - namedFields: the fields the call names (a patch's), or nil when only a read can tell
    ///     which fields change (a replacement).
    ///   - call: who calls, and how the person can be asked.
    ///   - report: receives the organization, the HTTP attempts, and the question when the call
    ///     waits for the person's answer.
    ///   - plan: reads the organization and plans the change, sending nothing; given who asks.
    ///   - direct: makes the change in one go (reading first when it needs to); given who asks.
    func runChange(
        _ params: Params, namedFields: [String]?, call: MethodCall, report: inout CallReport,
        plan: (WriteOrigin) async throws(ChangeError) -> (plan: ChangePlan, attempts: Int),
        direct: (WriteOrigin) async throws(ChangeError) -> ChangeResult
    ) async throws(ResponseError) -> MethodOutcome {
        let organizationId = params.organizationId, dryRun = params.dryRun
        let origin = origin(of: call)
        /// `error`, once the refusal of a write (not of a dry run) is recorded.
        func refusal(_ error: ResponseError, _ category: ErrorCategory, fields: [String]? = nil) async -> ResponseError {
            dryRun ? error : await recorded(error, category, origin: origin, organizationId: organizationId, fields: fields)
        }
        if !policy.allows(organization: organizationId) {
            throw await refusal(ResponseError.outOfScope(organization: organizationId, allowed: policy.organizations ?? []), .outOfScope)
        }
        if policy.readOnly, !dryRun { throw await refusal(ResponseError.readOnly(Self.name), .readOnly) }
        if let namedFields, let (error, outside) = fieldRefusal(namedFields) {
            throw await refusal(error, .outOfScope, fields: outside)
        }
        let planFirst = namedFields == nil && policy.writableFields != nil
        if policy.confirmWrites, !dryRun {
            return try await approved(
                organizationId: organizationId, call: call, origin: origin, planFirst: planFirst, report: &report
            ) { () throws(ChangeError) in try await plan(origin) }
        }
        guard planFirst else { return .change(try await Self.changing(&report) { () throws(ChangeError) in try await direct(origin) }) }
        let planned = try await Self.planning(&report) { () throws(ChangeError) in try await plan(origin) }
        if let (error, outside) = fieldRefusal(planned.changes.map(\.field)) {
            throw await refusal(error, .outOfScope, fields: outside)
        }
        if dryRun { return .change(writer.dryRun(planned)) }
        return .change(try await Self.changing(&report) { () throws(ChangeError) in
            try await writer.apply(planned, origin: origin, approval: nil, onAttempt: call.onAttempt)
        })
    }

    /// A write the person approves first: planned and asked (handshake eras), planned and held
    /// behind a question (2026-07-28, first call), or the held plan answered (2026-07-28, the call
    /// again). Only the plan shown is ever sent, guarded by the modification it was read at. A call
    /// that waits for the answer throws `awaitingAnswer`, with the question in `report`.
    private func approved(
        organizationId: Int64, call: MethodCall, origin: WriteOrigin, planFirst: Bool, report: inout CallReport,
        plan: () async throws(ChangeError) -> (plan: ChangePlan, attempts: Int)
    ) async throws(ResponseError) -> MethodOutcome {
        func refusal(_ error: ResponseError, _ category: ErrorCategory, fields: [String]? = nil) async -> ResponseError {
            await recorded(error, category, origin: origin, organizationId: organizationId, fields: fields)
        }
        if case .unavailable(let reason) = call.elicitation {
            throw await refusal(ResponseError.approvalRequired(reason), .approvalRequired)
        }
        if case .roundTrip(let answers, let state?) = call.elicitation {
            guard let held = approval.take(state, method: Self.name, params: call.params) else {
                throw await refusal(ResponseError.approvalStateInvalid, .approvalRequired)
            }
            guard let answer = answers?[WriteApproval.questionKey] else {
                // No answer to our question: ask again, about the same plan.
                report.pendingQuestion = (approval.question(held.plan), approval.hold(held.plan, method: Self.name, params: call.params, askedAt: held.askedAt))
                throw awaitingAnswer
            }
            return try await decide(answer, plan: held.plan, askedAt: held.askedAt, call: call, origin: origin, report: &report)
        }
        let planned = try await Self.planning(&report, plan)
        if planFirst, let (error, outside) = fieldRefusal(planned.changes.map(\.field)) {
            throw await refusal(error, .outOfScope, fields: outside)
        }
        guard planned.update != nil else { return .change(.unchanged(planned.basis)) }
        let askedAt = UTCTimestamp.now(fractionDigits: 3)
        let question = approval.question(planned)
        if case .ask(let ask) = call.elicitation {
            let answer = await ask(question)
            return try await decide(answer, plan: planned, askedAt: askedAt, call: call, origin: origin, report: &report)
        }
        report.pendingQuestion = (question, approval.hold(planned, method: Self.name, params: call.params, askedAt: askedAt))
        throw awaitingAnswer
    }

    /// The refusal of a write changing `fields` (some outside `--writable-fields`) and those
    /// fields, or nil when every one may be written.
    private func fieldRefusal(_ fields: [String]) -> (ResponseError, [String])? {
        let outside = policy.unwritable(fields)
        guard !outside.isEmpty else { return nil }
        return (ResponseError.outOfScope(fields: outside, writable: policy.writableFields ?? []), outside)
    }

    /// Writes `plan` when the answer approves it; otherwise refuses, recording why.
    private func decide(
        _ answer: ElicitationAnswer, plan: ChangePlan, askedAt: String, call: MethodCall, origin: WriteOrigin, report: inout CallReport
    ) async throws(ResponseError) -> MethodOutcome {
        let organizationId = plan.basis.organizationId
        switch WriteApproval.verdict(answer) {
        case .approved:
            let approvalRecord = Approval(askedAt: askedAt, answeredAt: UTCTimestamp.now(fractionDigits: 3))
            return .change(try await Self.changing(&report) { () throws(ChangeError) in
                try await writer.apply(plan, origin: origin, approval: approvalRecord, onAttempt: call.onAttempt)
            })
        case .declined(let how):
            throw await recorded(ResponseError.declined(how), .declined, origin: origin, organizationId: organizationId)
        case .unanswered(let reason):
            if Task.isCancelled { throw ResponseError.cancelled }
            let error = ResponseError.approvalRequired("the client did not answer the question (\(reason))")
            throw await recorded(error, .approvalRequired, origin: origin, organizationId: organizationId)
        case .abandoned:
            throw ResponseError.cancelled
        }
    }

    /// `error`, once the refusal of a write of `organizationId` is recorded in the audit log.
    private func recorded(
        _ error: ResponseError, _ category: ErrorCategory, origin: WriteOrigin, organizationId: Int64, fields: [String]? = nil
    ) async -> ResponseError {
        await writer.recordRefusal(origin: origin, organizationId: organizationId, category: category.rawValue, fields: fields)
        return error
    }

    /// The outcome of `change`, its HTTP attempts added to `report`; its failure as this method's error.
    private static func changing(
        _ report: inout CallReport, _ change: () async throws(ChangeError) -> ChangeResult
    ) async throws(ResponseError) -> ChangeOutcome {
        try await counting(&report) { () throws(ChangeError) in
            let result = try await change()
            return (result.outcome, result.attempts)
        }
    }

    /// The plan `plan` reads, its HTTP attempts in `report`; its failure as this method's error.
    private static func planning(
        _ report: inout CallReport, _ plan: () async throws(ChangeError) -> (plan: ChangePlan, attempts: Int)
    ) async throws(ResponseError) -> ChangePlan {
        try await counting(&report) { () throws(ChangeError) in try await plan() }
    }

    /// What `body` returns, its HTTP attempts (or those of its failure) added to `report`; its
    /// failure as this method's error.
    private static func counting<Value>(
        _ report: inout CallReport, _ body: () async throws(ChangeError) -> (Value, Int)
    ) async throws(ResponseError) -> Value {
        do throws(ChangeError) {
            let (value, attempts) = try await body()
            report.attempts += attempts
            return value
        } catch {
            report.attempts += error.attempts
            throw ResponseError.change(error)
        }
    }
}
