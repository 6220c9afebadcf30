/// Hands out the bearer token: a fixed one, or one minted from the API user and secret.
///
/// A minted token is cached until shortly before `expires_in` ends and shared by every call.
/// Concurrent callers wait for the same mint, so only one mint is ever in flight. When a call
/// is refused with 401 it reports the token as stale; the next caller mints once for everyone.
actor TokenProvider {
    /// Mints a token: the token and its lifetime in seconds, or why not.
    typealias Mint = @Sendable (_ deadline: ContinuousClock.Instant) async throws(WebNICError) -> (token: String, lifetime: Int)

    private let fixedToken: String?
    private let mint: Mint
    private var cached: (token: String, validUntil: ContinuousClock.Instant)?
    private var minting: Task<Result<String, WebNICError>, Never>?

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

    /// A valid token, minting one if none is cached.
    func token(deadline: ContinuousClock.Instant) async throws(WebNICError) -> String {
        if let fixedToken { return fixedToken }
        if let cached, ContinuousClock.now < cached.validUntil { return cached.token }
        let task: Task<Result<String, WebNICError>, Never>
        if let minting {
            task = minting
        } else {
            let mint = self.mint
            task = Task { [weak self] in
                let result: Result<String, WebNICError>
                do throws(WebNICError) {
                    let minted = try await mint(deadline)
                    await self?.store(minted.token, lifetime: minted.lifetime)
                    result = .success(minted.token)
                } catch {
                    result = .failure(error)
                }
                await self?.finishMinting()
                return result
            }
            minting = task
        }
        return try await task.value.get()
    }

    /// Forgets `token` if it is still the cached one, so that the next caller mints afresh.
    func invalidate(_ token: String) {
        if cached?.token == token { cached = nil }
    }

    private func store(_ token: String, lifetime: Int) {
        let margin = min(60, lifetime / 10)
        cached = (token, ContinuousClock.now + .seconds(max(0, lifetime - margin)))
    }

    private func finishMinting() {
        minting = nil
    }
}
