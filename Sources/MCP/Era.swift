import JSONRPC

/// Which MCP era a connection speaks, decided once, by how the client opens.
package enum Era: Sendable, Equatable {
    /// No MCP message has opened a session yet: the connection is plain JSON-RPC.
    case undecided
    /// Opened by the `initialize` request with this id, at `version`.
    case handshake(version: String, openedBy: RequestID)
    /// Opened by a request carrying the 2026-07-28 envelope in `_meta`.
    case modern

    /// Whether an MCP session is open, so that MCP's rules (no batches, no null ids) apply.
    package var isMCP: Bool { self != .undecided }
}
