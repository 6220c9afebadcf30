/// How long the serving threads look for more work before they sleep.
///
/// Waking a sleeping thread can cost more than a host calling in a loop takes to write its next
/// line; so each serving thread spins briefly where more work is likely, yielding the processor
/// meanwhile, and sleeps otherwise. docs/performance.md has the figures behind the values.
package enum WakePolicy {
    /// How long the reading thread looks for the next line before it sleeps, given how many
    /// requests are unanswered and how long the last line took to come:
    /// - nothing unanswered: the host has its answers and its next line is due; 50 µs.
    /// - one: a host waiting for that answer writes again right after it. While lines come within
    ///   500 µs of each other (a fast WebNIC, the simulator), the thread stays awake through the
    ///   call for up to 500 µs; once they come more slowly (a remote WebNIC, an agent), it sleeps
    ///   and costs no processor time.
    /// - more: the threads answering them need the processors; no spinning.
    package static func readerSpin(unanswered: Int, lastWait: Duration) -> Duration {
        switch unanswered {
        case 0: return .microseconds(50)
        case 1: return lastWait <= .microseconds(500) ? .microseconds(500) : .zero
        default: return .zero
        }
    }

    /// How long the transfer loop, with no transfer left, looks for the next before it sleeps: a
    /// host calling in a loop usually sends its next request within that.
    package static let transferLoopIdleSpin = Duration.microseconds(50)
}
