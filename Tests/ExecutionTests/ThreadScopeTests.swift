import Execution
import Synchronization
import Testing

@Suite("ThreadScope and DeferredWrites")
struct ThreadScopeTests {
    @Test("outside a scope nothing is set aside; inside, work runs in order when the scope ends")
    func order() {
        let scope = ThreadScope()
        var log: [String] = []
        #expect(scope.setAside { log.append("never") } == false)
        let result = scope.run { () -> Int in
            #expect(scope.setAside { log.append("first") })
            #expect(scope.setAside { log.append("second") })
            log.append("body")
            return 3
        }
        #expect(result == 3)
        #expect(log == ["body", "first", "second"])
    }

    @Test("an inner run is part of the outer scope; work set aside by set-aside work still runs before the end")
    func nesting() {
        let scope = ThreadScope()
        var log: [String] = []
        scope.run {
            scope.run { _ = scope.setAside { log.append("inner") } }
            log.append("after inner run")
            _ = scope.setAside {
                log.append("outer")
                _ = scope.setAside { log.append("set aside by set-aside work") }
            }
        }
        log.append("scope ended")
        #expect(log == ["after inner run", "inner", "outer", "set aside by set-aside work", "scope ended"])
    }

    @Test("two kinds of scope keep their own lists")
    func kinds() {
        let first = ThreadScope(), second = ThreadScope()
        var log: [String] = []
        first.run {
            #expect(second.setAside { log.append("second") } == false)
            #expect(first.setAside { log.append("first") })
        }
        #expect(log == ["first"])
    }

    @Test("DeferredWrites runs its flushes at the end of its scope, on the same thread")
    func deferredWrites() {
        var log: [String] = []
        #expect(DeferredWrites.onScopeEnd { log.append("never") } == false)
        DeferredWrites.run {
            _ = DeferredWrites.onScopeEnd { log.append("flush") }
            log.append("work")
        }
        #expect(log == ["work", "flush"])
    }
}

@Suite("InlineTaskExecutor")
struct InlineTaskExecutorTests {
    @Test("a task runs on the thread that starts it, up to its first suspension, before Task's initializer returns")
    func inline() async {
        let reached = Shared(false)
        let task = Task(executorPreference: InlineTaskExecutor.shared) {
            reached.value.withLock { $0 = true }
            await Task.yield()
            return 1
        }
        #expect(reached.value.withLock { $0 })
        #expect(await task.value == 1)
    }

    @Test("a task started by a running job waits until that job returns, then runs on the same thread")
    func noNesting() async {
        let log = Shared<[String]>([])
        let outer = Task(executorPreference: InlineTaskExecutor.shared) {
            let inner = Task(executorPreference: InlineTaskExecutor.shared) { log.value.withLock { $0.append("inner") } }
            log.value.withLock { $0.append("outer") }
            await inner.value
        }
        await outer.value
        #expect(log.value.withLock { $0 } == ["outer", "inner"])
    }
}

/// A value tasks and threads share in a test.
final class Shared<Value: Sendable>: Sendable {
    let value: Mutex<Value>
    init(_ value: Value) { self.value = Mutex(value) }
}
