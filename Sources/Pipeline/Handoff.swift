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
    /// The batch the receiver works on, and those it is done with: handed back to the sender to
    /// be freed on its thread. Memory freed on another thread than the one that allocated it is
    /// slow in glibc's malloc on both sides (issue 19); refcounting keeps a batch alive for as
    /// long as the receiver still holds it, wherever the last reference goes.
    private var handedOut: Batch?
    private var done: [Batch] = []

    init(capacity: Int = 4) { self.capacity = capacity }

    /// Blocks while the buffer is full; false when the receiver has given up.
    func send(_ batch: Batch) -> Bool {
        condition.lock()
        while queue.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else {
            condition.unlock()
            return false
        }
        queue.append(batch)
        var finished: [Batch] = []
        swap(&finished, &done)
        condition.broadcast()
        condition.unlock()
        // Freed here, on the thread that allocated what they hold (see `done`).
        finished.removeAll()
        return true
    }

    /// The next batch, blocking until there is one; nil once the sender has closed and all is
    /// taken. The receiver is done with a batch when it asks for the next one.
    func receive() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        if let previous = handedOut {
            done.append(previous)
            handedOut = nil
        }
        while queue.isEmpty && !closed && !cancelled { condition.wait() }
        guard !cancelled, !queue.isEmpty else { return nil }
        let batch = queue.removeFirst()
        handedOut = batch
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
