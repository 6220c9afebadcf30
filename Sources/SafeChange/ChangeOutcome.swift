import WebNIC

/// What became of a change.
package enum ChangeOutcome: Sendable, Equatable {
    /// A dry run: the request that would be sent (`nil` when nothing would change), and, when the
    /// organization was read first, what the request changes and the record the plan is based on.
    case planned(request: RequestPreview?, changes: [FieldChange]?, basis: OrganizationRecord?)
    /// Every value named is already held: nothing was sent.
    case unchanged(OrganizationRecord)
    /// Sent and accepted: the organization as WebNIC now holds it, and what changed when it was read first.
    case written(OrganizationRecord, changes: [FieldChange]?)
}

/// A change's outcome and the HTTP attempts it took, reads and write together.
package struct ChangeResult: Sendable, Equatable {
    /// What became of the change.
    package let outcome: ChangeOutcome
    /// HTTP attempts made (token mints not counted).
    package let attempts: Int

    /// The change ended in `outcome` after `attempts` HTTP attempts.
    package init(outcome: ChangeOutcome, attempts: Int) {
        self.outcome = outcome
        self.attempts = attempts
    }
}
