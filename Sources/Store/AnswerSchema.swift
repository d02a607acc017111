import AtbalstsCore
import Foundation
import GRDB

/// The answer tables: one per instrument, one row per response holding its answers as one BLOB
/// (`AnswerLayout`), the slots in the order the `instrument` row lists them. Their migrations are
/// registered per instrument on top of the fixed `Schema`, under identifiers that start with
/// `answers `: one that creates the table, and one per slot list that appends the slots the
/// instrument gained (an "other" option) to the storage order. Everything is in `grdb_migrations`,
/// so a database says what made each of its tables. `.immediate` foreign-key checks: GRDB's
/// default would re-check every foreign key of a national database after each.
enum AnswerSchema {
    static let prefix = "answers "

    static func migrator(for instrument: Instrument) -> DatabaseMigrator {
        var migrator = Schema.migrator
        let table = AppDatabase.answerTableName(instrument.id)
        let slots = instrument.slots.map(\.name)
        let record = (slots: slots.joined(separator: ","), textItems: instrument.textItemIDs.joined(separator: ","))
        migrator.registerMigration(prefix + instrument.id, foreignKeyChecks: .immediate) { db in
            // Ids that differ only in punctuation or case would share one table (SQLite names
            // ignore case): refused, as on every path that makes an answer table.
            try refuseClash(of: instrument.id, table: table, in: db)
            // `ifNotExists`: a database made before answer tables went through the migrator already
            // has the table (made compact by `v11-compact-answers`) and its `instrument` row; this
            // adopts them.
            try createTable(table, in: db, ifNotExists: true)
            try db.execute(
                sql: "INSERT OR IGNORE INTO instrument (id, answer_table, slots, text_items) VALUES (?, ?, ?, ?)",
                arguments: [instrument.id, table, record.slots, record.textItems])
        }
        // Named by its slot list, so a widened instrument is a new migration and the same one
        // again is none. Earlier slot lists stay applied under their own names. New slots go to
        // the end of the storage order: stored answers keep their positions.
        migrator.registerMigration(prefix + instrument.id + " slots " + fnv1a(record.slots), foreignKeyChecks: .immediate) { db in
            let stored = AnswerLayout.slots(
                from: try String.fetchOne(db, sql: "SELECT slots FROM instrument WHERE id = ?", arguments: [instrument.id]) ?? "")
            let order = stored + slots.filter { !stored.contains($0) }
            try db.execute(
                sql: "UPDATE instrument SET slots = ?, text_items = ? WHERE id = ?",
                arguments: [order.joined(separator: ","), record.textItems, instrument.id])
        }
        return migrator
    }

    /// Another instrument whose answers would go to `table`: `StoreError.instrumentIDClash`.
    static func refuseClash(of id: String, table: String, in db: Database) throws {
        if let other = try String.fetchOne(
            db, sql: "SELECT id FROM instrument WHERE answer_table = ? COLLATE NOCASE AND id != ?", arguments: [table, id])
        {
            throw StoreError.instrumentIDClash(id: id, other: other)
        }
    }

    /// An answer table: the response it belongs to, and that response's answers.
    static func createTable(_ table: String, in db: Database, ifNotExists: Bool = false) throws {
        try db.create(table: table, options: ifNotExists ? .ifNotExists : []) { t in
            t.primaryKey("response_id", .integer).references("response", onDelete: .cascade)
            t.column("answers", .blob).notNull()
        }
    }

    /// `v11-compact-answers`: every answer table made with a column per slot becomes one BLOB per
    /// response, the storage order being the table's column order (the instrument's slots, then
    /// the columns added since). NULL reads as not answered, as before.
    static func compactWideTables(_ db: Database) throws {
        let instruments = try Row.fetchAll(db, sql: "SELECT id, answer_table FROM instrument")
        for instrument in instruments {
            let table: String = instrument["answer_table"]
            guard try db.tableExists(table) else { continue }
            let info = try db.columns(in: table).filter { $0.name != "response_id" }
            if info.map(\.name) == ["answers"], info[0].type.uppercased() == "BLOB" { continue }
            let columns = info.map(\.name)
            let packed = table + "__compact"
            try createTable(packed, in: db)
            // X'' for no slots: an empty Data would bind as NULL.
            let insert = try db.makeStatement(
                sql:
                    "INSERT INTO \(packed.quotedDatabaseIdentifier) (response_id, answers) VALUES (?, CASE WHEN ? IS NULL THEN X'' ELSE ? END)"
            )
            let select = (["response_id"] + columns).map(\.quotedDatabaseIdentifier).joined(separator: ", ")
            let rows = try Row.fetchCursor(db, sql: "SELECT \(select) FROM \(table.quotedDatabaseIdentifier) ORDER BY response_id")
            while let row = try rows.next() {
                let responseID: Int64 = row[0]
                var values = [Int16](repeating: AnswerValues.missing.littleEndian, count: columns.count)
                for index in columns.indices {
                    guard let value: Int64 = row[index + 1] else { continue }
                    // Never changed silently: a value no answer slot holds is the database's fault.
                    guard let stored = Int16(exactly: value), stored != AnswerValues.missing else {
                        throw StoreError.answerOutOfRange(table: table, responseID: responseID, slot: columns[index], value: value)
                    }
                    values[index] = stored.littleEndian
                }
                let blob: Data? = values.isEmpty ? nil : values.withUnsafeBytes { Data($0) }
                try insert.execute(arguments: [responseID, blob, blob])
            }
            try db.drop(table: table)
            try db.rename(table: packed, to: table)
            try db.execute(
                sql: "UPDATE instrument SET slots = ? WHERE id = ?",
                arguments: [columns.joined(separator: ","), instrument["id"] as String])
        }
    }

    /// A short stable name for a slot list (FNV-1a, 64 bits, hex): not a security measure.
    private static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// A migration this atbalsts does not know, other than an instrument's answer table: the
    /// database was written by a newer atbalsts.
    static func isNewer(_ db: Database, than migrator: DatabaseMigrator) throws -> Bool {
        let known = Set(migrator.migrations)
        return try migrator.appliedIdentifiers(db).contains { !known.contains($0) && !$0.hasPrefix(prefix) }
    }
}
