import AtbalstsCore
import GRDB

/// The answer tables: one per instrument, a column per answer slot (SPEC 11: wide rows are what
/// makes a national wave quick to store and read). Their shape comes from the instrument, so
/// their migrations are registered per instrument on top of the fixed `Schema`, under identifiers
/// that start with `answers `: one that creates the table, and one per slot list that adds the
/// columns of options the instrument gained (an "other" option). Everything is in
/// `grdb_migrations`, so a database says what made each of its tables. `.immediate` foreign-key
/// checks: GRDB's default would re-check every foreign key of a national database after each.
enum AnswerSchema {
    static let prefix = "answers "

    static func migrator(for instrument: Instrument) -> DatabaseMigrator {
        var migrator = Schema.migrator
        let table = AppDatabase.answerTableName(instrument.id)
        let slots = instrument.slots.map(\.name)
        let record = (slots: slots.joined(separator: ","), textItems: instrument.textItemIDs.joined(separator: ","))
        migrator.registerMigration(prefix + instrument.id, foreignKeyChecks: .immediate) { db in
            // `ifNotExists`: a database made before answer tables went through the migrator already
            // has the table and its `instrument` row; this adopts them.
            try db.create(table: table, options: .ifNotExists) { t in
                t.primaryKey("response_id", .integer).references("response", onDelete: .cascade)
                for slot in slots { t.column(slot, .integer) }
            }
            try db.execute(
                sql: "INSERT OR IGNORE INTO instrument (id, answer_table, slots, text_items) VALUES (?, ?, ?, ?)",
                arguments: [instrument.id, table, record.slots, record.textItems])
        }
        // Named by its slot list, so a widened instrument is a new migration and the same one
        // again is none. Earlier slot lists stay applied under their own names.
        migrator.registerMigration(prefix + instrument.id + " slots " + fnv1a(record.slots), foreignKeyChecks: .immediate) { db in
            let existing = Set(try db.columns(in: table).map(\.name))
            for slot in slots where !existing.contains(slot) {
                try db.alter(table: table) { t in t.add(column: slot, .integer) }
            }
            try db.execute(
                sql: "UPDATE instrument SET slots = ?, text_items = ? WHERE id = ?",
                arguments: [record.slots, record.textItems, instrument.id])
        }
        return migrator
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
