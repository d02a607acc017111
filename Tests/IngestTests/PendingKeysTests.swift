import AtbalstsCore
import Foundation
import TestSupport
import Testing

@testable import Ingest

/// Batches handed on with their e-mails' keys still to work out (`onPendingBatch`,
/// `PendingKeys`, issue 19): the storing thread works each key out as it stores the row. The keys
/// it gets must be exactly those the parser would have made, row for row, whatever the address
/// looks like; a row keyed otherwise (no address, a non-ASCII one) is keyed as before.
struct PendingKeysTests {
    /// Addresses with spaces around them, capitals, non-ASCII letters, none at all, no "@".
    private static func export(rows: Int) -> [UInt8] {
        var text = UnusableBytesTests.header
        for row in 1...rows {
            let address =
                switch row % 7 {
                case 0: "  T\(row)@Example.LV "
                case 1: "līga\(row)@skola.lv"
                case 2: ""
                case 3: "anonīms"
                case 4: "\"t\(row)@example.lv\""
                default: "t\(row % 50)@example.lv"
                }
            text += "2026/10/01 9:00:00 AM EET,\(address),Testa skola,Augsta,Kursi\n"
        }
        return Array(text.utf8)
    }

    @Test func theKeysWorkedOutLaterAreTheKeysMadeAtOnce() throws {
        let bytes = Self.export(rows: 1_000)
        let pseudonymizer = Pseudonymizer(key: Array(repeating: 5, count: 32))
        func parse(pending: Bool) throws -> ([ImportedResponse], [ResponseBatch]) {
            var batches: [ResponseBatch] = []
            var responses: [ImportedResponse] = []
            _ = try SourceReader.parse(
                input: InputBytes(bytes), name: "t.csv", instrument: SourceReaderTests.instrument,
                register: SourceReaderTests.register,
                pseudonymizer: pseudonymizer, options: SourceOptions(), batchSize: 64,
                onBatch: pending
                    ? nil
                    : {
                        responses += $0
                        return true
                    },
                onPendingBatch: pending
                    ? {
                        batches.append($0)
                        return true
                    } : nil)
            return (responses, batches)
        }
        let (eager, _) = try parse(pending: false)
        let (_, batches) = try parse(pending: true)
        #expect(eager.count == 1_000)
        var keys: [String] = []
        var pendingRows = 0
        for batch in batches {
            for (row, response) in batch.responses.enumerated() {
                let later = batch.pendingKeys?.withKey(ofRow: row) { String(decoding: $0, as: UTF8.self) }
                if response.respondentKey.isEmpty {
                    pendingRows += 1
                    keys.append(try #require(later))
                } else {
                    #expect(later == nil, "a row keyed already has no pending key")
                    keys.append(response.respondentKey)
                }
            }
        }
        #expect(pendingRows > 500 && pendingRows < 1_000, "ASCII addresses wait, the others do not")
        #expect(keys.count == eager.count)
        for (row, (later, atOnce)) in zip(keys, eager.map(\.respondentKey)).enumerated() {
            if atOnce.hasPrefix("r-") {
                #expect(later.hasPrefix("r-"), "row \(row): no address, a random key")
            } else {
                #expect(later == atOnce, "row \(row)")
            }
        }
        // Each batch guesses the file's size from how far into it it ends.
        let guesses = batches.compactMap(\.expectedRows)
        #expect(guesses.count == batches.count)
        #expect(guesses.allSatisfy { $0 >= 900 && $0 <= 1_100 }, "\(guesses)")
    }
}
