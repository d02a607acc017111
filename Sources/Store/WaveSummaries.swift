import AtbalstsCore
import Foundation
import GRDB

/// A wave's summary per instrument, stored so that history does not read every earlier wave's
/// responses again (issue 19). The store keeps it as bytes it does not interpret; an import into
/// the wave deletes it (`importFile`), and it is used only while the instrument's slots are the
/// ones it was computed with.
extension AppDatabase {
    public func storedWaveSummary(wave: String, instrument: Instrument) throws -> Data? {
        try read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT slots, summary FROM wave_summary WHERE wave_id = ? AND instrument_id = ?",
                    arguments: [wave, instrument.id])
            else { return nil }
            return row["slots"] as String == Self.slotList(instrument) ? row["summary"] as Data : nil
        }
    }

    public func storeWaveSummary(_ summary: Data, wave: String, instrument: Instrument) throws {
        try plain {
            try writer.write { db in
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO wave_summary (wave_id, instrument_id, slots, summary)
                        SELECT id, ?, ?, ? FROM wave WHERE id = ?
                        """, arguments: [instrument.id, Self.slotList(instrument), summary, wave])
            }
        }
    }

    /// How many of a wave's respondents (the pseudonyms of `responses(wave:instrument:)`) also
    /// answered the wave before; counted by SQLite through the (wave, key) index, no response read.
    public func returningRespondents(wave: String, previous: String, instrument: Instrument) throws -> Int {
        let table = Self.answerTableName(instrument.id).quotedDatabaseIdentifier
        return try read { db in
            guard try db.tableExists(Self.answerTableName(instrument.id)) else { return 0 }
            return try Int.fetchOne(
                db,
                sql: """
                    SELECT count(DISTINCT r.respondent_key) FROM response r JOIN \(table) a ON a.response_id = r.id
                    WHERE r.wave_id = ? AND NOT r.superseded AND r.respondent_key IN (
                      SELECT p.respondent_key FROM response p JOIN \(table) b ON b.response_id = p.id
                      WHERE p.wave_id = ? AND NOT p.superseded)
                    """, arguments: [wave, previous]) ?? 0
        }
    }

    static func slotList(_ instrument: Instrument) -> String { instrument.slots.map(\.name).joined(separator: ",") }
}
