import WebNIC

/// Why a change was not made.
package enum ChangeError: Error, Sendable, Equatable {
    /// WebNIC (or the way to it) failed, reading or writing.
    case webnic(WebNICError)
    /// The organization was modified since `expected`: WebNIC now says `current`. Nothing was sent.
    case conflict(expected: String, current: String?, attempts: Int)
    /// The audit log could not take the intent of the write, so nothing was sent.
    case auditLogUnwritable(AuditLogError, attempts: Int)
    /// The write may have reached WebNIC, but its answer did not come (cut off, timed out, or
    /// cancelled once sent): it may or may not have been applied. `error` says what happened.
    case outcomeUnknown(WebNICError)

    /// HTTP attempts made before the change stopped.
    package var attempts: Int {
        switch self {
        case .webnic(let error), .outcomeUnknown(let error): return error.attempts
        case .conflict(_, _, let attempts), .auditLogUnwritable(_, let attempts): return attempts
        }
    }
}
