import AtbalstsCore
import Foundation
import GRDB

/// Where answers are stored: one BLOB per response, in the `answers` column of `response`
/// (`AnswerLayout`), the slots in the order the instrument's `instrument` row lists. The
/// instrument rows are made by migrations registered per instrument on top of the fixed `Schema`,
/// under identifiers that start with `answers `: one that registers the instrument, and one per
/// slot list that appends the slots the instrument gained (an "other" option) to the storage
/// order. Everything is in `grdb_migrations`, so a database says what made each of its tables.
/// `.immediate` foreign-key checks: GRDB's default would re-check every foreign key of a national
/// database after each.
enum AnswerSchema {
    static let prefix = "answers "

    static func migrator(for instrument: Instrument) -> DatabaseMigrator {
        var migrator = Schema.migrator
        let table = AppDatabase.answerTableName(instrument.id)
        let slots = instrument.slots.map(\.name)
        let record = (slots: slots.joined(separator: ","), textItems: instrument.textItemIDs.joined(separator: ","))
        migrator.registerMigration(prefix + instrument.id, foreignKeyChecks: .immediate) { db in
            // Ids that differ only in punctuation or case named one table when each instrument
            // had its own (SQLite names ignore case): still refused, on every path.
            try refuseClash(of: instrument.id, table: table, in: db)
            // OR IGNORE: a database made before these migrations has its `instrument` row.
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

    /// `v11-compact-answers`: the answers go into a BLOB column of `response`, and every answer
    /// table made with a column per slot is packed into it and dropped, the storage order being
    /// the table's column order (the instrument's slots, then the columns added since). NULL reads
    /// as not answered, as before; a value no slot holds stops the migration, named.
    static func compactWideTables(_ db: Database) throws {
        try db.alter(table: "response") { t in t.add(column: "answers", .blob) }
        let update = try db.makeStatement(sql: "UPDATE response SET answers = ? WHERE id = ?")
        for instrument in try Row.fetchAll(db, sql: "SELECT id, answer_table FROM instrument") {
            let table: String = instrument["answer_table"]
            guard try db.tableExists(table) else { continue }
            let columns = try db.columns(in: table).map(\.name).filter { $0 != "response_id" }
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
                try update.execute(arguments: [values.withUnsafeBytes { Data($0) }, responseID])
            }
            try db.drop(table: table)
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

    /// A migration this atbalsts does not know, other than an instrument's registration: the
    /// database was written by a newer atbalsts.
    static func isNewer(_ db: Database, than migrator: DatabaseMigrator) throws -> Bool {
        let known = Set(migrator.migrations)
        return try migrator.appliedIdentifiers(db).contains { !known.contains($0) && !$0.hasPrefix(prefix) }
    }
}
