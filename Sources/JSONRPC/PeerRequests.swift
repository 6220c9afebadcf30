import JSONCore
import Synchronization

/// Requests this side sends to its peer (an MCP server asking its client), and the routing of the
/// peer's responses back to the task waiting for each.
///
/// Ids come from a space of their own (`"webnic-rpc-1"`, `"webnic-rpc-2"`, …), apart from the
/// peer's. A waiting task holds no thread: it is suspended on a continuation, resumed by the
/// response, by its own cancellation, or by `closeAll` when the session ends. Thread-safe.
package final class PeerRequests: Sendable {
    private typealias Waiter = CheckedContinuation<Result<JSONValue, ResponseError>, Never>

    private struct State {
        var next = 1
        var waiting: [RequestID: Waiter] = [:]
        /// Why no request can be answered any more, once the session has ended.
        var closed: ResponseError?
    }

    private let state = Mutex(State())
    private let send: @Sendable (JSONValue) -> Bool

    /// Requests written with `send` (false when the output is gone).
    package init(send: @escaping @Sendable (JSONValue) -> Bool) {
        self.send = send
    }

    /// The prefix of every id this side uses.
    package static let idPrefix = "webnic-rpc-"

    /// The error a request gets when the peer cannot answer it any more.
    package static let sessionEnded = ResponseError(code: .requestCancelled, message: "The session ended before the client answered.")

    /// Sends `method` with `params` to the peer and waits for its answer: the result, the peer's
    /// error, or `-32800` when the caller is cancelled or the session ends first; with the id the
    /// request went out with (to tell the peer it is no longer wanted, say).
    package func ask(_ method: String, params: JSONValue?) async -> (id: RequestID?, outcome: Result<JSONValue, ResponseError>) {
        let id = state.withLock { state -> RequestID in
            defer { state.next += 1 }
            return .string(Self.idPrefix + String(state.next))
        }
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { (waiter: Waiter) in
                let refusal = state.withLock { state -> ResponseError? in
                    if let closed = state.closed { return closed }
                    if Task.isCancelled { return .requestCancelled }
                    state.waiting[id] = waiter
                    return nil
                }
                if let refusal {
                    waiter.resume(returning: .failure(refusal))
                } else if !send(Request(id: id, method: method, params: params).json) {
                    resolve(id: id, outcome: .failure(Self.sessionEnded))
                }
            }
        } onCancel: {
            resolve(id: id, outcome: .failure(.requestCancelled))
        }
        return (id, outcome)
    }

    /// Hands the peer's response to the request with `id`; false when no request waits for it.
    @discardableResult
    package func resolve(id: RequestID, outcome: Result<JSONValue, ResponseError>) -> Bool {
        guard let waiter = state.withLock({ $0.waiting.removeValue(forKey: id) }) else { return false }
        waiter.resume(returning: outcome)
        return true
    }

    /// Ends every wait with `-32800` (the session ended, or stdin closed), and refuses later requests.
    package func closeAll() {
        let waiters = state.withLock { state -> [Waiter] in
            state.closed = Self.sessionEnded
            defer { state.waiting.removeAll() }
            return Array(state.waiting.values)
        }
        for waiter in waiters { waiter.resume(returning: .failure(Self.sessionEnded)) }
    }
}
