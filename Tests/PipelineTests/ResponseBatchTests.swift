import AtbalstsCore
import Foundation
import GRDB
import Store
import TestSupport
import Testing

@testable import Ingest
@testable import Pipeline

/// A batch keeps its rows as columns (`ResponseBatch`, issue 19): one flat table of answers, one
/// of times, the texts as (row, slot, text). Whatever the batch size, what is read and stored
/// must be what a row-per-response reading gives.
struct ResponseBatchTests {
    private static let wave = Wave("2026-27-autumn")!

    private static func response(_ row: Int, width: Int, textSlots: Int) -> ImportedResponse {
        var values = AnswerValues(count: width)
        values[row % width] = row
        if row % 4 == 0 { values[(row + 1) % width] = 0 }
        let texts = (0..<textSlots).map { slot in (row + slot) % 5 == 0 ? "teksts \(row)/\(slot)" : nil }
        let second = String(row % 60).count == 1 ? "0\(row % 60)" : String(row % 60)
        return ImportedResponse(
            line: row + 2, respondentKey: "key-\(row)", submittedAt: row % 3 == 0 ? nil : "2026-10-05 10:00:\(second)",
            institution: "T0\(row % 4)", values: values, texts: texts)
    }

    private static func expectSame(
        _ left: [ImportedResponse], _ right: [ImportedResponse], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(left.count == right.count, sourceLocation: sourceLocation)
        for (a, b) in zip(left, right) {
            #expect(a.line == b.line, sourceLocation: sourceLocation)
            #expect(a.respondentKey == b.respondentKey, "line \(a.line)", sourceLocation: sourceLocation)
            #expect(a.submittedAt == b.submittedAt, "line \(a.line)", sourceLocation: sourceLocation)
            #expect(a.institution == b.institution, "line \(a.line)", sourceLocation: sourceLocation)
            #expect(a.values == b.values, "line \(a.line)", sourceLocation: sourceLocation)
            #expect(a.texts == b.texts, "line \(a.line)", sourceLocation: sourceLocation)
        }
    }

    /// Responses put into a batch come back as they went: answers, a time or none, each text in its slot.
    @Test func responsesComeBackAsTheyWent() {
        let responses = (0..<50).map { Self.response($0, width: 7, textSlots: 3) }
        let batch = ResponseBatch(responses)
        #expect(batch.count == 50)
        #expect(batch.values.count == 50 * 7)
        #expect(batch.times.count == 50 * ResponseBatch.timeLength)
        #expect(batch.texts.count == responses.reduce(0) { $0 + $1.texts.compactMap { $0 }.count })
        Self.expectSame(batch.responses, responses)
    }

    /// A row started and dropped (quarantined after its answers were read) leaves nothing
    /// behind: the next row's answers are its own, and a time disowned is no time.
    @Test func aDroppedRowLeavesNothing() {
        let missing = AnswerValues.missing
        var batch = ResponseBatch(width: 3, textSlots: 2)
        batch.startRow { $0[0] = 1 }
        batch.finishRow(line: 2, key: "a", institution: "T01") { time in
            time.update(repeating: 50)
            return false
        }
        batch.startRow {
            $0[1] = 9
            $0[2] = 9
        }
        batch.dropRow()
        batch.startRow { $0[2] = 3 }
        batch.finishRow(line: 4, key: "b", institution: "T02", texts: [(1, "x")]) { time in
            for (index, byte) in "2026-10-05 10:00:00".utf8.enumerated() { time[index] = byte }
            return true
        }
        #expect(batch.values == [1, missing, missing, missing, missing, 3])
        #expect(batch.time(ofRow: 0) == nil)
        #expect(Array(batch.times[0..<ResponseBatch.timeLength]) == Array(repeating: 0, count: ResponseBatch.timeLength))
        let responses = batch.responses
        #expect(responses.map(\.line) == [2, 4])
        #expect(responses.map(\.submittedAt) == [nil, "2026-10-05 10:00:00"])
        #expect(responses.map(\.texts) == [[nil, nil], [nil, "x"]])
        var emptied = batch
        emptied.removeAll()
        #expect(emptied.isEmpty && emptied.values.isEmpty && emptied.texts.isEmpty)
        #expect(batch.count == 2, "a batch handed on keeps its rows when the reader's is emptied")
    }

    /// The sample export with some times blank, some unreadable and some institutions unknown
    /// (quarantined after their answers were read), read in batches of 7 with the keys left
    /// pending and stored, against the same file read at once and stored from its responses in
    /// batches of 700: the same rows, answers, times and texts, read and stored.
    @Test func batchesOfSevenReadAndStoreAsTheFileReadAtOnce() throws {
        let seeds = Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds"))
        let instrument = try seeds.instrument("needs-v1")
        let register = try Seeds.register(at: seeds.defaultRegister)
        let sample = try String(
            contentsOf: TestWorkspace.repository.appendingPathComponent("samples/google-forms-needs.csv"), encoding: .utf8)
        // "\r\n" is one Character: split on it, not on "\n".
        var lines = sample.components(separatedBy: "\r\n")
        var changed = 0
        for index in lines.indices where lines[index].hasPrefix("2026/") {
            var fields = lines[index].split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4, !fields[2].hasPrefix("\"") else { continue }
            switch index % 9 {
            case 0: fields[0] = ""
            case 1: fields[0] = "2026/13/45 25:99:00"
            case 2: fields[2] = "Nezināma skola \(index)"
            default: continue
            }
            lines[index] = fields.joined(separator: ",")
            changed += 1
        }
        #expect(changed > 60)
        let bytes = Array(lines.joined(separator: "\r\n").utf8)
        let pseudonymizer = Pseudonymizer(key: Array(repeating: 3, count: 32))
        func parse(batchesOf size: Int?) throws -> (ParsedSource, [ResponseBatch]) {
            var batches: [ResponseBatch] = []
            let parsed = try SourceReader.parse(
                input: InputBytes(bytes), name: "needs.csv", instrument: instrument, register: register,
                pseudonymizer: pseudonymizer, options: SourceOptions(), batchSize: size ?? 1_024,
                onPendingBatch: size == nil
                    ? nil
                    : {
                        batches.append($0)
                        return true
                    })
            return (parsed, batches)
        }
        let (atOnce, _) = try parse(batchesOf: nil)
        let (inBatches, batches) = try parse(batchesOf: 7)
        #expect(atOnce.quarantine.count > 10 && atOnce.quarantine == inBatches.quarantine)
        #expect(atOnce.findings.unreadableTimes.total > 10)
        #expect(atOnce.findings.unreadableTimes == inBatches.findings.unreadableTimes)
        #expect(atOnce.responses.filter { $0.submittedAt == nil }.count > 20)
        #expect(atOnce.responses.contains { $0.texts.contains { $0 != nil } })
        #expect(batches.allSatisfy { $0.count == 7 } == false && batches.dropLast().allSatisfy { $0.count == 7 })
        // Keys aside (worked out where the batch is stored), the rows are the same.
        var read: [ImportedResponse] = []
        for batch in batches {
            for (row, response) in batch.responses.enumerated() {
                let key =
                    response.respondentKey.isEmpty
                    ? try #require(batch.pendingKeys?.withKey(ofRow: row) { String(decoding: $0, as: UTF8.self) })
                    : response.respondentKey
                read.append(
                    ImportedResponse(
                        line: response.line, respondentKey: key, submittedAt: response.submittedAt,
                        institution: response.institution, values: response.values, texts: response.texts))
            }
        }
        Self.expectSame(read, atOnce.responses)

        // Stored: each response's row and texts, as the responses say.
        func store(_ path: String, _ next: @escaping () -> ResponseBatch?) throws -> [[String]] {
            let database = try AppDatabase(path: path)
            let source = SourceDescription(
                fileName: "needs.csv", sha256: "sha", kind: "needs", instrument: instrument.id, format: "google-forms",
                encoding: "UTF-8", delimiter: ",")
            _ = try database.importSource(
                wave: Self.wave, register: register, sha256: "sha", fingerprint: "f", fileName: "needs.csv",
                instrument: instrument, nextPendingBatch: next,
                finish: { SourceEnd(description: source, accepted: atOnce.accepted, quarantine: []) })
            return try DatabaseQueue(path: path).read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT CAST(r.line AS TEXT), r.respondent_key, coalesce(r.submitted_at, '-'), r.institution,
                            hex(r.answers), coalesce(t.item_id, '-'), coalesce(t.text, '-')
                        FROM response r LEFT JOIN response_text t ON t.response_id = r.id ORDER BY r.id, t.rowid
                        """
                ).map { row in (0..<7).map { row[$0] as String } }
            }
        }
        let workspace = try TestWorkspace()
        var sevens = batches[...]
        let storedInSevens = try store(workspace.url("sevens.sqlite").path) { sevens.popFirst() }
        var whole = stride(from: 0, to: atOnce.responses.count, by: 700).map {
            ResponseBatch(Array(atOnce.responses[$0..<min($0 + 700, atOnce.responses.count)]))
        }[...]
        let storedAtOnce = try store(workspace.url("whole.sqlite").path) { whole.popFirst() }
        #expect(storedInSevens.count >= atOnce.responses.count)
        #expect(storedInSevens == storedAtOnce)
        // Each text under its own response: the stored (line, item, text) are the responses'.
        let items = instrument.textItemIDs
        let expected = atOnce.responses.flatMap { response in
            response.texts.indices.compactMap { slot in
                response.texts[slot].map { ["\(response.line)", items[slot], $0] }
            }
        }
        let stored = storedInSevens.filter { $0[5] != "-" }.map { [$0[0], $0[5], $0[6]] }
        #expect(!expected.isEmpty && stored.map { $0[0] + $0[1] } == expected.map { $0[0] + $0[1] })
        #expect(stored.map(\.[2]) == expected.map(\.[2]))
    }
}
