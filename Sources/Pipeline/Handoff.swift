import Foundation

/// Hands batches from one thread to another with a small bounded buffer, so reading a file and
/// storing it overlap on two cores without the reader running far ahead (memory stays flat).
/// Either side can stop: the reader by `close()`, the receiver by `cancel()`, after which `send`
/// returns false and the reader stops. The one place in atbalsts where a thread waits for another
/// to act, so a condition rather than the `Mutex` used everywhere else; `@unchecked` because all
/// its state is touched only while `condition` is held.
final class Handoff<Batch: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [Batch] = []
    private var closed = false
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int = 4) { self.capacity = capacity }

    /// Blocks while the buffer is full; false when the receiver has given up.
    func send(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }

    /// The next batch, blocking until there is one; nil once the sender has closed and all is taken.
    func receive() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !closed && !cancelled { condition.wait() }
        guard !cancelled, !queue.isEmpty else { return nil }
        let batch = queue.removeFirst()
        condition.broadcast()
        return batch
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
