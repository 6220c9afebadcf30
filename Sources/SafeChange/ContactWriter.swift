import JSONCore
import Log
import WebNIC

/// Changes organization contacts the safe way: it reads before it writes when it needs to know
/// what WebNIC holds, refuses to overwrite a record modified since the caller read it, sends a
/// patch as the complete merged contact (never a partial one), sends nothing when nothing would
/// change, and records every write in the audit log before it leaves.
///
/// WebNIC has no conditional update: a write made by someone else between the read and the write
/// is not seen. Callers in one process close that window by ordering writes per organization.
package struct ContactWriter: Sendable {
    private let client: WebNICClient
    private let auditLog: AuditLog?
    private let outcomeName: @Sendable (WebNICError) -> String
    private let logger: Logger
    /// Which WebNIC the writes go to, as the audit log records it: `{"environment": …, "host": …}`.
    private let target: JSONValue
    /// Serialize writes to one organization with the other processes of this machine, when set.
    private let locks: OrganizationLocks?

    /// A writer of organization contacts.
    /// - Parameters:
    ///   - client: calls WebNIC.
    ///   - auditLog: where each write is recorded before it is sent and when it ends; nil for none.
    ///   - locks: serialize writes to one organization with the other processes of this machine; nil for none.
    ///   - environment: the WebNIC the client calls, as the audit log names it (`ote`, `production`,
    ///     `sandbox` or `custom`).
    ///   - outcomeName: names a failed write's outcome in the audit log (the caller's error category).
    ///   - logger: where failures to record are reported.
    package init(
        client: WebNICClient, auditLog: AuditLog?, locks: OrganizationLocks? = nil, environment: String = "custom",
        outcomeName: @escaping @Sendable (WebNICError) -> String, logger: Logger
    ) {
        self.client = client
        self.locks = locks
        self.auditLog = auditLog
        self.outcomeName = outcomeName
        self.logger = logger
        target = ["environment": .string(environment), "host": .string(client.hostAndPort)]
    }

    /// Applies `patch` to organization `organizationId`: reads it, checks `expectedModifiedAt`,
    /// merges and compares. A dry run stops there; a patch that changes nothing sends nothing;
    /// otherwise one PUT carries the complete merged contact.
    package func patch(
        _ patch: ContactPatch, organizationId: Int64, expectedModifiedAt: String?, dryRun: Bool, origin: WriteOrigin,
        onAttempt: AttemptObserver?
    ) async throws(ChangeError) -> ChangeResult {
        let attempts = AttemptCounter(forwardingTo: onAttempt)
        let held = dryRun ? nil : try await lock(organizationId)
        defer { held?.release() }
        let basis = try await read(organizationId, expecting: expectedModifiedAt, origin: origin, attempts: attempts)
        let plan = ChangePlan(patch: patch, over: basis)
        logPlan(plan, dryRun: dryRun)
        let outcome: ChangeOutcome
        if dryRun {
            outcome = self.dryRun(plan)
        } else if let update = plan.update {
            outcome = .written(try await write(update, changes: plan.changes, origin: origin, approval: nil, attempts: attempts), changes: plan.changes)
        } else {
            outcome = .unchanged(basis)
        }
        return ChangeResult(outcome: outcome, attempts: attempts.count)
    }

    /// Replaces the contact with `update`, as WebNIC's PUT does. With `expectedModifiedAt` the
    /// organization is read first, checked and compared; without it nothing is read, and a dry run
    /// only shows the request.
    package func replace(
        _ update: ContactUpdate, expectedModifiedAt: String?, dryRun: Bool, origin: WriteOrigin, onAttempt: AttemptObserver?
    ) async throws(ChangeError) -> ChangeResult {
        let attempts = AttemptCounter(forwardingTo: onAttempt)
        let held = dryRun ? nil : try await lock(update.organizationId)
        defer { held?.release() }
        var changes: [FieldChange]?
        var basis: OrganizationRecord?
        if let expectedModifiedAt {
            let record = try await read(update.organizationId, expecting: expectedModifiedAt, origin: origin, attempts: attempts)
            let plan = ChangePlan(replacement: update, over: record)
            logPlan(plan, dryRun: dryRun)
            (changes, basis) = (plan.changes, record)
        }
        let outcome: ChangeOutcome
        if dryRun {
            outcome = .planned(request: client.preview(update), changes: changes, basis: basis)
        } else {
            outcome = .written(try await write(update, changes: changes, origin: origin, approval: nil, attempts: attempts), changes: changes)
        }
        return ChangeResult(outcome: outcome, attempts: attempts.count)
    }

    /// Reads organization `organizationId`, checks `expectedModifiedAt`, and plans `patch` over it;
    /// sends nothing. The plan's `update` is nil when nothing would change.
    package func plan(
        _ patch: ContactPatch, organizationId: Int64, expectedModifiedAt: String?, origin: WriteOrigin, onAttempt: AttemptObserver?
    ) async throws(ChangeError) -> (plan: ChangePlan, attempts: Int) {
        try await planned(organizationId, expecting: expectedModifiedAt, origin: origin, onAttempt: onAttempt) { ChangePlan(patch: patch, over: $0) }
    }

    /// Reads the organization `update` replaces, checks `expectedModifiedAt`, and plans the
    /// replacement over it; sends nothing.
    package func plan(
        replacement update: ContactUpdate, expectedModifiedAt: String?, origin: WriteOrigin, onAttempt: AttemptObserver?
    ) async throws(ChangeError) -> (plan: ChangePlan, attempts: Int) {
        try await planned(update.organizationId, expecting: expectedModifiedAt, origin: origin, onAttempt: onAttempt) {
            ChangePlan(replacement: update, over: $0)
        }
    }

    /// The plan `make` draws over organization `organizationId`, read and checked against
    /// `expectedModifiedAt`, with the HTTP attempts the read took.
    private func planned(
        _ organizationId: Int64, expecting expectedModifiedAt: String?, origin: WriteOrigin, onAttempt: AttemptObserver?,
        _ make: (OrganizationRecord) -> ChangePlan
    ) async throws(ChangeError) -> (plan: ChangePlan, attempts: Int) {
        let attempts = AttemptCounter(forwardingTo: onAttempt)
        let plan = make(try await read(organizationId, expecting: expectedModifiedAt, origin: origin, attempts: attempts))
        logPlan(plan, dryRun: true)
        return (plan, attempts.count)
    }

    /// What a dry run of `plan` shows: the request it would send, what it changes, its basis.
    package func dryRun(_ plan: ChangePlan) -> ChangeOutcome {
        .planned(request: plan.update.map(client.preview), changes: plan.changes, basis: plan.basis)
    }

    /// Sends exactly the request of `plan`, guarded by the modification it was planned from: the
    /// organization is read again, and if it changed since, nothing is sent (`conflict`). The
    /// intent records `approval` when the person approved the write.
    package func apply(
        _ plan: ChangePlan, origin: WriteOrigin, approval: Approval?, onAttempt: AttemptObserver?
    ) async throws(ChangeError) -> ChangeResult {
        let attempts = AttemptCounter(forwardingTo: onAttempt)
        guard let update = plan.update else { return ChangeResult(outcome: .unchanged(plan.basis), attempts: 0) }
        let held = try await lock(plan.basis.organizationId)
        defer { held?.release() }
        let expected = plan.basis.modifiedAt ?? ""
        let current = try await read(plan.basis.organizationId, expecting: nil, origin: origin, attempts: attempts)
        let unchanged = current.contact == plan.basis.contact && current.technicalContactId == plan.basis.technicalContactId
            && (plan.basis.modifiedAt == nil || Self.isModification(current.modifiedAt, as: expected))
        guard unchanged else {
            await recordRefusal(origin: origin, organizationId: plan.basis.organizationId, category: "conflict", fields: nil)
            throw .conflict(expected: expected, current: current.modifiedAt, attempts: attempts.count)
        }
        let written = try await write(update, changes: plan.changes, origin: origin, approval: approval, attempts: attempts)
        return ChangeResult(outcome: .written(written, changes: plan.changes), attempts: attempts.count)
    }

    /// The lock of `organizationId` across this machine's processes, when locks are kept: waited
    /// for within the client's timeout.
    private func lock(_ organizationId: Int64) async throws(ChangeError) -> OrganizationLocks.Held? {
        guard let locks else { return nil }
        do throws(WebNICError) {
            return try await locks.acquire(organizationId, host: client.hostAndPort, deadline: ContinuousClock.now + client.timeout)
        } catch {
            throw .webnic(error)
        }
    }

    /// Records a write refused before anything was sent (read-only, out of scope, declined,
    /// approval required, conflict), when there is an audit log. A record that cannot be written
    /// is logged; the refusal stands either way.
    package func recordRefusal(origin: WriteOrigin, organizationId: Int64?, category: String, fields: [String]?) async {
        guard let auditLog else { return }
        do {
            try await auditLog.append(AuditRecord.refusal(origin: origin, target: target, organizationId: organizationId, category: category, fields: fields))
        } catch {
            logger.error("a refused write could not be recorded", metadata: [("outcome", category), ("reason", error.description)])
        }
    }

    /// Whether `current` is the modification `expected` names: the same text, or the same moment
    /// written another way.
    package static func isModification(_ current: String?, as expected: String) -> Bool {
        guard let current else { return false }
        if current == expected { return true }
        guard let left = Timestamp(current), let right = Timestamp(expected) else { return false }
        return left.isSameMoment(as: right)
    }

    private func read(
        _ organizationId: Int64, expecting expected: String?, origin: WriteOrigin, attempts: AttemptCounter
    ) async throws(ChangeError) -> OrganizationRecord {
        let record: OrganizationRecord
        do {
            record = try await client.getOrganization(id: organizationId, onAttempt: attempts.observer).value
        } catch {
            throw .webnic(counted(error, attempts))
        }
        if let expected, !Self.isModification(record.modifiedAt, as: expected) {
            logger.debug("conflict", metadata: [("organizationId", organizationId), ("expected", expected), ("current", record.modifiedAt.map(JSONValue.string) ?? .null)])
            await recordRefusal(origin: origin, organizationId: organizationId, category: "conflict", fields: nil)
            throw .conflict(expected: expected, current: record.modifiedAt, attempts: attempts.count)
        }
        return record
    }

    /// Sends `update`, with its intent recorded before and its outcome after.
    private func write(
        _ update: ContactUpdate, changes: [FieldChange]?, origin: WriteOrigin, approval: Approval?, attempts: AttemptCounter
    ) async throws(ChangeError) -> OrganizationRecord {
        guard !Task.isCancelled else { throw .webnic(.cancelled(attempts: attempts.count)) }
        let auditID = AuditRecord.newID()
        if let auditLog {
            do {
                try await auditLog.append(AuditRecord.intent(
                    id: auditID, origin: origin, target: target, update: update, changes: changes, approval: approval
                ))
            } catch {
                logger.error("refused a write: its intent could not be recorded", metadata: [("reason", error.description)])
                throw .auditLogUnwritable(error, attempts: attempts.count)
            }
        }
        do {
            let reply = try await client.updateOrganizationContact(update, onAttempt: attempts.observer)
            await recordOutcome(auditID, origin: origin, "ok", httpStatus: reply.httpStatus, attempts: reply.attempts, modifiedAt: reply.value.modifiedAt)
            return reply.value
        } catch {
            // One of its attempts may have reached WebNIC without an answer saying what it did.
            if error.unconfirmed != nil {
                await recordOutcome(auditID, origin: origin, "unknown", httpStatus: error.httpStatus, attempts: error.attempts, modifiedAt: nil)
                throw .outcomeUnknown(counted(error, attempts))
            }
            await recordOutcome(auditID, origin: origin, outcomeName(error), httpStatus: error.httpStatus, attempts: error.attempts, modifiedAt: nil)
            throw .webnic(counted(error, attempts))
        }
    }

    private func recordOutcome(_ id: String, origin: WriteOrigin, _ outcome: String, httpStatus: Int?, attempts: Int, modifiedAt: String?) async {
        guard let auditLog else { return }
        do {
            try await auditLog.append(AuditRecord.outcome(
                id: id, origin: origin, target: target, outcome: outcome, httpStatus: httpStatus, attempts: attempts, modifiedAt: modifiedAt
            ))
        } catch {
            logger.error("the outcome of a write could not be recorded", metadata: [("auditId", id), ("outcome", outcome), ("reason", error.description)])
        }
    }

    /// `error` with the attempts of the whole change.
    private func counted(_ error: WebNICError, _ attempts: AttemptCounter) -> WebNICError {
        var error = error
        // The failed call made the last of the change's attempts: its numbers move up by those before.
        error.unconfirmed?.attempt += attempts.count - error.attempts
        error.attempts = attempts.count
        return error
    }

    private func logPlan(_ plan: ChangePlan, dryRun: Bool) {
        logger.debug("change planned", metadata: [
            ("organizationId", plan.basis.organizationId), ("dryRun", dryRun),
            ("changes", JSONValue.array(plan.changes.map(\.json)).jsonText), ("sends", plan.update == nil ? "nothing" : "PUT"),
        ])
    }
}
