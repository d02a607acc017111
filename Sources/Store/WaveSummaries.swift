import AtbalstsCore
import Foundation
import GRDB

/// A wave's summary per instrument, stored so that history does not read every earlier wave's
/// responses again (issue 19). The store keeps it as bytes it does not interpret; an import into
/// a wave deletes its summary and the next wave's (`importFile`), and it is used only while the
/// instrument's slots and the wave before (`previous`, whose respondents count as returning) are
/// the ones it was computed with.
extension AppDatabase {
    public func storedWaveSummary(wave: String, previous: String?, instrument: Instrument) throws -> Data? {
        try read { db in
            try Data.fetchOne(
                db,
                sql: """
                    SELECT summary FROM wave_summary
                    WHERE wave_id = ? AND instrument_id = ? AND slots = ? AND previous_wave IS ?
                    """, arguments: [wave, instrument.id, Self.slotList(instrument), previous])
        }
    }

    public func storeWaveSummary(_ summary: Data, wave: String, previous: String?, instrument: Instrument) throws {
        try plain {
            try writer.write { db in
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO wave_summary (wave_id, instrument_id, slots, previous_wave, summary)
                        SELECT id, ?, ?, ?, ? FROM wave WHERE id = ?
                        """, arguments: [instrument.id, Self.slotList(instrument), previous, summary, wave])
            }
        }
    }

    /// How many of a wave's respondents (the pseudonyms of `responses(wave:instrument:)`) also
    /// answered the wave before; counted by SQLite along both waves' ranges, no response read into memory.
    public func returningRespondents(wave: String, previous: String, instrument: Instrument) throws -> Int {
        try read { db in
            try Int.fetchOne(
                db,
                sql: ThroughRanges.returning, arguments: [wave, instrument.id, previous, instrument.id]) ?? 0
        }
    }

    static func slotList(_ instrument: Instrument) -> String { instrument.slots.map(\.name).joined(separator: ",") }
}
