import AtbalstsCore
import Foundation
import GRDB
import GRDBSQLite
import Synchronization

extension AppDatabase {
    /// The responses that count in a wave, in import order: superseded submissions excluded.
    /// Rows are read through SQLite's C API, each response's answers as one BLOB (`AnswerLayout`).
    public func responses(wave: String, instrument: Instrument) throws -> [ScoredResponse] {
        try readCounted(wave: wave, instrument: instrument) { db, ranges, layout in
            try Self.responses(in: db, ranges: ranges, layout: layout)
        } merge: { first, second in
            first + second
        } ?? []
    }

    /// The same responses as `responses(wave:instrument:)`, in the same order, as one table of
    /// answers and institutions: what scoring counts over. Without the respondent keys and a
    /// `ScoredResponse` per row, a national wave reads in a fraction of the time (issue 19).
    /// Files imported through this connection are not read back: their answers were kept as
    /// they were inserted (`ImportedAnswers`).
    public func answerTable(wave: String, instrument: Instrument) throws -> AnswerTable {
        if let kept = try keptAnswers(wave: wave, instrument: instrument) { return kept }
        return try readCounted(wave: wave, instrument: instrument) { db, ranges, layout in
            try Self.answerTable(in: db, ranges: ranges, layout: layout, width: instrument.slots.count)
        } merge: { first, second in
            var table = first
            table.append(contentsOf: second)
            return table
        } ?? AnswerTable(width: instrument.slots.count)
    }

    /// The wave's counted answers from those kept at import, when every file the wave's rows
    /// come from was imported through this connection, under the same slots, and still holds
    /// every row it was stored with; nil otherwise. Rows superseded since are left out, as the read leaves them.
    private func keptAnswers(wave: String, instrument: Instrument) throws -> AnswerTable? {
        guard importedAnswers.withLock({ !$0.isEmpty }), let layout = try answerLayout(of: instrument) else { return nil }
        guard layout.storesOnlyTheInstrumentsSlots else { throw StoreError.instrumentChanged(id: instrument.id) }
        let slots = instrument.slots.map(\.name)
        // Two slots of one name share a stored position: only the read shows what was kept.
        guard Set(slots).count == slots.count else { return nil }
        return try read { db -> AnswerTable? in
            let ranges = try ResponseRange.of(wave: wave, instrument: instrument.id, in: db)
            // Checked inside the lock, so that no reference to a kept table is held past it.
            let allKept = importedAnswers.withLock { kept in
                ranges.allSatisfy { range in
                    // A file's rows are deleted only with the file (and its range) and never added to.
                    guard let answers = kept[range.source] else { return false }
                    return answers.slots == slots && answers.first == range.first
                        && Int64(answers.table.count + answers.removed.count) == range.span
                }
            }
            guard allKept, !ranges.isEmpty else { return nil }
            // From the partial index of superseded rows: no walk of the file's rows.
            func superseded(_ range: ResponseRange) throws -> Set<Int> {
                Set(try Int64.fetchAll(db, sql: Self.supersededIDsOfSource, arguments: [range.source]).map { Int($0 - range.first) })
            }
            if ranges.count == 1 { return takingOutInPlace(try superseded(ranges[0]), of: ranges[0].source) }
            let parts = importedAnswers.withLock { kept in ranges.map { kept[$0.source]! } }
            // Rows taken out once: which of them are superseded now is known only from the rows.
            guard parts.allSatisfy({ $0.removed.isEmpty }) else { return nil }
            var table = AnswerTable(width: slots.count)
            table.reserveCapacity(parts.reduce(0) { $0 + $1.table.count })
            for (range, answers) in zip(ranges, parts) {
                table.append(contentsOf: answers.table, leaving: try superseded(range))
            }
            return table
        }
    }

    /// The kept answers of `source`, its `superseded` rows taken out in place: the wave's only
    /// file, the common case, needs no second table. Taken from `importedAnswers` while it is
    /// changed, so that it is the only reference and is not copied; put back with what was
    /// removed. Nil (read the rows instead) when rows taken out before are not superseded now.
    private func takingOutInPlace(_ superseded: Set<Int>, of source: Int64) -> AnswerTable? {
        guard var answers = importedAnswers.withLock({ $0.removeValue(forKey: source) }) else { return nil }
        defer { importedAnswers.withLock { $0[source] = answers } }
        if answers.removed.isEmpty {
            answers.table.removeRows(superseded)
            answers.removed = superseded
        }
        return answers.removed == superseded ? answers.table : nil
    }

    /// Reads a wave's counted rows with `read`, nil when the instrument has no answers stored. A
    /// large wave is read in two halves at once, the second on a read-only connection of its own,
    /// since stepping through the rows is SQLite's own work and one core does it alone.
    private func readCounted<Part: Sendable>(
        wave: String, instrument: Instrument,
        _ read: @escaping @Sendable (Database, [ResponseRange], AnswerLayout) throws -> Part,
        merge: (Part, Part) -> Part
    ) throws -> Part? {
        guard let layout = try answerLayout(of: instrument) else { return nil }
        // Answers stored under items this instrument no longer has would be read as others'.
        guard layout.storesOnlyTheInstrumentsSlots else { throw StoreError.instrumentChanged(id: instrument.id) }
        let ranges = try self.read { try ResponseRange.of(wave: wave, instrument: instrument.id, in: $0) }
        guard ranges.reduce(0, { $0 + $1.span }) >= Self.parallelReadMinimum else {
            return try self.read { try read($0, ranges, layout) }
        }
        let (firstHalf, secondHalf) = ResponseRange.halves(ranges)
        let second = ThreadResult<Part>()
        let reading = DispatchGroup()
        let reader = try secondReader()
        DispatchQueue.global().async(group: reading) {
            second.set(Result { try reader.read { try read($0, secondHalf, layout) } })
        }
        let first = Result { try self.read { try read($0, firstHalf, layout) } }
        reading.wait()
        return merge(try first.get(), try second.get())
    }

    /// The read-only connection that reads a large wave's second half, opened on first need and
    /// kept for the life of this `AppDatabase` (twenty waves of history are twenty such reads).
    private func secondReader() throws -> DatabaseQueue {
        try readOnly.withLock { reader in
            if let reader { return reader }
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(5)
            let opened = try DatabaseQueue(path: path, configuration: configuration)
            reader = opened
            return opened
        }
    }

    /// Below this many responses one connection reads them all.
    public static let parallelReadMinimum = 4_000

    private static func responses(in db: Database, ranges: [ResponseRange], layout: AnswerLayout) throws -> [ScoredResponse] {
        let statement = try db.makeStatement(
            sql: """
                SELECT respondent_key, institution, answers FROM response
                WHERE id BETWEEN ? AND ? AND source_id = ? AND NOT superseded ORDER BY id
                """)
        var responses: [ScoredResponse] = []
        var institutions: [String: String] = [:]
        for range in ranges {
            try statement.setArguments([range.first, range.last, range.source])
            try stepRows(statement, db) { handle in
                // sqlite3_column_blob before sqlite3_column_bytes, as SQLite's documentation asks.
                let blob = sqlite3_column_blob(handle, 2)
                let values = layout.unpack(
                    UnsafeRawBufferPointer(start: blob, count: blob == nil ? 0 : Int(sqlite3_column_bytes(handle, 2))))
                let key = String(cString: sqlite3_column_text(handle, 0))
                let institutionText = String(cString: sqlite3_column_text(handle, 1))
                // One String per institution, shared by its responses.
                let institution =
                    institutions[institutionText]
                    ?? {
                        institutions[institutionText] = institutionText
                        return institutionText
                    }()
                responses.append(ScoredResponse(respondentKey: key, institution: institution, values: values))
            }
        }
        return responses
    }

    private static func answerTable(
        in db: Database, ranges: [ResponseRange], layout: AnswerLayout, width: Int
    ) throws -> AnswerTable {
        let statement = try db.makeStatement(
            sql: """
                SELECT institution, answers FROM response
                WHERE id BETWEEN ? AND ? AND source_id = ? AND NOT superseded ORDER BY id
                """)
        var table = AnswerTable(width: width)
        table.reserveCapacity(Int(ranges.reduce(0) { $0 + $1.span }))
        for range in ranges {
            try statement.setArguments([range.first, range.last, range.source])
            try stepRows(statement, db) { handle in
                // Institution codes are short: a String of up to 15 bytes needs no allocation.
                let institution = String(
                    decoding: UnsafeBufferPointer(
                        start: sqlite3_column_text(handle, 0), count: Int(sqlite3_column_bytes(handle, 0))),
                    as: UTF8.self)
                // sqlite3_column_blob before sqlite3_column_bytes, as SQLite's documentation asks.
                let blob = sqlite3_column_blob(handle, 1)
                let bytes = UnsafeRawBufferPointer(start: blob, count: blob == nil ? 0 : Int(sqlite3_column_bytes(handle, 1)))
                table.append(institution: institution) { layout.unpack(bytes, into: $0) }
            }
        }
        return table
    }

    public func selfRatings(wave: String) throws -> [SelfRating] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT line, institution, respondent_key, area, rating FROM self_assessment WHERE wave_id = ? ORDER BY id",
                arguments: [wave]
            ).map { row in
                let key: String? = row["respondent_key"]
                return SelfRating(
                    line: row["line"], level: key == nil ? .institution : .teacher, institution: row["institution"], respondentKey: key,
                    area: row["area"], rating: row["rating"])
            }
        }
    }

    /// Free-text answers of one institution's counted responses, in import order.
    public func comments(wave: String, institution: String, item: String) throws -> [String] {
        try read { db in
            try String.fetchAll(
                db,
                sql: ThroughRanges.comments, arguments: [wave, institution, item])
        }
    }

    public func register(wave: String) throws -> [Institution] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT code, name, type, teachers FROM institution WHERE wave_id = ? ORDER BY code",
                arguments: [wave]
            ).map { Institution(code: $0[0], name: $0[1], type: $0[2], teachers: $0[3]) }
        }
    }

    /// A file's superseded responses, counted in the partial index of them (`v12-response-ranges`).
    package static let supersededOfSource = "SELECT count(*) FROM response WHERE source_id = ? AND superseded"

    public func sources(wave: String) throws -> [SourceSummary] {
        try read { db in
            let sources = try SourceRecord.filter(Column("wave_id") == wave).order(Column("id")).fetchAll(db)
            return try sources.map { source in
                let superseded =
                    try Int.fetchOne(
                        db, sql: Self.supersededOfSource,
                        arguments: [source.id]) ?? 0
                return SourceSummary(
                    description: SourceDescription(
                        fileName: source.fileName, sha256: source.sha256, kind: source.kind,
                        instrument: source.instrumentId ?? "", format: source.format,
                        encoding: source.encoding, delimiter: source.delimiter),
                    rowsRead: source.rowsRead, rowsAccepted: source.rowsAccepted,
                    rowsQuarantined: source.rowsQuarantined, rowsSuperseded: superseded)
            }
        }
    }

    public func quarantine(wave: String) throws -> [QuarantineEntry] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.file_name, q.line, q.column_name, q.value, q.reason, q.reason_code, q.reason_arguments
                    FROM quarantine q JOIN source s ON s.id = q.source_id
                    WHERE s.wave_id = ? ORDER BY s.id, q.line
                    """, arguments: [wave]
            ).map {
                QuarantineEntry(
                    fileName: $0["file_name"],
                    row: QuarantinedRow(
                        line: $0["line"], column: $0["column_name"], value: $0["value"],
                        reason: StoredQuarantineReason.read(text: $0["reason"], code: $0["reason_code"], arguments: $0["reason_arguments"]))
                )
            }
        }
    }

    /// Answers that matched no label (SPEC 9), in file and line order.
    public func unreadableAnswers(wave: String) throws -> [UnreadableEntry] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.file_name, u.line, u.item_id, u.column_name, u.value
                    FROM unreadable_answer u JOIN source s ON s.id = u.source_id
                    WHERE s.wave_id = ? ORDER BY s.id, u.line, u.id
                    """, arguments: [wave]
            ).map {
                UnreadableEntry(
                    fileName: $0["file_name"],
                    answer: UnreadableAnswer(line: $0["line"], itemID: $0["item_id"], column: $0["column_name"], value: $0["value"]))
            }
        }
    }

    /// The ids of the stored waves, oldest first: what most callers of `waves()` need, without
    /// counting every wave's responses.
    public func waveIDs() throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT id FROM wave ORDER BY start_year, term = 'spring'")
        }
    }

    public func waves() throws -> [WaveSummary] {
        try read { db in
            try WaveSummary.fetchAll(
                db,
                sql: ThroughRanges.waves)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try plain { try writer.read(body) }
    }
}
