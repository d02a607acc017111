import AtbalstsCore
import Foundation
import GRDB

extension AppDatabase {
    /// Stores one observation file (SPEC 12.2) in one transaction with its SHA-256, like a needs
    /// file (SPEC 9): rows arrive in batches while the file is still being read; `finish` may throw
    /// the file-level error that leaves nothing stored. Observations go to their own table: two
    /// observations of one teacher are both kept, none supersedes the other.
    /// The hash may still be being worked out (`SourceHash`).
    public func importObservations(
        wave: Wave, register: [Institution], hash: SourceHash, fingerprint: String, fileName: String,
        instrument: Instrument, nextBatch: () -> [ImportedResponse]?, finish: () throws -> SourceEnd
    ) throws -> ImportOutcome {
        try importStreamed(
            wave: wave, register: register, hash: hash, fingerprint: fingerprint, fileName: fileName,
            nextBatch: nextBatch, finish: finish
        ) { db, sourceID in
            let observation = try db.makeStatement(
                sql: """
                    INSERT INTO observation (source_id, wave_id, line, teacher_key, institution, submitted_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """)
            let answer = try db.makeStatement(
                sql: "INSERT INTO observation_answer (observation_id, slot, value) VALUES (?, ?, ?)")
            while let batch = nextBatch() {
                for response in batch {
                    try observation.execute(arguments: [
                        sourceID, wave.id, response.line, response.respondentKey, response.institution,
                        response.submittedAt,
                    ])
                    let id = db.lastInsertedRowID
                    for (index, slot) in instrument.slots.enumerated() {
                        guard let value = response.values[index] else { continue }
                        try answer.execute(arguments: [id, slot.name, value])
                    }
                }
            }
            return try finish()
        }
    }

    /// A wave's observations in import order. Ratings keep 1…4 only: 0 is "not observed".
    public func observations(wave: String) throws -> [Observation] {
        try read { db in
            guard try db.tableExists("observation") else { return [] }
            var answers: [Int64: [String: Int]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT a.observation_id, a.slot, a.value FROM observation_answer a
                    JOIN observation o ON o.id = a.observation_id WHERE o.wave_id = ?
                    """, arguments: [wave])
            while let row = try rows.next() {
                answers[row["observation_id"], default: [:]][row["slot"]] = row["value"]
            }
            return try Row.fetchAll(
                db, sql: "SELECT id, teacher_key, institution FROM observation WHERE wave_id = ? ORDER BY id",
                arguments: [wave]
            ).map { row in
                let id: Int64 = row["id"]
                var ratings = answers[id] ?? [:]
                let role = ratings.removeValue(forKey: ObservationDomains.observerRoleItem)
                ratings = ratings.filter { slot, value in
                    (1...4).contains(value) && ObservationDomains.informs.contains { slot.hasPrefix($0.domain + "_") }
                }
                return Observation(teacherKey: row["teacher_key"], institution: row["institution"], observerRole: role, ratings: ratings)
            }
        }
    }
}
