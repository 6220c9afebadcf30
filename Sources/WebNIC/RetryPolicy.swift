import Log
import Platform

/// When and how long to wait before sending a failed request again.
///
/// Only failures that a repeat can cure are retried (`network`, `timeout`, `upstream`,
/// `rateLimited`), only for idempotent routes, and only while the call's deadline allows.
/// Waits use exponential backoff with full jitter, except that WebNIC's `Retry-After` is honoured
/// up to `maxRetryAfter`; beyond that the call fails at once, with `retryAfterSeconds` in the error.
package struct RetryPolicy: Sendable, Equatable {
    /// Retries after the first attempt (so at most `maxRetries + 1` attempts).
    package var maxRetries: Int
    /// The backoff before the first retry; it doubles for each further one.
    package var baseDelay: Duration
    /// The longest backoff.
    package var maxDelay: Duration
    /// The longest `Retry-After` honoured.
    package var maxRetryAfter: Duration

    /// A policy; by default 2 retries, 250 ms doubling up to 8 s, `Retry-After` up to 30 s.
    package init(
        maxRetries: Int = 2, baseDelay: Duration = .milliseconds(250), maxDelay: Duration = .seconds(8),
        maxRetryAfter: Duration = .seconds(30)
    ) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// Whether a failure of this kind may succeed when sent again.
    package static func isRetryable(_ kind: WebNICError.Kind) -> Bool {
        switch kind {
        case .network, .timeout, .upstream, .rateLimited: return true
        default: return false
        }
    }

    /// How long to wait before retry number `retry` (0 for the first) after `error`,
    /// or `nil` when the request must not be sent again.
    func delay(after error: WebNICError, retry: Int, route: Route, timing: RetryTiming = .live) -> Duration? {
        // Every route of WebNIC's API webnic-rpc calls is idempotent (GET, a full PUT, a token mint).
        guard Self.isRetryable(error.kind), retry < maxRetries else { return nil }
        if let seconds = error.retryAfterSeconds {
            let wait = Duration.seconds(seconds)
            return wait <= maxRetryAfter ? wait : nil
        }
        return timing.jitter(min(maxDelay, baseDelay * (1 << min(retry, 30))))
    }

    /// Runs `attempt` until it succeeds, fails for good, or the next wait would pass `deadline`.
    /// - Parameters:
    ///   - route: the route called, for the log.
    ///   - deadline: no retry is made whose wait would end after it.
    ///   - attempts: counts every HTTP attempt made; the error thrown carries that count.
    ///   - logger: told of each retry.
    ///   - onAttempt: when given, told the number of each attempt just before it is made.
    ///   - timing: the clock, the sleep and the jitter; `live` but in tests.
    ///   - attempt: one HTTP attempt.
    func run<T: Sendable>(
        route: Route, deadline: ContinuousClock.Instant, attempts: inout Int, logger: RetryLogger,
        onAttempt: AttemptObserver? = nil, timing: RetryTiming = .live, _ attempt: () async throws(WebNICError) -> T
    ) async throws(WebNICError) -> T {
        var retry = 0
        while true {
            attempts += 1
            onAttempt?(attempts)
            do throws(WebNICError) {
                return try await attempt()
            } catch var error {
                error.attempts = attempts
                guard let wait = delay(after: error, retry: retry, route: route, timing: timing) else { throw error }
                guard timing.now() + wait < deadline else { throw error }
                logger(route, error, attempts, wait)
                do {
                    try await timing.sleep(wait)
                } catch {
                    throw WebNICError.cancelled(attempts: attempts)
                }
                retry += 1
            }
        }
    }
}

/// What retries wait with: the clock, the sleep, and the jitter drawn under a backoff's ceiling.
/// Calls use `live`; tests give a clock of their own and a fixed jitter.
struct RetryTiming: Sendable {
    /// Now.
    var now: @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    /// Waits `duration`; throws when the task is cancelled.
    var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    /// A wait from zero to the ceiling (full jitter), to the millisecond.
    var jitter: @Sendable (Duration) -> Duration = { ceiling in .milliseconds(Int64.random(in: 0...max(0, ceiling.wholeMilliseconds))) }

    /// The real clock, sleep and random jitter.
    static let live = RetryTiming()
}

/// Told just before each HTTP attempt of a call, with the attempt's number (1 for the first):
/// for progress reports. Called on the calling task; it must return quickly.
package typealias AttemptObserver = @Sendable (_ attempt: Int) -> Void

/// Told of each retry: the route, the failure, the attempts so far and the wait before the next.
typealias RetryLogger = @Sendable (Route, WebNICError, Int, Duration) -> Void
