/// The Model Context Protocol revisions webnic-rpc speaks, by era.
///
/// Handshake-era revisions open a connection with `initialize`; modern revisions have no
/// handshake and name their version in every request's `_meta`.
package enum ProtocolRevision {
    /// Revisions reached through the `initialize` handshake, newest first.
    package static let handshake = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]

    /// Revisions that carry the version in each request, newest first.
    package static let modern = ["2026-07-28"]

    /// Whether handshake revision `version` has elicitation (from 2025-06-18 on).
    package static func hasElicitation(_ version: String) -> Bool {
        version >= "2025-06-18"
    }

    /// The version an `initialize` is answered with: the client's when it is a handshake revision
    /// we speak, else our newest handshake revision (the client then decides whether to go on).
    package static func negotiated(_ requested: String) -> String {
        handshake.contains(requested) ? requested : handshake[0]
    }
}
