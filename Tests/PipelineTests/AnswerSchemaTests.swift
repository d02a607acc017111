import AtbalstsCore
import Foundation
import GRDB
import Store
import TestSupport
import Testing

@testable import Pipeline

/// Every table goes through the migrator, each instrument's registration included (issue 16):
/// a database says in `grdb_migrations` what made each of its tables; answers are one BLOB per
/// response in storage order (issue 19).
struct AnswerSchemaTests {
    private static let wave = Wave("2026-27-autumn")!

    private struct VerdictFailed: Error {}

    private static func importOne(
        _ database: AppDatabase, _ instrument: Instrument, name: String, failing: Bool = false, values given: AnswerValues? = nil
    ) throws {
        var values = AnswerValues(count: instrument.slots.count)
        values[0] = 2
        if let given { values = given }
        let response = ImportedResponse(
            line: 2, respondentKey: "k-\(name)", submittedAt: "2026-10-05 10:00:00", institution: "T01", values: values,
            texts: instrument.textItemIDs.map { _ in nil })
        let source = SourceDescription(
            fileName: name, sha256: "sha-\(name)", kind: "needs", instrument: instrument.id, format: "generic", encoding: "UTF-8",
            delimiter: ",")
        var batches = [[response]][...]
        _ = try database.importSource(
            wave: wave, register: [], sha256: source.sha256, fingerprint: "f", fileName: name, instrument: instrument,
            nextBatch: { batches.popFirst() },
            finish: {
                if failing { throw VerdictFailed() }
                return SourceEnd(description: source, accepted: 1, quarantine: [])
            })
    }

    private static func needs() throws -> Instrument {
        try Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds")).instrument("needs-v1")
    }

    @Test func theInstrumentIsRegisteredByARecordedMigration() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        let instrument = try Self.needs()
        try Self.importOne(try AppDatabase(path: path), instrument, name: "a.csv")
        let queue = try DatabaseQueue(path: path)
        let applied = try queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied.contains("answers needs-v1"))
        #expect(applied.filter { $0.hasPrefix("answers needs-v1 slots ") }.count == 1)
        #expect(try queue.read { try $0.columns(in: "response").map(\.name) }.contains("answers"), "one BLOB of answers per response")
        #expect(try !queue.read { try $0.tableExists("answer_needs_v1") }, "no table of its own")
        #expect(
            try queue.read { try String.fetchOne($0, sql: "SELECT slots FROM instrument") }
                == instrument.slots.map(\.name).joined(separator: ","), "the storage order is the instrument's")
        // Opening again and importing another file runs nothing new.
        try Self.importOne(try AppDatabase(path: path), instrument, name: "b.csv")
        #expect(try queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") } == applied)
    }

    /// A database written before instruments went through the migrator has their rows and no
    /// record of them: they are adopted, their answers kept.
    @Test func aDatabaseFromBeforeIsAdopted() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        let instrument = try Self.needs()
        try Self.importOne(try AppDatabase(path: path), instrument, name: "a.csv")
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'answers %'") }
        let database = try AppDatabase(path: path)
        try Self.importOne(database, instrument, name: "b.csv")
        #expect(try database.responses(wave: Self.wave.id, instrument: instrument).count == 2)
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM grdb_migrations WHERE identifier LIKE 'answers %'") } == 2)
    }

    /// An instrument that gained an option is a new slot list: its migration appends the new
    /// slots to the storage order, and earlier answers, stored shorter, read back with them empty.
    @Test func aWidenedInstrumentAppendsItsSlotsByMigration() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        let widened = try Self.needs()
        let stored = widened.slots.map(\.name).filter { !$0.hasSuffix("__other") }
        try #require(stored.count < widened.slots.count, "needs-v1 has an `other` option slot to leave out")
        try #require(stored.first == widened.slots[0].name)
        try Self.importOne(try AppDatabase(path: path), widened, name: "a.csv")
        // As if the answer had been stored by an atbalsts whose instrument had no `other` options.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            var short = [Int16](repeating: AnswerValues.missing.littleEndian, count: stored.count)
            short[0] = Int16(2).littleEndian
            try db.execute(sql: "UPDATE response SET answers = ?", arguments: [short.withUnsafeBytes { Data($0) }])
            try db.execute(sql: "UPDATE instrument SET slots = ? WHERE id = 'needs-v1'", arguments: [stored.joined(separator: ",")])
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'answers needs-v1 slots %'")
        }
        let database = try AppDatabase(path: path)
        try Self.importOne(database, widened, name: "b.csv")
        let recorded = try queue.read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM grdb_migrations WHERE identifier LIKE 'answers needs-v1 slots %'")
        }
        #expect(recorded == 1, "the widening is a recorded migration")
        let added = widened.slots.map(\.name).filter { !stored.contains($0) }
        #expect(
            try queue.read { try String.fetchOne($0, sql: "SELECT slots FROM instrument") }
                == (stored + added).joined(separator: ","), "new slots go to the end of the storage order")
        let read = try database.responses(wave: Self.wave.id, instrument: widened)
        let addedIndices = widened.slots.indices.filter { added.contains(widened.slots[$0].name) }
        #expect(read.count == 2)
        #expect(addedIndices.allSatisfy { read[0].values[$0] == nil }, "the earlier answer has the new slots empty")
        #expect(read.allSatisfy { $0.values[0] == 2 }, "stored answers keep their meaning")
        #expect(read[1].values.raw.dropFirst().allSatisfy { $0 == AnswerValues.missing })
        try expectTheTableReadsAsTheResponses(database, wave: Self.wave.id, widened)
        // The next import stores in the new order, and reads back the same.
        var values = AnswerValues(count: widened.slots.count)
        for index in addedIndices { values[index] = 1 }
        values[1] = 0
        try Self.importOne(database, widened, name: "c.csv", values: values)
        #expect(try database.responses(wave: Self.wave.id, instrument: widened).last?.values == values)
    }

    /// A database whose answer tables have a column per slot (made before `v11-compact-answers`)
    /// is compacted when opened: every answer, 0 and not answered apart, reads back the same, the
    /// columns added later (at the table's end) keeping their meaning.
    @Test func wideAnswerTablesAreCompacted() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        let instrument = try Self.needs()
        var first = AnswerValues(count: instrument.slots.count)
        var second = AnswerValues(count: instrument.slots.count)
        for slot in instrument.slots.indices where slot % 3 != 2 {
            first[slot] = slot % 4
            second[slot] = (slot + 1) % 5
        }
        let database = try AppDatabase(path: path)
        try Self.importOne(database, instrument, name: "a.csv", values: first)
        try Self.importOne(database, instrument, name: "b.csv", values: second)
        // The wide layout, as AnswerSchema made it before: the `other` columns added last by ALTER.
        let names = instrument.slots.map(\.name)
        let order = names.filter { !$0.hasSuffix("__other") } + names.filter { $0.hasSuffix("__other") }
        let queue = try DatabaseQueue(path: path)
        try Self.makeWide(
            queue, columns: order,
            rows: [first, second].map { values in order.map { values[instrument.slotIndex($0)!].map { Int64($0) } } },
            slots: names)
        let reopened = try AppDatabase(path: path)
        #expect(try !queue.read { try $0.tableExists("answer_needs_v1") }, "packed into `response` and dropped")
        #expect(try queue.read { try String.fetchOne($0, sql: "SELECT slots FROM instrument") } == order.joined(separator: ","))
        #expect(try reopened.responses(wave: Self.wave.id, instrument: instrument).map(\.values) == [first, second])
        // And it goes on: another file stores and reads back in the compacted order.
        try Self.importOne(reopened, instrument, name: "c.csv", values: second)
        #expect(try reopened.responses(wave: Self.wave.id, instrument: instrument).map(\.values) == [first, second, second])
    }

    /// The wide layout of before `v11-compact-answers`: no `answers` column in `response`, and an
    /// answer table with `columns` and one row per response of `rows` (the values of those
    /// columns), as the old AnswerSchema left it.
    /// `slots` is what the `instrument` row listed: the old AnswerSchema kept the instrument's
    /// order there while columns it added went to the table's end.
    private static func makeWide(_ queue: DatabaseQueue, columns: [String], rows: [[Int64?]], slots: [String]? = nil) throws {
        try queue.write { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM response ORDER BY id")
            try db.execute(sql: "ALTER TABLE response DROP COLUMN answers")
            try db.create(table: "answer_needs_v1") { t in
                t.primaryKey("response_id", .integer).references("response", onDelete: .cascade)
                for column in columns { t.column(column, .integer) }
            }
            for (id, values) in zip(ids, rows) {
                let cells: [DatabaseValueConvertible?] = [id] + values
                try db.execute(
                    sql: "INSERT INTO answer_needs_v1 VALUES (\(Array(repeating: "?", count: cells.count).joined(separator: ", ")))",
                    arguments: StatementArguments(cells))
            }
            try db.execute(sql: "UPDATE instrument SET slots = ?", arguments: [(slots ?? columns).joined(separator: ",")])
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v11-compact-answers'")
        }
    }

    /// A table with no slot columns (an instrument of text items only) compacts to no answers.
    @Test func aWideTableWithoutSlotsCompactsToEmptyAnswers() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        let instrument = try Self.needs()
        try Self.importOne(try AppDatabase(path: path), instrument, name: "a.csv")
        let queue = try DatabaseQueue(path: path)
        try Self.makeWide(queue, columns: [], rows: [[]])
        let reopened = try AppDatabase(path: path)
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT coalesce(length(answers), 0) FROM response") } == 0)
        #expect(try !queue.read { try $0.tableExists("answer_needs_v1") })
        let read = try reopened.responses(wave: Self.wave.id, instrument: instrument)
        #expect(read.count == 1 && read[0].values.raw.allSatisfy { $0 == AnswerValues.missing })
    }

    /// A stored value no answer slot holds (a database changed by another program) stops the
    /// compaction with a line naming it; the database stays as it was.
    @Test func aValueOutsideTheSlotRangeIsNamedNotChanged() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        let instrument = try Self.needs()
        try Self.importOne(try AppDatabase(path: path), instrument, name: "a.csv")
        let queue = try DatabaseQueue(path: path)
        let names = instrument.slots.map(\.name)
        try Self.makeWide(queue, columns: names, rows: [[70_000] + Array(repeating: nil, count: names.count - 1)])
        let responseID = try queue.read { try Int64.fetchOne($0, sql: "SELECT response_id FROM answer_needs_v1") }!
        #expect(throws: StoreError.answerOutOfRange(table: "answer_needs_v1", responseID: responseID, slot: names[0], value: 70_000)) {
            _ = try AppDatabase(path: path)
        }
        #expect(try queue.read { try $0.columns(in: "answer_needs_v1").count } == names.count + 1, "left as it was")
        #expect(try !queue.read { try $0.columns(in: "response").map(\.name) }.contains("answers"))
    }

    /// `report` with an instrument whose items changed since its answers were stored is refused,
    /// as `run` refuses it: the answers would be read as another item's.
    @Test func readingWithAChangedInstrumentIsRefused() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        let instrument = try Self.needs()
        let database = try AppDatabase(path: path)
        try Self.importOne(database, instrument, name: "a.csv")
        try DatabaseQueue(path: path).write { try $0.execute(sql: "UPDATE instrument SET slots = slots || ',an_item_gone_since'") }
        #expect(throws: StoreError.instrumentChanged(id: "needs-v1")) {
            _ = try database.responses(wave: Self.wave.id, instrument: instrument)
        }
    }

    @Test func anInstrumentWhoseItemsChangedIsRefused() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        let instrument = try Self.needs()
        try Self.importOne(try AppDatabase(path: path), instrument, name: "a.csv")
        try DatabaseQueue(path: path).write {
            try $0.execute(sql: "UPDATE instrument SET slots = slots || ',an_item_gone_since'")
        }
        #expect(throws: StoreError.instrumentChanged(id: "needs-v1")) {
            try Self.importOne(try AppDatabase(path: path), instrument, name: "b.csv")
        }
    }

    /// A first import that failed leaves an empty table: nothing is stored under the old items, so
    /// an instrument corrected meanwhile (an item removed) imports, its table made again.
    @Test func anEmptyTableLeftByAFailedImportDoesNotHoldTheInstrument() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        let instrument = try Self.needs()
        #expect(throws: VerdictFailed.self) { try Self.importOne(try AppDatabase(path: path), instrument, name: "a.csv", failing: true) }
        // As if the failed import had been made with an item the corrected instrument no longer has.
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "UPDATE instrument SET slots = slots || ',an_item_removed_since'") }
        let database = try AppDatabase(path: path)
        try Self.importOne(database, instrument, name: "a.csv")
        #expect(try database.responses(wave: Self.wave.id, instrument: instrument).count == 1)
        #expect(
            try queue.read { try String.fetchOne($0, sql: "SELECT slots FROM instrument") }
                == instrument.slots.map(\.name).joined(separator: ","))
    }

    /// Ids that differ only in punctuation or case would name one table: refused in one line.
    @Test func idsThatNameTheSameTableAreRefused() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        _ = try AppDatabase(path: path)
        try DatabaseQueue(path: path).write {
            try $0.execute(
                sql: "INSERT INTO instrument (id, answer_table, slots, text_items) VALUES ('Needs_v1', 'answer_Needs_v1', 'x', '')")
        }
        #expect(throws: StoreError.instrumentIDClash(id: "needs-v1", other: "Needs_v1")) {
            try Self.importOne(try AppDatabase(path: path), try Self.needs(), name: "a.csv")
        }
    }

    /// An unknown migration is a newer atbalsts; an instrument's answer migration from another
    /// slot list is not.
    @Test func onlyUnknownFixedMigrationsMeanANewerDatabase() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        _ = try AppDatabase(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('answers needs-v1 slots 0123')") }
        _ = try AppDatabase(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        #expect(throws: StoreError.newerDatabase(path: path)) { _ = try AppDatabase(path: path) }
    }
}
