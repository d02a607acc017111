import Synchronization

/// A result computed on another thread, read after that thread is known to be done (a
/// `DispatchGroup` wait): the import's parser, the second half of a read, the wellbeing scores.
///
/// Mutual exclusion in atbalsts is the standard library's `Mutex` everywhere; the one place a
/// thread waits for another to act is `Handoff`, a condition by nature.
public final class ThreadResult<Value: Sendable>: Sendable {
    private let stored = Mutex<Result<Value, Error>?>(nil)

    public init() {}

    public func set(_ result: Result<Value, Error>) {
        stored.withLock { $0 = result }
    }

    /// The value, or the error it was set with; an unset result is a programming error.
    public func get() throws -> Value {
        let result = stored.withLock { $0 }
        guard let result else { preconditionFailure("read before the other thread finished") }
        return try result.get()
    }
}
