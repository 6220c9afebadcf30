import Execution
import Testing

@Suite("WakePolicy")
struct WakePolicyTests {
    @Test("the reading thread spins 50 µs when idle, 500 µs through one fast call, never through a slow one or beside several")
    func readerSpin() {
        #expect(WakePolicy.readerSpin(unanswered: 0, lastWait: .zero) == .microseconds(50))
        #expect(WakePolicy.readerSpin(unanswered: 0, lastWait: .seconds(3)) == .microseconds(50))
        #expect(WakePolicy.readerSpin(unanswered: 1, lastWait: .zero) == .microseconds(500))
        #expect(WakePolicy.readerSpin(unanswered: 1, lastWait: .microseconds(500)) == .microseconds(500))
        #expect(WakePolicy.readerSpin(unanswered: 1, lastWait: .microseconds(501)) == .zero)
        #expect(WakePolicy.readerSpin(unanswered: 1, lastWait: .milliseconds(40)) == .zero)
        #expect(WakePolicy.readerSpin(unanswered: 2, lastWait: .zero) == .zero)
        #expect(WakePolicy.readerSpin(unanswered: 16, lastWait: .zero) == .zero)
    }
}
