import WebNIC

/// Why a change was not made.
package enum ChangeError: Error, Sendable, Equatable {
    /// WebNIC (or the way to it) failed, reading or writing.
    case webnic(WebNICError)
    /// The organization was modified since `expected`: WebNIC now says `current`. Nothing was sent.
    case conflict(expected: String, current: String?, attempts: Int)
    /// The audit log could not take the intent of the write, so nothing was sent.
    case auditLogUnwritable(AuditLogError, attempts: Int)
    /// The write may have been applied: an attempt may have reached WebNIC without an answer
    /// saying what WebNIC did (`error.unconfirmed` says which and why; `error` is how the call ended).
    case outcomeUnknown(WebNICError)

    /// HTTP attempts made before the change stopped.
    package var attempts: Int {
        switch self {
        case .webnic(let error), .outcomeUnknown(let error): return error.attempts
        case .conflict(_, _, let attempts), .auditLogUnwritable(_, let attempts): return attempts
        }
    }
}
