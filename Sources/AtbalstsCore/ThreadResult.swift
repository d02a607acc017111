import Foundation

/// A result computed on another thread, read after that thread is known to be done (a
/// `DispatchGroup` wait): the import's parser, the second half of a read, the wellbeing scores.
public final class ThreadResult<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Result<Value, Error>?

    public init() {}

    public func set(_ result: Result<Value, Error>) {
        lock.lock()
        stored = result
        lock.unlock()
    }

    /// The value, or the error it was set with; an unset result is a programming error.
    public func get() throws -> Value {
        lock.lock()
        defer { lock.unlock() }
        guard let stored else { preconditionFailure("read before the other thread finished") }
        return try stored.get()
    }
}
