import AtbalstsCore
import Foundation
import GRDB
import Store
import TestSupport
import Testing

@testable import Pipeline

/// A file the size of no stored file (nor of one stored before sizes were kept, in its wave)
/// cannot have been imported before: its rows are stored while its hash is still being worked
/// out, and the hash is checked once they are in (`SourceHash`, issue 19). What was stored before
/// must come out exactly as if the hash had been known first.
struct SourceHashTests {
    private static let autumn = Wave("2026-27-autumn")!
    private static let spring = Wave("2026-27-spring")!

    private static func needs() throws -> Instrument {
        try Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds")).instrument("needs-v1")
    }

    private static func responses(_ instrument: Instrument, _ count: Int, value: Int) -> [ImportedResponse] {
        (0..<count).map { index in
            var values = AnswerValues(count: instrument.slots.count)
            values[0] = value
            return ImportedResponse(
                line: index + 2, respondentKey: "k\(index)", submittedAt: "2026-10-05 10:00:0\(value)", institution: "T01",
                values: values, texts: [nil])
        }
    }

    /// Stores `responses` in batches of 10 under a hash worked out when asked for; returns the
    /// outcome and how many batches had been taken when the hash was asked for (nil: never).
    private static func store(
        _ database: AppDatabase, _ instrument: Instrument, wave: Wave = autumn, sha256: String, size: Int,
        fingerprint: String = "f", _ responses: [ImportedResponse]
    ) throws -> (ImportOutcome, Int?) {
        var batches = stride(from: 0, to: responses.count, by: 10).map {
            ResponseBatch(Array(responses[$0..<min($0 + 10, responses.count)]))
        }[...]
        var taken = 0
        var askedAfter: Int?
        let hash = SourceHash(byteCount: size) {
            askedAfter = askedAfter ?? taken
            return sha256
        }
        let outcome = try database.importSource(
            wave: wave, register: [], hash: hash, fingerprint: fingerprint, fileName: "\(sha256).csv", instrument: instrument,
            nextPendingBatch: {
                let next = batches.popFirst()
                if next != nil { taken += 1 }
                return next
            },
            finish: {
                SourceEnd(
                    description: SourceDescription(
                        fileName: "\(sha256).csv", sha256: try hash.value(), kind: "needs", instrument: instrument.id,
                        format: "generic", encoding: "UTF-8", delimiter: ","),
                    accepted: responses.count, quarantine: [])
            })
        return (outcome, askedAfter)
    }

    /// A new database in a new workspace (kept alive by the caller), and the needs instrument.
    private static func fresh() throws -> (TestWorkspace, String, Instrument, AppDatabase) {
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        return (workspace, path, try needs(), try AppDatabase(path: path))
    }

    private static func sources(_ path: String) throws -> [[String]] {
        try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT sha256, coalesce(byte_count, -1), rows_accepted FROM source ORDER BY id").map {
                [$0[0] as String, String($0[1] as Int64), String($0[2] as Int64)]
            }
        }
    }

    @Test func aFileOfANewSizeIsStoredBeforeItsHashIsAskedFor() throws {
        let (workspace, path, instrument, database) = try Self.fresh()
        defer { withExtendedLifetime(workspace) {} }
        let (first, asked) = try Self.store(database, instrument, sha256: "a", size: 100, Self.responses(instrument, 30, value: 1))
        guard case .imported = first else {
            Issue.record("\(first)")
            return
        }
        #expect(asked == 3, "every batch stored before the hash was asked for")
        #expect(try Self.sources(path) == [["a", "100", "30"]], "the hash and size recorded, no placeholder left")
        // The same size again: the hash first, and the file seen before is only drained.
        let (again, askedAgain) = try Self.store(database, instrument, sha256: "a", size: 100, Self.responses(instrument, 30, value: 1))
        #expect(again == .alreadyImported(waveID: Self.autumn.id))
        #expect(askedAgain == 0)
        // Another file of that size: the hash first too, and it is stored.
        let (other, askedOther) = try Self.store(database, instrument, sha256: "b", size: 100, Self.responses(instrument, 5, value: 2))
        guard case .imported = other else {
            Issue.record("\(other)")
            return
        }
        #expect(askedOther == 0)
        #expect(try database.responses(wave: Self.autumn.id, instrument: instrument).count == 30)
    }

    /// A file stored before sizes were kept: in its wave every import asks for the hash first;
    /// in another wave it stops nothing.
    @Test func aFileWithoutASizeMakesItsWaveAskFirst() throws {
        let (workspace, path, instrument, database) = try Self.fresh()
        defer { withExtendedLifetime(workspace) {} }
        _ = try Self.store(database, instrument, sha256: "old", size: 50, Self.responses(instrument, 20, value: 1))
        try DatabaseQueue(path: path).write { try $0.execute(sql: "UPDATE source SET byte_count = NULL") }
        let (_, asked) = try Self.store(database, instrument, sha256: "new", size: 70, Self.responses(instrument, 20, value: 2))
        #expect(asked == 0)
        let (_, askedSpring) = try Self.store(
            database, instrument, wave: Self.spring, sha256: "spring", size: 80, Self.responses(instrument, 20, value: 3))
        #expect(askedSpring == 2)
    }

    /// A stored file whose recorded size is wrong, met again: found by its hash once the rows are
    /// in. Read the same way, all of it is rolled back and it counts as imported before; read
    /// another way, it replaces the earlier reading; for another wave, it is refused.
    @Test func aFileFoundImportedAfterItsRowsIsUndoneOrReplaces() throws {
        let (workspace, path, instrument, database) = try Self.fresh()
        defer { withExtendedLifetime(workspace) {} }
        _ = try Self.store(database, instrument, sha256: "a", size: 100, Self.responses(instrument, 30, value: 1))
        try DatabaseQueue(path: path).write { try $0.execute(sql: "UPDATE source SET byte_count = 999") }
        let before = try Self.sources(path)
        let storedBefore = try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT max(id) FROM response") }

        let (same, asked) = try Self.store(database, instrument, sha256: "a", size: 100, Self.responses(instrument, 30, value: 1))
        #expect(same == .alreadyImported(waveID: Self.autumn.id))
        #expect(asked == 3, "its rows went in first")
        #expect(try Self.sources(path) == before, "and came out again")
        #expect(try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM response") } == 30)

        #expect(throws: StoreError.self) {
            _ = try Self.store(database, instrument, wave: Self.spring, sha256: "a", size: 100, Self.responses(instrument, 30, value: 1))
        }
        #expect(try Self.sources(path) == before)

        // Submitted before the earlier reading's rows: marked superseded by them as they went in,
        // and counted once that reading is gone.
        let (read, _) = try Self.store(
            database, instrument, sha256: "a", size: 100, fingerprint: "g", Self.responses(instrument, 40, value: 0))
        guard case .reimported = read else {
            Issue.record("\(read)")
            return
        }
        #expect(try Self.sources(path) == [["a", "100", "40"]])
        let counted = try database.responses(wave: Self.autumn.id, instrument: instrument)
        #expect(counted.count == 40 && counted.allSatisfy { $0.values[0] == 0 }, "only the new reading's rows, all of them")
        let oldest = try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT min(id) FROM response") }
        #expect(oldest! > storedBefore!)
        try expectTheTableReadsAsTheResponses(database, wave: Self.autumn.id, instrument)
    }

    /// A file that comes with its hash (a self-assessment, a plan) is checked before its rows
    /// whatever its size, and its size is kept: met again with its size recorded wrong, it is
    /// still the file imported before.
    @Test func aFileWithItsHashIsCheckedFirst() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        let database = try AppDatabase(path: path)
        let source = SourceDescription(
            fileName: "self.csv", sha256: "s", kind: "self-assessment", instrument: "", format: "self-assessment",
            encoding: "UTF-8", delimiter: ",")
        let ratings = [
            SelfRating(line: 2, level: .institution, institution: "T01", respondentKey: nil, area: "digital", rating: 3)
        ]
        func store() throws -> ImportOutcome {
            try database.importSelfAssessment(
                wave: Self.autumn, register: [], source: source, byteCount: 321, fingerprint: "f", ratings: ratings,
                quarantine: [])
        }
        guard case .imported = try store() else {
            Issue.record("not imported")
            return
        }
        #expect(try Self.sources(path) == [["s", "321", "1"]])
        try DatabaseQueue(path: path).write { try $0.execute(sql: "UPDATE source SET byte_count = 5") }
        #expect(try store() == .alreadyImported(waveID: Self.autumn.id))
        #expect(try Self.sources(path) == [["s", "5", "1"]])
    }
}
