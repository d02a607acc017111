import AtbalstsCore
import Foundation
import Store
import TestSupport
import Testing

@testable import Pipeline

/// A large wave is read back in two halves on two connections; what comes back must be exactly
/// the stored responses that count, in import order.
struct StoreReadTests {
    @Test func aLargeWaveReadsBackWholeAndInOrder() throws {
        let workspace = try TestWorkspace()
        let instrument = try Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds")).instrument("needs-v1")
        let database = try AppDatabase(path: workspace.url("atbalsts.sqlite").path)
        var random = SplitMix64(state: 7)
        let count = AppDatabase.parallelReadMinimum * 2 + 11
        let responses = (0..<count).map { index in
            var values = AnswerValues(count: instrument.slots.count)
            for slot in values.raw.indices where random.next() % 5 != 0 { values[slot] = Int(random.next() % 4) }
            // Every 1,000th respondent answered twice: the first answer is superseded.
            let key = "k\(index % 1_000 == 999 ? index - 1 : index)"
            return ImportedResponse(
                line: index + 2, respondentKey: key, submittedAt: String(format: "2026-10-05 %02d:%02d:00", index / 60 % 24, index % 60),
                institution: "T0\(index % 3 + 1)", values: values, texts: [nil])
        }
        let source = SourceDescription(
            fileName: "large.csv", sha256: "sha", kind: "needs", instrument: instrument.id, format: "generic",
            encoding: "UTF-8", delimiter: ",")
        var batches = stride(from: 0, to: count, by: 1_000).map { Array(responses[$0..<min($0 + 1_000, count)]) }[...]
        _ = try database.importSource(
            wave: Wave("2026-27-autumn")!, register: [], sha256: source.sha256, fingerprint: "f", fileName: "large.csv",
            instrument: instrument,
            nextBatch: { batches.popFirst() },
            finish: { SourceEnd(description: source, accepted: count, quarantine: []) })

        let read = try database.responses(wave: "2026-27-autumn", instrument: instrument)
        let superseded = Set(stride(from: 998, to: count, by: 1_000).filter { $0 + 1 < count })
        let expected = responses.indices.filter { !superseded.contains($0) }.map { responses[$0] }
        #expect(read.count == expected.count)
        #expect(read.map(\.respondentKey) == expected.map(\.respondentKey))
        #expect(read.map(\.values) == expected.map(\.values))
        #expect(read.map(\.institution) == expected.map(\.institution))
    }

    /// The read-only connection for the second half is kept by the `AppDatabase`: a read after
    /// another import on the same instance sees the new rows, not the first read's snapshot.
    @Test func theKeptSecondReaderSeesLaterImports() throws {
        let workspace = try TestWorkspace()
        let instrument = try Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds")).instrument("needs-v1")
        let database = try AppDatabase(path: workspace.url("atbalsts.sqlite").path)
        func importing(_ name: String, keys: Range<Int>) throws {
            let responses = keys.map { index in
                var values = AnswerValues(count: instrument.slots.count)
                values[0] = index % 4
                return ImportedResponse(
                    line: index + 2, respondentKey: "k\(index)", submittedAt: "2026-10-05 10:00:00", institution: "T01",
                    values: values, texts: [nil])
            }
            let source = SourceDescription(
                fileName: name, sha256: name, kind: "needs", instrument: instrument.id, format: "generic", encoding: "UTF-8",
                delimiter: ",")
            var batches = [responses][...]
            _ = try database.importSource(
                wave: Wave("2026-27-autumn")!, register: [], sha256: name, fingerprint: "f", fileName: name, instrument: instrument,
                nextBatch: { batches.popFirst() },
                finish: { SourceEnd(description: source, accepted: responses.count, quarantine: []) })
        }
        let first = AppDatabase.parallelReadMinimum + 10
        try importing("a.csv", keys: 0..<first)
        #expect(try database.responses(wave: "2026-27-autumn", instrument: instrument).count == first)
        try importing("b.csv", keys: first..<first + 500)
        let again = try database.responses(wave: "2026-27-autumn", instrument: instrument)
        #expect(again.count == first + 500)
        #expect(again.last?.respondentKey == "k\(first + 499)")
    }
}
