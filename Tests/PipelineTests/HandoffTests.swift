import AtbalstsCore
import Foundation
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
}
