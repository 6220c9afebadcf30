import Synchronization
import Testing
@testable import WebNIC

/// A clock that moves only when a retry sleeps.
final class VirtualClock: Sendable {
    let start = ContinuousClock.now
    private let elapsed = Mutex(Duration.zero)
    /// The sleeps asked for, in order.
    let sleeps = Mutex<[Duration]>([])

    /// Retry timing on this clock, each backoff drawing `jitter` from its ceiling.
    func timing(jitter: @escaping @Sendable (Duration) -> Duration) -> RetryTiming {
        RetryTiming(
            now: { [self] in start + elapsed.withLock { $0 } },
            sleep: { [self] duration in
                sleeps.withLock { $0.append(duration) }
                elapsed.withLock { $0 += duration }
            },
            jitter: jitter
        )
    }
}

@Suite("RetryPolicy on a virtual clock")
struct RetryPolicyTests {
    /// The attempts a call failing with `error` every time makes within `deadline`, and the waits between them.
    static func attempts(
        _ policy: RetryPolicy, error: WebNICError, deadline: Duration, jitter: @escaping @Sendable (Duration) -> Duration
    ) async -> (attempts: Int, sleeps: [Duration], thrown: WebNICError?) {
        let clock = VirtualClock()
        var attempts = 0
        do throws(WebNICError) {
            _ = try await policy.run(
                route: .getOrganization, deadline: clock.start + deadline, attempts: &attempts, logger: { _, _, _, _ in },
                timing: clock.timing(jitter: jitter)
            ) { () throws(WebNICError) -> Int in throw error }
            return (attempts, clock.sleeps.withLock { $0 }, nil)
        } catch {
            return (attempts, clock.sleeps.withLock { $0 }, error)
        }
    }

    static let unavailable = WebNICError(kind: .upstream, message: "503", httpStatus: 503)

    @Test("the deadline covers every attempt and backoff: at the ceiling, 400 ms then 800 ms, a 0.8 s deadline allows 2 attempts")
    func deadline() async {
        let policy = RetryPolicy(maxRetries: 10, baseDelay: .milliseconds(400))
        let result = await Self.attempts(policy, error: Self.unavailable, deadline: .milliseconds(800), jitter: { $0 })
        #expect(result.attempts == 2)
        #expect(result.sleeps == [.milliseconds(400)])
        #expect(result.thrown?.attempts == 2)
        #expect(result.thrown?.kind == .upstream)
    }

    @Test("with no wait, retries stop at maxRetries: 11 attempts for 10 retries")
    func maxRetries() async {
        let policy = RetryPolicy(maxRetries: 10, baseDelay: .milliseconds(400))
        let result = await Self.attempts(policy, error: Self.unavailable, deadline: .seconds(60), jitter: { _ in .zero })
        #expect(result.attempts == 11)
        #expect(result.sleeps == Array(repeating: .zero, count: 10))
    }

    @Test("backoff doubles up to maxDelay; Retry-After is honoured as given, and one beyond maxRetryAfter fails at once")
    func waits() async {
        let policy = RetryPolicy(maxRetries: 5, baseDelay: .milliseconds(250), maxDelay: .seconds(1), maxRetryAfter: .seconds(30))
        let doubling = await Self.attempts(policy, error: Self.unavailable, deadline: .seconds(60), jitter: { $0 })
        #expect(doubling.sleeps == [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(1), .seconds(1)])
        var limited = WebNICError(kind: .rateLimited, message: "429", httpStatus: 429)
        limited.retryAfterSeconds = 7
        let honoured = await Self.attempts(policy, error: limited, deadline: .seconds(60), jitter: { $0 })
        #expect(honoured.sleeps == Array(repeating: .seconds(7), count: 5))
        limited.retryAfterSeconds = 31
        let refused = await Self.attempts(policy, error: limited, deadline: .seconds(60), jitter: { $0 })
        #expect(refused.attempts == 1)
        #expect(refused.thrown?.retryAfterSeconds == 31)
    }

    @Test("a failure a repeat cannot cure is not retried")
    func notRetried() async {
        let result = await Self.attempts(
            RetryPolicy(maxRetries: 10), error: WebNICError(kind: .validation, message: "bad", httpStatus: 400), deadline: .seconds(60),
            jitter: { $0 }
        )
        #expect(result.attempts == 1)
        #expect(result.sleeps == [])
    }
}
