import Synchronization

/// Gathers the responses of a batch's members, which finish in any order, and hands them over
/// in the members' order once the last one is in. Notifications contribute nothing.
final class BatchCollector: Sendable {
    private let state: Mutex<(responses: [Response?], remaining: Int)>
    private let completion: @Sendable ([Response]) -> Void

    /// A collector for `count` members; `completion` runs once, with the responses in order.
    init(count: Int, completion: @escaping @Sendable ([Response]) -> Void) {
        state = Mutex((Array(repeating: nil, count: count), count))
        self.completion = completion
    }

    /// Records member `index`'s response (`nil` for a notification).
    func deliver(_ response: Response?, at index: Int) {
        let finished: [Response]? = state.withLock { state in
            state.responses[index] = response
            state.remaining -= 1
            return state.remaining == 0 ? state.responses.compactMap { $0 } : nil
        }
        if let finished { completion(finished) }
    }
}
