import AtbalstsCore
import CSQLiteSettings
import Foundation
import GRDB
import GRDBSQLite
import Synchronization

public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    /// A new database could not be made (`AppDatabase.create`).
    case cannotCreate(path: String, cause: CreationCause)
    /// A stored answer outside what an answer slot holds (a database edited by another program).
    case answerOutOfRange(table: String, responseID: Int64, slot: String, value: Int64)
    case newerDatabase(path: String)
    case instrumentChanged(id: String)
    /// Two instrument ids that differ only in punctuation or case (`needs-v1`, `Needs_v1`).
    case instrumentIDClash(id: String, other: String)
    /// SPEC 9: a file belongs to one wave; the same bytes under another wave are a mistake.
    case importedForAnotherWave(file: String, wave: String)
    case database(path: String, DatabaseProblem)
    case anotherKey(path: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return say("\(path): cannot open the database (\(reason))", lv: "\(path): nevar atvērt datubāzi (\(reason))")
        case .cannotCreate(let path, let cause):
            return say(
                "\(path): cannot create the database: \(cause.text); \(cause.advice)",
                lv: "\(path): nevar izveidot datubāzi: \(cause.text); \(cause.advice)")
        case .answerOutOfRange(let table, let responseID, let slot, let value):
            return say(
                "\(table), response \(responseID), \(slot): the stored answer \(value) is outside what an answer can be; the database was changed by another program — restore it from a backup",
                lv:
                    "\(table), atbilde \(responseID), \(slot): saglabātā vērtība \(value) nav iespējama atbilde; datubāzi mainījusi cita programma — atjaunojiet to no rezerves kopijas"
            )
        case .newerDatabase(let path):
            return say(
                "\(path): the database was written by a newer atbalsts; update atbalsts to use it",
                lv: "\(path): datubāzi rakstījusi jaunāka atbalsts versija; atjauniniet atbalsts")
        case .importedForAnotherWave(let file, let wave):
            return say(
                "\(file): these exact bytes were imported for wave \(wave); a file belongs to one wave — check `wave:` or the file name",
                lv:
                    "\(file): tieši šis fails jau importēts kārtai \(wave); fails pieder vienai kārtai — pārbaudiet `wave:` vai faila nosaukumu"
            )
        case .database(let path, let problem):
            return "\(path): \(problem.text)"
        case .instrumentIDClash(let id, let other):
            return say(
                "instrument ids \(id) and \(other) differ only in punctuation or case, which the database does not tell apart; give \(id) another id",
                lv:
                    "instrumentu id \(id) un \(other) atšķiras tikai pieturzīmēs vai burtu lielumā, ko datubāze neatšķir; dodiet \(id) citu id"
            )
        case .instrumentChanged(let id):
            return say(
                "instrument \(id) has other items than when its data was stored; give the changed instrument a new id",
                lv: "instrumentam \(id) ir citi jautājumi nekā tad, kad tā dati tika saglabāti; dodiet mainītajam instrumentam jaunu id")
        case .anotherKey(let path):
            return say(
                "\(path): this database was made with another key; set pseudonym_key in the pipeline to the key it was made with (a new key cannot link teachers to earlier waves), or give a new key a new database",
                lv:
                    "\(path): šī datubāze izveidota ar citu atslēgu; norādiet pipeline laukā pseudonym_key atslēgu, ar kuru tā veidota (jauna atslēga nesasaistīs pedagogus ar iepriekšējām kārtām), vai jaunai atslēgai izmantojiet jaunu datubāzi"
            )
        }
    }
}

/// The SQLite file that keeps every wave (SPEC 1). The rest of the program talks to it only
/// through these intention-revealing methods.
public final class AppDatabase: Sendable {
    let writer: DatabaseQueue
    /// A second, read-only connection for reads split in two (`responses(wave:instrument:)`).
    let readOnly = Mutex<DatabaseQueue?>(nil)
    /// The answers of each needs file imported through this connection, by source id, as they
    /// were inserted (`ImportedAnswers`).
    let importedAnswers = Mutex<[Int64: ImportedAnswers]>([:])
    public let path: String

    /// SQLite's process-wide settings, for a program to call once at its start, before any
    /// thread opens a database: memory statistics off (`CSQLiteSettings`). A process that has
    /// used SQLite already (a test run) keeps the defaults; nothing else depends on them.
    public static func prepareSQLite() {
        _ = atbalsts_sqlite_memory_statistics_off()
    }

    /// Opens the database at `path`, creating it when there is none. A new database is made
    /// whole before it appears: its schema, the rows of `instruments` and the key's
    /// `fingerprint` are written to a private file beside it without a sync per migration, which
    /// is synced once and then linked into place (`create`). An existing one is migrated in place.
    public init(path: String, instruments: [Instrument] = [], keyFingerprint: String? = nil) throws {
        self.path = path
        // lstat, not fileExists: a symbolic link to nothing is not a path to make a database at.
        var status = stat()
        if lstat(path, &status) != 0 {
            try Self.create(at: path, instruments: instruments, keyFingerprint: keyFingerprint)
        } else if status.st_mode & S_IFMT == S_IFLNK, stat(path, &status) != 0 {
            throw StoreError.cannotCreate(path: path, cause: .danglingLink)
        } else {
            Self.removeLeftovers(of: path, unfinished: false)
        }
        do {
            writer = try DatabaseQueue(path: path, configuration: Self.configuration)
            let migrator = Schema.migrator
            if try writer.read({ try AnswerSchema.isNewer($0, than: migrator) }) {
                throw StoreError.newerDatabase(path: path)
            }
            try migrator.migrate(writer)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError.database(path: path, DatabaseProblem(error))
        }
    }

    static var configuration: Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // A reader such as `atbalsts waves` waits out another process's commit instead of failing.
        configuration.busyMode = .timeout(5)
        return configuration
    }

    /// Records the pseudonym key's fingerprint on the database's first use, and refuses any other
    /// key after that (SPEC 8): responses keyed under two keys could never be linked.
    public func useKey(fingerprint: String) throws {
        try plain {
            try writer.write { db in
                let recorded = try String.fetchOne(db, sql: "SELECT fingerprint FROM key_fingerprint WHERE id = 1")
                guard let recorded else {
                    try db.execute(
                        sql: "INSERT INTO key_fingerprint (id, fingerprint, recorded_at) VALUES (1, ?, ?)",
                        arguments: [fingerprint, Self.now()])
                    return
                }
                guard recorded == fingerprint else { throw StoreError.anotherKey(path: path) }
            }
        }
    }

    /// Stores one needs file in one transaction together with its SHA-256 (SPEC 9), while the file
    /// may still be being read on another thread: accepted rows arrive in batches from `nextBatch`
    /// (nil: no more), and `finish` then says how the file looked and what was quarantined, or
    /// throws the file-level error that rolls everything back. The transaction spans the whole
    /// file, so a crash at any point leaves all of it or none.
    public func importSource(
        wave: Wave, register: [Institution], sha256: String, fingerprint: String, fileName: String,
        instrument: Instrument, nextBatch: () -> [ImportedResponse]?, finish: () throws -> SourceEnd
    ) throws -> ImportOutcome {
        try importSource(
            wave: wave, register: register, sha256: sha256, fingerprint: fingerprint, fileName: fileName,
            instrument: instrument, nextPendingBatch: { nextBatch().map { ResponseBatch($0) } }, finish: finish)
    }

    /// The same from batches whose keys may still be pending (`PendingKeys`): each is worked out
    /// here, as its row is stored.
    public func importSource(
        wave: Wave, register: [Institution], sha256: String, fingerprint: String, fileName: String,
        instrument: Instrument, nextPendingBatch nextBatch: () -> ResponseBatch?, finish: () throws -> SourceEnd
    ) throws -> ImportOutcome {
        try importSource(
            wave: wave, register: register, hash: SourceHash(sha256), fingerprint: fingerprint, fileName: fileName,
            instrument: instrument, nextPendingBatch: nextBatch, finish: finish)
    }

    /// The same with a hash that may still be being worked out (`SourceHash`).
    public func importSource(
        wave: Wave, register: [Institution], hash: SourceHash, fingerprint: String, fileName: String,
        instrument: Instrument, nextPendingBatch nextBatch: () -> ResponseBatch?, finish: () throws -> SourceEnd
    ) throws -> ImportOutcome {
        let layout = try prepareAnswers(of: instrument)
        var inserted: ImportedAnswers?
        // A file seen before is only drained.
        let drained = { nextBatch().map { _ in [ImportedResponse]() } }
        let outcome = try importStreamed(
            wave: wave, register: register, hash: hash, fingerprint: fingerprint, fileName: fileName,
            nextBatch: drained, finish: finish
        ) { db, sourceID in
            var inserter = try ResponseInserter(
                db, sourceID: sourceID, waveID: wave.id, layout: layout, instrument: instrument, path: path)
            while let batch = nextBatch() {
                try inserter.insert(batch)
            }
            try inserter.recordRange()
            if let first = inserter.first {
                inserted = ImportedAnswers(slots: instrument.slots.map(\.name), first: first, table: inserter.answers)
            }
            if let first = inserter.first {
                try Self.markSuperseded(
                    db, waveID: wave.id, instrument: instrument.id,
                    known: HashedKeys(
                        source: sourceID, first: first, hashes: inserter.keyHashes, repeated: inserter.repeatedHashes))
            }
            return try finish()
        }
        // Kept only once the file's transaction has committed.
        switch outcome {
        case .imported(let source), .reimported(let source):
            if let inserted { importedAnswers.withLock { $0[source] = inserted } }
        case .alreadyImported: break
        }
        return outcome
    }

    /// A file whose rows arrive in batches while it is still being read, in the one transaction of
    /// the file: a file seen before drains its reader (`alreadyImported`), else `store` inserts the
    /// batches and returns how the file ended. Needs surveys and observations differ only in `store`.
    func importStreamed(
        wave: Wave, register: [Institution], hash: SourceHash, fingerprint: String, fileName: String,
        nextBatch: () -> [ImportedResponse]?, finish: () throws -> SourceEnd,
        store: (Database, Int64) throws -> SourceEnd
    ) throws -> ImportOutcome {
        do {
            return try plain {
                try writer.write { db in
                    try importFile(
                        db, wave: wave, register: register, hash: hash, fingerprint: fingerprint, fileName: fileName,
                        alreadyImported: {
                            while nextBatch() != nil {}
                            _ = try finish()
                        }
                    ) { sourceID in try store(db, sourceID) }
                }
            }
        } catch let before as ImportedBefore {
            // Stored before its hash was known, and found imported before: rolled back.
            return .alreadyImported(waveID: before.waveID)
        }
    }

    /// A self-assessment file, in one transaction like any other source.
    public func importSelfAssessment(
        wave: Wave, register: [Institution], source: SourceDescription, byteCount: Int? = nil, fingerprint: String,
        ratings: [SelfRating], quarantine: [QuarantinedRow]
    ) throws -> ImportOutcome {
        try plain {
            try writer.write { db in
                try importFile(
                    db, wave: wave, register: register, hash: SourceHash(source.sha256, byteCount: byteCount),
                    fingerprint: fingerprint, fileName: source.fileName, alreadyImported: {}
                ) { sourceID in
                    let insert = try db.makeStatement(
                        sql: """
                            INSERT INTO self_assessment (source_id, wave_id, line, institution, respondent_key, area, rating)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """)
                    for rating in ratings {
                        try insert.execute(arguments: [
                            sourceID, wave.id, rating.line, rating.institution, rating.respondentKey, rating.area, rating.rating,
                        ])
                    }
                    return SourceEnd(description: source, accepted: ratings.count, quarantine: quarantine)
                }
            }
        }
    }

    /// The part every import shares: the SHA-256 check (a file seen before and read the same way
    /// changes nothing, after `alreadyImported` has let its reader finish; read another way, the
    /// earlier reading is deleted in this same transaction), the wave and its register, and the
    /// source row with its quarantine. `rows` stores the accepted rows and then says how the file
    /// ended.
    ///
    /// A file whose size no stored file has (nor a file of its wave stored before sizes were
    /// kept) cannot have been imported before: its rows are stored while its hash is still being
    /// worked out (issue 19: at 300,000 rows, 0.2 s in which the storing thread, the one the
    /// import waits for, only waited). Its hash is checked once the rows are in, all the same: a
    /// file found imported before is rolled back (`ImportedBefore`), or replaces the earlier
    /// reading, as it would have before its rows.
    func importFile(
        _ db: Database, wave: Wave, register: [Institution], hash: SourceHash, fingerprint: String,
        fileName: String, alreadyImported: () throws -> Void, rows: (Int64) throws -> SourceEnd
    ) throws -> ImportOutcome {
        // A hash already known is checked first, as it costs nothing to have.
        var mayBeStored = true
        if !hash.isKnown, let size = hash.byteCount {
            mayBeStored =
                try Bool.fetchOne(
                    db,
                    sql: "SELECT EXISTS (SELECT 1 FROM source WHERE byte_count = ? OR (byte_count IS NULL AND wave_id = ?))",
                    arguments: [size, wave.id]) ?? true
        }
        var replaced = false
        if mayBeStored {
            switch try earlierReading(db, sha256: hash.value(), wave: wave, fingerprint: fingerprint, fileName: fileName) {
            case .none: break
            case .same(let earlierWave):
                try alreadyImported()
                return .alreadyImported(waveID: earlierWave)
            case .replaced: replaced = true
            }
        }
        try saveWave(db, wave: wave, register: register)
        // The wave's stored summary no longer says what its responses give, nor the next wave's
        // how many of its respondents returned.
        try db.execute(sql: "DELETE FROM wave_summary WHERE wave_id = ? OR previous_wave = ?", arguments: [wave.id, wave.id])
        var record = SourceRecord(
            id: nil, waveId: wave.id, fileName: "",
            // Unique like any hash, until the hash is known; never committed.
            sha256: mayBeStored ? try hash.value() : "pending-" + UUID().uuidString,
            kind: "", instrumentId: nil, format: "",
            encoding: "", delimiter: "", rowsRead: 0, rowsAccepted: 0, rowsQuarantined: 0, importedAt: Self.now(),
            readFingerprint: fingerprint, byteCount: hash.byteCount)
        try record.insert(db)
        let sourceID = record.id!
        let end = try rows(sourceID)
        var replacedAfterRows = false
        if !mayBeStored {
            // A size recorded wrong is all that brings a file imported before here.
            switch try earlierReading(db, sha256: hash.value(), wave: wave, fingerprint: fingerprint, fileName: fileName) {
            case .none: break
            case .same(let earlierWave): throw ImportedBefore(waveID: earlierWave)
            case .replaced: replacedAfterRows = true
            }
            record.sha256 = try hash.value()
        }
        let source = end.description
        record.fileName = source.fileName
        record.kind = source.kind
        record.instrumentId = source.instrument.isEmpty ? nil : source.instrument
        record.format = source.format
        record.encoding = source.encoding
        record.delimiter = source.delimiter
        record.rowsRead = end.accepted + end.quarantine.count
        record.rowsAccepted = end.accepted
        record.rowsQuarantined = end.quarantine.count
        try record.update(db)
        try insertQuarantine(db, sourceID: sourceID, rows: end.quarantine)
        try insertUnreadable(db, sourceID: sourceID, answers: end.unreadable)
        // Once per file: a needs file has marked them with its keys' hashes (`importSource`); any
        // other file that replaced an earlier reading may have taken away a wave's latest answer,
        // and one that replaced it after its rows were marked left the marks to be made again.
        let storedResponses =
            try Bool.fetchOne(
                db, sql: "SELECT first_response IS NOT NULL FROM source WHERE id = ?", arguments: [sourceID]) ?? false
        if (replaced && !storedResponses) || replacedAfterRows {
            let instruments = try String.fetchAll(
                db, sql: "SELECT DISTINCT instrument_id FROM source WHERE wave_id = ? AND first_response IS NOT NULL",
                arguments: [wave.id])
            for instrument in instruments { try Self.markSuperseded(db, waveID: wave.id, instrument: instrument) }
        }
        return replaced || replacedAfterRows ? .reimported(sourceID: sourceID) : .imported(sourceID: sourceID)
    }

    private enum EarlierReading {
        case none
        /// Imported before and read the same way.
        case same(wave: String)
        /// Imported before and read another way: that reading is deleted.
        case replaced
    }

    /// The stored file of `sha256`, if any: one read the same way is left as it is; one read
    /// another way is deleted with its responses, texts, answers, quarantine and unreadable
    /// answers (cascades); one of another wave is refused.
    private func earlierReading(
        _ db: Database, sha256: String, wave: Wave, fingerprint: String, fileName: String
    ) throws -> EarlierReading {
        guard
            let earlier = try Row.fetchOne(
                db, sql: "SELECT id, wave_id, read_fingerprint FROM source WHERE sha256 = ?", arguments: [sha256])
        else { return .none }
        let earlierWave: String = earlier["wave_id"]
        guard earlierWave == wave.id else {
            throw StoreError.importedForAnotherWave(file: fileName, wave: earlierWave)
        }
        if earlier["read_fingerprint"] as String? == fingerprint { return .same(wave: earlierWave) }
        try db.execute(
            sql: """
                DELETE FROM response WHERE id BETWEEN (SELECT first_response FROM source WHERE id = ?1)
                  AND (SELECT last_response FROM source WHERE id = ?1) AND source_id = ?1
                """, arguments: [earlier["id"] as Int64])
        try db.execute(sql: "DELETE FROM source WHERE id = ?", arguments: [earlier["id"] as Int64])
        return .replaced
    }

    private func saveWave(_ db: Database, wave: Wave, register: [Institution]) throws {
        try db.execute(
            sql: "INSERT OR IGNORE INTO wave (id, start_year, term, created_at) VALUES (?, ?, ?, ?)",
            arguments: [wave.id, wave.startYear, wave.term.rawValue, Self.now()])
        let insert = try db.makeStatement(
            sql: "INSERT OR REPLACE INTO institution (wave_id, code, name, type, teachers) VALUES (?, ?, ?, ?, ?)")
        for institution in register {
            try insert.execute(arguments: [
                wave.id, institution.code, institution.name, institution.type, institution.teachers,
            ])
        }
    }

    /// The instrument's storage order, made ready through the migrator before the file's
    /// transaction opens (`AnswerSchema`): registered on the instrument's first use, widened when
    /// it gained options. An instrument whose items changed under the same id is refused once
    /// answers are stored, since stored slots would no longer mean the same thing; a registration
    /// a failed import left with no answers protects nothing and is made again.
    private func prepareAnswers(of instrument: Instrument) throws -> AnswerLayout {
        let table = Self.answerTableName(instrument.id)
        try plain {
            try writer.write { db in
                // Ids that differ only in punctuation or case: refused (`AnswerSchema`).
                try AnswerSchema.refuseClash(of: instrument.id, table: table, in: db)
                guard let stored = try String.fetchOne(db, sql: "SELECT slots FROM instrument WHERE id = ?", arguments: [instrument.id])
                else { return }
                guard !AnswerLayout(stored: AnswerLayout.slots(from: stored), instrument: instrument).storesOnlyTheInstrumentsSlots
                else { return }
                let answers = try Int.fetchOne(
                    db, sql: ThroughRanges.answersOfInstrument,
                    arguments: [instrument.id])
                guard answers == 0 else { throw StoreError.instrumentChanged(id: instrument.id) }
                try db.execute(sql: "DELETE FROM instrument WHERE id = ?", arguments: [instrument.id])
                let name = AnswerSchema.prefix + instrument.id
                try db.execute(
                    sql: "DELETE FROM grdb_migrations WHERE identifier = ? OR substr(identifier, 1, length(?)) = ?",
                    arguments: [name, name + " slots ", name + " slots "])
            }
            try AnswerSchema.migrator(for: instrument).migrate(writer)
        }
        return try answerLayout(of: instrument) ?? AnswerLayout(stored: instrument.slots.map(\.name), instrument: instrument)
    }

    /// The storage order of an instrument's answers, nil when none were ever stored.
    func answerLayout(of instrument: Instrument) throws -> AnswerLayout? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT slots FROM instrument WHERE id = ?", arguments: [instrument.id]).map {
                AnswerLayout(stored: AnswerLayout.slots(from: $0), instrument: instrument)
            }
        }
    }

    /// The name an instrument's answers are kept under in its `instrument` row: the table of
    /// a column per slot before `v11-compact-answers`, and still what tells two ids apart that
    /// differ only in punctuation or case (`AnswerSchema.refuseClash`).
    static func answerTableName(_ instrumentID: String) -> String {
        "answer_" + String(instrumentID.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    private func insertQuarantine(_ db: Database, sourceID: Int64, rows: [QuarantinedRow]) throws {
        let insert = try db.makeStatement(
            sql: """
                INSERT INTO quarantine (source_id, line, column_name, value, reason, reason_code, reason_arguments)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        for row in rows {
            let stored = StoredQuarantineReason(row.reason)
            try insert.execute(
                arguments: [sourceID, row.line, row.column, row.value, stored.text, stored.code, stored.arguments])
        }
    }

    private func insertUnreadable(_ db: Database, sourceID: Int64, answers: [UnreadableAnswer]) throws {
        let insert = try db.makeStatement(
            sql: "INSERT INTO unreadable_answer (source_id, line, item_id, column_name, value) VALUES (?, ?, ?, ?, ?)")
        for answer in answers {
            try insert.execute(arguments: [sourceID, answer.line, answer.itemID, answer.column, answer.value])
        }
    }

    /// Deletes everything stored about a wave — responses, texts, self-ratings, sources, their
    /// quarantine, the register copy — then rewrites the file so no freed page keeps the bytes
    /// (SPEC 6 `forget`, data retention). Returns false when the wave is not there.
    public func forget(wave: String) throws -> Bool {
        let existed = try plain {
            try writer.write { db -> Bool in
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM wave WHERE id = ?", arguments: [wave]) == true else {
                    return false
                }
                for range in try ResponseRange.of(wave: wave, instrument: nil, in: db) {
                    try db.execute(
                        sql: "DELETE FROM response WHERE id BETWEEN ? AND ? AND source_id = ?",
                        arguments: [range.first, range.last, range.source])
                }
                try db.execute(sql: "DELETE FROM source WHERE wave_id = ?", arguments: [wave])
                try db.execute(sql: "DELETE FROM self_assessment WHERE wave_id = ?", arguments: [wave])
                try db.execute(sql: "DELETE FROM plan_action WHERE wave_id = ?", arguments: [wave])
                try db.execute(sql: "DELETE FROM institution WHERE wave_id = ?", arguments: [wave])
                try db.execute(sql: "DELETE FROM wave WHERE id = ?", arguments: [wave])
                return true
            }
        }
        if existed { try plain { try writer.vacuum() } }
        return existed
    }

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}

/// How a file read on another thread ended: what the source row and data-quality sheet need.
/// A file's SHA-256 (SPEC 9) and, when known, its size in bytes. The hash may still be being
/// worked out on another thread when the file's import starts: `value()` waits for it, once.
public final class SourceHash {
    public let byteCount: Int?
    private var known: String?
    private let compute: () throws -> String

    public init(_ sha256: String, byteCount: Int? = nil) {
        self.byteCount = byteCount
        known = sha256
        compute = { sha256 }
    }

    public init(byteCount: Int, computing: @escaping () throws -> String) {
        self.byteCount = byteCount
        compute = computing
    }

    /// Known without waiting.
    public var isKnown: Bool { known != nil }

    public func value() throws -> String {
        if let known { return known }
        let computed = try compute()
        known = computed
        return computed
    }
}

/// A file stored before its hash was known, then found imported before and read the same way:
/// thrown to roll its transaction back (`importFile`).
struct ImportedBefore: Error {
    let waveID: String
}

public struct SourceEnd: Sendable {
    public let description: SourceDescription
    public let accepted: Int
    public let quarantine: [QuarantinedRow]
    public let unreadable: [UnreadableAnswer]

    public init(
        description: SourceDescription, accepted: Int, quarantine: [QuarantinedRow],
        unreadable: [UnreadableAnswer] = []
    ) {
        self.description = description
        self.accepted = accepted
        self.quarantine = quarantine
        self.unreadable = unreadable
    }
}

/// The hot loop of an import: prepared statements bound through SQLite's C API, since building
/// GRDB argument arrays per row cost more than SQLite's own work; a response's answers go in as
/// one BLOB (`AnswerLayout`).
private struct ResponseInserter {
    let db: Database
    let sourceID: Int64
    let waveID: String
    let layout: AnswerLayout
    let textItems: [String]
    let instrumentID: String
    /// `groupSize` rows a statement: with AUTOINCREMENT, SQLite reads and rewrites the
    /// `sqlite_sequence` row once a statement, which was half its work storing one row a
    /// statement (300,000 rows: 0.72 s → 0.36 s in a C program with this schema, BENCHMARKS.md).
    let insertGroup: Statement
    /// The rest of a batch, a row at a time.
    let insertResponse: Statement
    let insertText: Statement
    static let groupSize = 32
    /// SQLite's own descriptor of the database file, through which its pages are sent to the disk
    /// every `writebackRows` rows; nil where none is found (nothing is sent then).
    let databaseDescriptor: Int32?
    static let writebackRows = 16_384
    private var rowsSinceWriteback = 0

    init(_ db: Database, sourceID: Int64, waveID: String, layout: AnswerLayout, instrument: Instrument, path: String) throws {
        self.db = db
        databaseDescriptor = Self.sqliteDescriptor(of: path)
        self.sourceID = sourceID
        self.waveID = waveID
        self.layout = layout
        textItems = instrument.textItemIDs
        instrumentID = instrument.id
        answers = AnswerTable(width: instrument.slots.count)
        insertGroup = try db.makeStatement(sql: Self.insertSQL(rows: Self.groupSize))
        insertResponse = try db.makeStatement(sql: Self.insertSQL(rows: 1))
        insertText = try db.makeStatement(sql: "INSERT INTO response_text (response_id, item_id, text) VALUES (?, ?, ?)")
    }

    /// `rows` rows of one source and wave (?1, ?2); row k's own values are parameters 3 + 5k …
    /// 7 + 5k (`bindRow`).
    private static func insertSQL(rows: Int) -> String {
        let values = (0..<rows).map { k in
            let p = 3 + 5 * k
            return "(?1, ?2, ?\(p), ?\(p + 1), ?\(p + 2), ?\(p + 3), ?\(p + 4))"
        }
        return "INSERT INTO response (source_id, wave_id, line, respondent_key, submitted_at, institution, answers) VALUES "
            + values.joined(separator: ", ")
    }

    /// The ids this file's responses were stored under (`ResponseRange`). Rows only append now,
    /// so SQLite's default 2 MB page cache is enough: the 64 MB a large import once had (for the
    /// random-order (wave, key) index) wrote no fewer pages at 300,000 rows and held 66 MB more.
    private(set) var first: Int64?
    private var last: Int64?
    /// Each stored key's hash in id order, for marking superseded rows without reading them back.
    private(set) var keyHashes: [UInt64] = []
    /// The hashes met more than once among them, found as they are stored.
    private(set) var repeatedHashes = Set<UInt64>()
    private var seenHashes = SeenHashes()
    /// Each stored row's answers and institution in id order, for scoring without reading them back.
    private(set) var answers: AnswerTable

    /// One statement's rows' texts and answers, copied in for SQLite to read in place
    /// (`SQLITE_STATIC`): bound as transient, SQLite made its own copy of each, an allocation apiece.
    private var rowBytes: [UInt8] = []
    /// Where each of those rows' values ends in `rowBytes`.
    private var rowEnds: [RowEnds] = []
    /// The batch's keys still to work out, by the batch's row numbers.
    private var pendingKeys: (any PendingKeys)?
    /// Room made for the rows the first batch expected (`ResponseBatch.expectedRows`).
    private var reserved = false

    private struct RowEnds {
        let line: Int
        let key: Int
        let submitted: Int?
        let institution: Int
        let answers: Int
    }

    mutating func insert(_ batch: ResponseBatch) throws {
        // An empty batch made from no responses knows no width.
        guard !batch.isEmpty else { return }
        if !reserved, let expected = batch.expectedRows {
            // Capped: the guess comes from the file's first rows.
            let room = Swift.min(expected + expected / 8, 50_000_000)
            answers.reserveCapacity(room)
            keyHashes.reserveCapacity(room)
            seenHashes.reserve(room)
        }
        reserved = true
        precondition(batch.width == answers.width, "a batch of this instrument's answers")
        pendingKeys = batch.pendingKeys
        defer { pendingKeys = nil }
        let connection = db.sqliteConnection
        let group = insertGroup.sqliteStatement
        let single = insertResponse.sqliteStatement
        // The same for every row, and a reset keeps what is bound: bound once a batch.
        for statement in [group, single] {
            sqlite3_reset(statement)
            try bound(sqlite3_bind_int64(statement, 1, sourceID), connection)
            try bindText(statement, 2, waveID, connection)
        }
        // No binding outlives the batch: the pointers into `rowBytes` go with it.
        defer {
            sqlite3_clear_bindings(group)
            sqlite3_clear_bindings(single)
        }
        var start = 0
        var text = 0
        while batch.count - start >= Self.groupSize {
            try insertRows(start..<start + Self.groupSize, of: batch, texts: &text, through: group, connection)
            start += Self.groupSize
        }
        while start < batch.count {
            try insertRows(start..<start + 1, of: batch, texts: &text, through: single, connection)
            start += 1
        }
        rowsSinceWriteback += batch.count
        if rowsSinceWriteback >= Self.writebackRows {
            rowsSinceWriteback = 0
            startWriteback()
        }
    }

    /// Sets the pages SQLite has written so far on their way to the disk, while the import goes
    /// on: the commit's sync then waits for the last few, not for the whole file (`CSQLiteSettings`).
    private func startWriteback() {
        guard let databaseDescriptor else { return }
        _ = atbalsts_start_writeback(databaseDescriptor)
    }

    /// The descriptor SQLite holds open for reading and writing on the file at `path`, found
    /// among the process's own (`/proc/self/fd`) by device and inode; never closed here. A
    /// descriptor of our own would not do: closing it would drop every POSIX lock the process
    /// holds on the file, SQLite's included, in the middle of the transaction (sqlite.org,
    /// "How To Corrupt An SQLite Database File", 2.2) — a reader would then take the live
    /// journal for one left by a crash and roll the import back under it.
    static func sqliteDescriptor(of path: String) -> Int32? {
        #if os(Linux)
            var file = stat()
            guard stat(path, &file) == 0,
                let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
            else { return nil }
            for name in names {
                guard let descriptor = Int32(name) else { continue }
                var open = stat()
                guard fstat(descriptor, &open) == 0, open.st_dev == file.st_dev, open.st_ino == file.st_ino,
                    open.st_mode & S_IFMT == S_IFREG, fcntl(descriptor, F_GETFL) & O_ACCMODE == O_RDWR
                else { continue }
                return descriptor
            }
        #endif
        return nil
    }

    /// `rows` of `batch` in one statement made for as many, then their texts under the ids they
    /// were given; `text` is the batch's first text not yet stored.
    private mutating func insertRows(
        _ rows: Range<Int>, of batch: ResponseBatch, texts text: inout Int, through statement: SQLiteStatement,
        _ connection: SQLiteConnection?
    ) throws {
        // sqlite3_reset returns the previous step's error, which `step` has already thrown.
        sqlite3_reset(statement)
        rowBytes.removeAll(keepingCapacity: true)
        rowEnds.removeAll(keepingCapacity: true)
        let width = batch.width
        // The batch's columns read in place, through buffer pointers.
        try batch.values.withUnsafeBufferPointer { values in
            try batch.times.withUnsafeBufferPointer { times in
                for row in rows {
                    func keyed(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
                        let hash = AppDatabase.keyHash(UnsafeRawBufferPointer(bytes))
                        keyHashes.append(hash)
                        rowBytes.append(contentsOf: bytes)
                        return rowBytes.count
                    }
                    func appended(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
                        rowBytes.append(contentsOf: bytes)
                        return rowBytes.count
                    }
                    let keyEnd: Int
                    if batch.keys[row].isEmpty {
                        // Its key is the HMAC of an e-mail the parser left for this thread (`PendingKeys`).
                        guard let end = pendingKeys?.withKey(ofRow: row, keyed) else {
                            throw DatabaseError(
                                resultCode: .SQLITE_INTERNAL,
                                message: "line \(batch.lines[row]) of source \(sourceID) has no respondent key")
                        }
                        keyEnd = end
                    } else {
                        keyEnd = Self.withUTF8(of: batch.keys[row], keyed)
                    }
                    let submittedEnd = batch.time(ofRow: row).map { appended(UnsafeBufferPointer(rebasing: times[$0])) }
                    let institution = batch.institutions[row]
                    let institutionEnd = Self.withUTF8(of: institution, appended)
                    let rowValues = UnsafeBufferPointer(rebasing: values[(row * width)..<((row + 1) * width)])
                    layout.withPacked(rowValues) { rowBytes.append(contentsOf: $0) }
                    answers.append(institution: institution, answers: rowValues)
                    rowEnds.append(
                        RowEnds(
                            line: batch.lines[row], key: keyEnd, submitted: submittedEnd, institution: institutionEnd,
                            answers: rowBytes.count))
                }
            }
        }
        // The rows' hashes met in one go, after their keys: each is a look-up that misses the
        // caches, and one after another the processor waits for several at once rather than
        // for each in turn between a row's other work (issue 19).
        keyHashes.withUnsafeBufferPointer { hashes in
            let group = UnsafeBufferPointer(rebasing: hashes[(hashes.count - rows.count)...])
            seenHashes.insert(contentsOf: group) { repeatedHashes.insert($0) }
        }
        // Bound once every row is in: appending may move the buffer.
        try rowBytes.withUnsafeBufferPointer { bytes in
            var rowStart = 0
            for (k, ends) in rowEnds.enumerated() {
                let p = Int32(3 + 5 * k)
                try bound(sqlite3_bind_int64(statement, p, Int64(ends.line)), connection)
                try bindStatic(statement, p + 1, bytes, rowStart..<ends.key, connection)
                if let submitted = ends.submitted {
                    try bindStatic(statement, p + 2, bytes, ends.key..<submitted, connection)
                } else {
                    try bound(sqlite3_bind_null(statement, p + 2), connection)
                }
                try bindStatic(statement, p + 3, bytes, (ends.submitted ?? ends.key)..<ends.institution, connection)
                // No slots is an empty BLOB, not the NULL a null pointer would bind.
                let blob = UnsafeBufferPointer(rebasing: bytes[ends.institution..<ends.answers])
                let code =
                    if let base = blob.baseAddress, !blob.isEmpty {
                        sqlite3_bind_blob(statement, p + 4, base, Int32(blob.count), nil)
                    } else {
                        sqlite3_bind_zeroblob(statement, p + 4, 0)
                    }
                try bound(code, connection)
                rowStart = ends.answers
            }
            try step(statement, connection)
        }
        // One writer appending in one transaction: a statement's rows take consecutive ids, the
        // last of which SQLite reports, and follow the rows before them.
        let lastID = sqlite3_last_insert_rowid(connection)
        let firstID = lastID - Int64(rows.count) + 1
        guard sqlite3_changes(connection) == Int32(rows.count), last.map({ $0 + 1 == firstID }) ?? true else {
            throw DatabaseError(
                resultCode: .SQLITE_INTERNAL,
                message: "responses \(firstID)…\(lastID) of source \(sourceID) do not follow \(last.map(String.init) ?? "-")")
        }
        if first == nil { first = firstID }
        last = lastID
        let textHandle = insertText.sqliteStatement
        // In row order, each row's in slot order (`ResponseBatch.texts`).
        while text < batch.texts.count, batch.texts[text].row < rows.upperBound {
            let (row, slot, given) = batch.texts[text]
            text += 1
            guard slot < textItems.count else { continue }
            sqlite3_reset(textHandle)
            try bound(sqlite3_bind_int64(textHandle, 1, firstID + Int64(row - rows.lowerBound)), connection)
            try bindText(textHandle, 2, textItems[slot], connection)
            try bindText(textHandle, 3, given, connection)
            try step(textHandle, connection)
        }
    }

    /// A string's UTF-8 read in place, without the copy `withUTF8` (mutating) needs.
    @inline(__always)
    private static func withUTF8<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        return copy.withUTF8(body)
    }

    /// `range` of `row` as text that SQLite reads in place (`SQLITE_STATIC`): valid until the
    /// next bind of the parameter or the end of the batch (`sqlite3_clear_bindings`).
    private func bindStatic(
        _ statement: SQLiteStatement, _ index: Int32, _ row: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
        _ connection: SQLiteConnection?
    ) throws {
        let text = UnsafeBufferPointer(rebasing: row[range])
        // An empty text still needs a pointer: a null one would bind NULL.
        let code =
            if let base = text.baseAddress, !text.isEmpty {
                sqlite3_bind_text(
                    statement, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(text.count), nil)
            } else {
                sqlite3_bind_text(statement, index, "", 0, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            }
        try bound(code, connection)
    }

    /// Keeps the ids on the source row, where every read of the wave finds its responses.
    func recordRange() throws {
        try db.execute(
            sql: "UPDATE source SET first_response = ?, last_response = ?, instrument_id = ? WHERE id = ?",
            arguments: [first, last, instrumentID, sourceID])
    }

    /// Through the string's own UTF-8, without the C string a plain `String` argument becomes
    /// (an allocation per text, 4 % of the inserting thread at 300,000 rows).
    private func bindText(_ statement: SQLiteStatement, _ index: Int32, _ text: String?, _ connection: SQLiteConnection?) throws {
        guard var text else {
            try bound(sqlite3_bind_null(statement, index), connection)
            return
        }
        try text.withUTF8 { try bindUTF8(statement, index, $0, connection) }
    }

    private func bindUTF8(
        _ statement: SQLiteStatement, _ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>, _ connection: SQLiteConnection?
    ) throws {
        // SQLITE_TRANSIENT: SQLite copies the text before the buffer goes away. An empty text
        // still needs a pointer: a null one would bind NULL.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        let code =
            if let base = bytes.baseAddress, !bytes.isEmpty {
                sqlite3_bind_text(
                    statement, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), transient)
            } else {
                sqlite3_bind_text(statement, index, "", 0, transient)
            }
        try bound(code, connection)
    }

    /// A bind that failed (SQLITE_RANGE, SQLITE_NOMEM, SQLITE_TOOBIG) would otherwise leave the
    /// previous row's value in place and store it silently.
    private func bound(_ code: Int32, _ connection: SQLiteConnection?) throws {
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
        }
    }

    private func step(_ statement: SQLiteStatement, _ connection: SQLiteConnection?) throws {
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
        }
    }
}
