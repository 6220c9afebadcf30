import Synchronization

/// Hands out the bearer token: a fixed one, or one minted from the API user and secret.
///
/// A minted token is cached until shortly before `expires_in` ends and shared by every call;
/// a call that finds it valid takes it under a lock, without suspending. Concurrent callers that
/// need a new one wait for the same mint, so only one mint is ever in flight. When a call is
/// refused with 401 it reports the token as stale; the next caller mints once for everyone.
final class TokenProvider: Sendable {
    /// Mints a token: the token and its lifetime in seconds, or why not.
    typealias Mint = @Sendable (_ deadline: ContinuousClock.Instant) async throws(WebNICError) -> (token: String, lifetime: Int)

    private typealias Minting = Task<Result<String, WebNICError>, Never>

    private struct State {
        var cached: (token: String, validUntil: ContinuousClock.Instant)?
        var minting: Minting?
        var lifetime: Int?
    }

    private let fixedToken: String?
    private let mint: Mint
    private let state = Mutex(State())

    /// A provider that always returns `token`.
    init(fixedToken: String) {
        self.fixedToken = fixedToken
        self.mint = { _ throws(WebNICError) in throw WebNICError(kind: .unauthorized, message: "A fixed token cannot be renewed.") }
    }

    /// A provider that mints with `mint` and caches the result.
    init(mint: @escaping Mint) {
        self.fixedToken = nil
        self.mint = mint
    }

    /// Whether the token can be renewed after a 401.
    var canRenew: Bool { fixedToken == nil }

    /// The lifetime in seconds WebNIC gave the last token minted, if one was.
    var lastLifetime: Int? { state.withLock { $0.lifetime } }

    /// A valid token, minting one if none is cached.
    func token(deadline: ContinuousClock.Instant) async throws(WebNICError) -> String {
        if let fixedToken { return fixedToken }
        enum Next { case ready(String), wait(Minting) }
        let next: Next = state.withLock { current in
            if let cached = current.cached, ContinuousClock.now < cached.validUntil { return .ready(cached.token) }
            if let minting = current.minting { return .wait(minting) }
            let mint = self.mint
            let task = Minting { [self] in
                let result: Result<String, WebNICError>
                do throws(WebNICError) {
                    let minted = try await mint(deadline)
                    let margin = min(60, minted.lifetime / 10)
                    let validUntil = ContinuousClock.now + .seconds(max(0, minted.lifetime - margin))
                    state.withLock {
                        $0.cached = (minted.token, validUntil)
                        $0.lifetime = minted.lifetime
                    }
                    result = .success(minted.token)
                } catch {
                    result = .failure(error)
                }
                state.withLock { $0.minting = nil }
                return result
            }
            current.minting = task
            return .wait(task)
        }
        switch next {
        case .ready(let token): return token
        case .wait(let task): return try await Self.wait(for: task).get()
        }
    }

    /// The mint's outcome, or `cancelled` as soon as the caller is: the mint goes on for the
    /// callers still waiting, and the cancelled one is answered at once.
    private static func wait(for task: Minting) async -> Result<String, WebNICError> {
        let answer = Answer()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                guard answer.attach(continuation) else { return }
                Task { answer.give(await task.value) }
            }
        } onCancel: {
            answer.give(.failure(.cancelled()))
        }
    }

    /// One caller's answer, given once: by the mint, or by the caller's cancellation.
    private final class Answer: Sendable {
        private enum State {
            case waiting(CheckedContinuation<Result<String, WebNICError>, Never>?)
            case given(Result<String, WebNICError>?)
        }

        private let state = Mutex(State.waiting(nil))

        /// Gives the answer its caller; false when the answer came first (the caller is then resumed).
        func attach(_ continuation: CheckedContinuation<Result<String, WebNICError>, Never>) -> Bool {
            let early = state.withLock { state -> Result<String, WebNICError>? in
                if case .given(let outcome) = state { return outcome }
                state = .waiting(continuation)
                return nil
            }
            guard let early else { return true }
            continuation.resume(returning: early)
            return false
        }

        /// Resumes the caller with `outcome`, unless it was answered already.
        func give(_ outcome: Result<String, WebNICError>) {
            let waiting = state.withLock { state -> CheckedContinuation<Result<String, WebNICError>, Never>?? in
                guard case .waiting(let continuation) = state else { return nil }
                state = .given(continuation == nil ? outcome : nil)
                return continuation
            }
            if case .some(.some(let continuation)) = waiting { continuation.resume(returning: outcome) }
        }
    }

    /// Forgets `token` if it is still the cached one, so that the next caller mints afresh.
    func invalidate(_ token: String) {
        state.withLock { state in
            if state.cached?.token == token { state.cached = nil }
        }
    }
}
