#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import Execution
import Synchronization
import Testing

@Suite("ThreadRole: serving threads never block")
struct ThreadRoleTests {
    @Test("a thread serves only while marked, under the name it was given")
    func marking() {
        #expect(ThreadRole.serving == nil)
        ThreadRole.whileServing("the test's thread") {
            #expect(ThreadRole.serving == "the test's thread")
        }
        #expect(ThreadRole.serving == nil)
    }

    @Test("blocking where it is allowed goes on")
    func allowed() {
        ThreadRole.assertMayBlock("a test's fsync")
        let queue = BlockingQueue(label: "test")
        queue.drain()
    }

    #if DEBUG
    @Test("a debug build stops the process when a serving thread is about to block")
    func enforced() async {
        await #expect(processExitsWith: .failure) {
            ThreadRole.whileServing("the reading thread") {
                ThreadRole.assertMayBlock("the audit log's write and fsync")
            }
        }
    }

    @Test("waiting for a BlockingQueue on a serving thread is refused too")
    func drainOnServingThread() async {
        await #expect(processExitsWith: .failure) {
            ThreadRole.whileServing("the transfer loop's thread") {
                BlockingQueue(label: "test").drain()
            }
        }
    }
    #endif
}

@Suite("BlockingQueue")
struct BlockingQueueTests {
    @Test("work runs in the order it was given, off the caller's thread, and the caller gets its result")
    func order() async {
        let queue = BlockingQueue(label: "test")
        let ran = Shared<[Int]>([])
        for index in 0..<50 { queue.submit { ran.value.withLock { $0.append(index) } } }
        let caller = pthread_self()
        let (count, sameThread) = await queue.run { (ran.value.withLock { $0.count }, pthread_equal(pthread_self(), caller) != 0) }
        #expect(count == 50)
        #expect(!sameThread)
        #expect(ran.value.withLock { $0 } == Array(0..<50))
    }

    @Test("a serving thread hands blocking work over and is free at once")
    func servingThreadStaysFree() async {
        let queue = BlockingQueue(label: "test")
        let gate = Shared(false)
        // The work waits until the caller's thread has gone on: were it run inline, this would never end.
        queue.submit { while !gate.value.withLock({ $0 }) { sched_yield() } }
        ThreadRole.whileServing("the test's thread") { gate.value.withLock { $0 = true } }
        let value = await queue.run { 7 }
        #expect(value == 7)
    }
}
