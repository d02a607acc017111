import AtbalstsCore
import Foundation
import Synchronization
import Testing

@testable import Pipeline

/// The bounded buffer between the import's parser thread and the store.
struct HandoffTests {
    @Test func batchesArriveInOrderAndEndWhenTheSenderCloses() {
        let handoff = Handoff<Int>(capacity: 2)
        DispatchQueue.global().async {
            for batch in 0..<100 { _ = handoff.send(batch) }
            handoff.close()
        }
        var received: [Int] = []
        while let batch = handoff.receive() { received.append(batch) }
        #expect(received == Array(0..<100))
    }

    /// A store that fails must not leave the parser blocked on a full buffer: cancelling wakes it,
    /// and its send then says to stop.
    @Test func cancellingReleasesABlockedSender() throws {
        let handoff = Handoff<Int>(capacity: 1)
        #expect(handoff.send(1))
        let done = DispatchSemaphore(value: 0)
        let answer = ThreadResult<Bool>()
        DispatchQueue.global().async {
            answer.set(.success(handoff.send(2)))  // blocks: the buffer is full
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 0.2) == .timedOut, "the second send waits for room")
        handoff.cancel()
        #expect(done.wait(timeout: .now() + 5) == .success)
        #expect(try answer.get() == false)
        #expect(handoff.receive() == nil, "nothing is handed over after a cancel")
    }

    /// What the receiver is done with goes back to the sender to be freed on its thread (glibc's
    /// malloc is slow for memory freed on another thread), and a batch the receiver still holds
    /// is never freed under it.
    @Test func batchesAreFreedOnTheSendersThread() throws {
        let freedOn = Mutex<[Int: pthread_t]>([:])
        final class Tracked: Sendable {
            let number: Int
            let freedOn: @Sendable (Int) -> Void
            init(_ number: Int, freedOn: @escaping @Sendable (Int) -> Void) {
                self.number = number
                self.freedOn = freedOn
            }
            deinit { freedOn(number) }
        }
        let handoff = Handoff<[Tracked]>(capacity: 2)
        let sender = ThreadResult<pthread_t>()
        let sent = DispatchGroup()
        DispatchQueue.global().async(group: sent) {
            sender.set(.success(pthread_self()))
            for number in 0..<200 {
                let batch = [Tracked(number) { freed in freedOn.withLock { $0[freed] = pthread_self() } }]
                _ = handoff.send(batch)
            }
            handoff.close()
        }
        var received: [Int] = []
        while let batch = handoff.receive() {
            received.append(batch[0].number)
            #expect(freedOn.withLock { $0[batch[0].number] } == nil, "not freed while held")
        }
        sent.wait()
        #expect(received == Array(0..<200))
        let senderThread = try sender.get()
        let onSender = freedOn.withLock { freed in freed.values.filter { pthread_equal($0, senderThread) != 0 }.count }
        // The last few are still in hand, or handed back, when the sender stops sending.
        #expect(onSender >= 195)
    }
}
