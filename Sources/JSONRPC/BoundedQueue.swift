import Dispatch
import Synchronization

/// A first-in, first-out queue between two threads that holds at most `capacity` elements:
/// `put` blocks while it is full, `take` blocks while it is empty.
final class BoundedQueue<Element: Sendable>: Sendable {
    private let storage = Mutex<(elements: [Element], head: Int, closed: Bool)>(([], 0, false))
    private let spaces: DispatchSemaphore
    private let items = DispatchSemaphore(value: 0)

    /// A queue holding at most `capacity` elements.
    init(capacity: Int) {
        spaces = DispatchSemaphore(value: max(1, capacity))
    }

    /// Appends `element`, waiting for room.
    @available(*, noasync, message: "put blocks its thread")
    func put(_ element: Element) {
        spaces.wait()
        storage.withLock { $0.elements.append(element) }
        items.signal()
    }

    /// Whether no element is waiting to be taken.
    var isEmpty: Bool {
        storage.withLock { $0.head >= $0.elements.count }
    }

    /// Marks the end: `take` returns `nil` once the queue is empty.
    func close() {
        storage.withLock { $0.closed = true }
        items.signal()
    }

    /// The oldest element, waiting for one; `nil` after `close` once empty.
    @available(*, noasync, message: "take blocks its thread")
    func take() -> Element? {
        while true {
            items.wait()
            let element: Element? = storage.withLock { state in
                guard state.head < state.elements.count else { return nil }
                let element = state.elements[state.head]
                state.head += 1
                if state.head > 64, state.head * 2 > state.elements.count {
                    state.elements.removeFirst(state.head)
                    state.head = 0
                }
                return element
            }
            if let element {
                spaces.signal()
                return element
            }
            if storage.withLock({ $0.closed }) {
                items.signal()
                return nil
            }
        }
    }
}
