/// How a request must be ordered against the requests received before and after it, as its
/// handler declares it (`RequestHandler.ordering(of:)`).
///
/// The server enforces it in input order, the way a reader-writer lock per key would if it were
/// taken in the order the requests arrived: a write of a key starts once every earlier request on
/// that key has finished, and every later request on that key waits for the write. Reads of one
/// key run alongside each other; requests on different keys, and independent ones, never wait for
/// one another (only for a free slot).
package enum RequestOrdering: Sendable, Hashable {
    /// No constraint: the request starts as soon as a slot is free.
    case independent
    /// Reads `key`: starts after every earlier write of `key` has finished.
    case reads(String)
    /// Writes `key`: starts after every earlier request on `key` has finished, and every later
    /// request on `key` starts after it has.
    case writes(String)

    /// The key the request is ordered on, if any.
    package var key: String? {
        switch self {
        case .independent: return nil
        case .reads(let key), .writes(let key): return key
        }
    }
}
