import GRDB
import GRDBSQLite

/// The ids one source's responses were stored under: one run, since a file is stored in one
/// transaction by the one writer (`v12-response-ranges`). `response` has no index besides its ids,
/// so every read of a wave goes through its sources' ranges; each read also checks the row's
/// source, so a range is only a way in, never what decides which rows are read.
struct ResponseRange: Sendable, Equatable {
    let source: Int64
    let first: Int64
    let last: Int64

    /// Ids the range spans (superseded rows included).
    var span: Int64 { last - first + 1 }

    func clipped(to ids: ClosedRange<Int64>) -> ResponseRange? {
        let low = max(first, ids.lowerBound)
        let high = min(last, ids.upperBound)
        return low <= high ? ResponseRange(source: source, first: low, last: high) : nil
    }

    /// The sources of a wave with stored responses, of one instrument or of any, in import order.
    static func of(wave: String, instrument: String?, in db: Database) throws -> [ResponseRange] {
        let rows =
            if let instrument {
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, first_response, last_response FROM source
                        WHERE wave_id = ? AND instrument_id = ? AND first_response IS NOT NULL ORDER BY first_response
                        """, arguments: [wave, instrument])
            } else {
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, first_response, last_response FROM source
                        WHERE wave_id = ? AND first_response IS NOT NULL ORDER BY first_response
                        """, arguments: [wave])
            }
        return rows.map { ResponseRange(source: $0[0], first: $0[1], last: $0[2]) }
    }

    /// The ranges cut in two at about half their ids, for reading a large wave on two connections.
    static func halves(_ ranges: [ResponseRange]) -> (first: [ResponseRange], second: [ResponseRange]) {
        let half = ranges.reduce(0) { $0 + $1.span } / 2
        var seen: Int64 = 0
        for range in ranges {
            if seen + range.span > half {
                let middle = range.first + (half - seen)
                return (
                    ranges.compactMap { $0.clipped(to: Int64.min...(middle - 1)) },
                    ranges.compactMap { $0.clipped(to: middle...Int64.max) }
                )
            }
            seen += range.span
        }
        return (ranges, [])
    }
}

/// The queries that reach responses through their sources' ranges: `s` the source, `r` its
/// responses. CROSS JOIN keeps the sources as the outer loop, so each range is one walk along
/// `response`'s ids; a `+` before a column of `r` keeps SQLite from building a throw-away index
/// on it (a scan of every wave) instead. `ResponseRangeTests` checks each plan.
package enum ThroughRanges {
    package static let join = """
        source s CROSS JOIN response r ON r.id BETWEEN s.first_response AND s.last_response AND +r.source_id = s.id
        """
    /// Arguments: instrument id.
    package static let answersOfInstrument = "SELECT count(*) FROM \(join) WHERE s.instrument_id = ?"
    /// Arguments: wave, institution, text item.
    package static let comments = """
        SELECT t.text FROM \(join) CROSS JOIN response_text t ON t.response_id = r.id
        WHERE s.wave_id = ? AND +r.institution = ? AND t.item_id = ? AND NOT r.superseded ORDER BY r.id
        """
    package static let waves = """
        SELECT w.id,
          (SELECT count(*) FROM source s WHERE s.wave_id = w.id) AS sources,
          (SELECT count(*) FROM \(join) WHERE s.wave_id = w.id AND NOT r.superseded) AS responses,
          (SELECT count(*) FROM quarantine q JOIN source s ON s.id = q.source_id
           WHERE s.wave_id = w.id) AS quarantined
        FROM wave w ORDER BY w.start_year, w.term = 'spring'
        """
    /// Arguments: wave, instrument, the wave before, instrument.
    package static let returning = """
        SELECT count(DISTINCT r.respondent_key) FROM \(join)
        WHERE s.wave_id = ? AND s.instrument_id = ? AND NOT r.superseded
          AND r.respondent_key IN (
            SELECT r.respondent_key FROM \(join)
            WHERE s.wave_id = ? AND s.instrument_id = ? AND NOT r.superseded)
        """
    package static let all = [answersOfInstrument, comments, waves, returning]
}

/// The hashes of one file's keys, in the order of its ids from `first`, and those met more than
/// once among them.
package struct HashedKeys: Sendable {
    let source: Int64
    let first: Int64
    let hashes: [UInt64]
    let repeated: Set<UInt64>
}

/// Which 64-bit hashes have been met: open addressing on the hashes themselves, so a file's keys
/// are told apart as they are stored, in the inserting thread's spare time, and marking the
/// superseded rows of a file that is its wave's only one needs no pass of its own over them.
struct SeenHashes {
    private var slots = [UInt64](repeating: 0, count: 1 << 12)
    private var count = 0
    /// 0 marks an empty slot, so the hash 0 is kept apart.
    private var zeroSeen = false

    /// True when `hash` was not met before.
    mutating func insert(_ hash: UInt64) -> Bool {
        if hash == 0 {
            defer { zeroSeen = true }
            return !zeroSeen
        }
        if (count + 1) * 2 > slots.count { grow() }
        if place(hash) {
            count += 1
            return true
        }
        return false
    }

    /// Inserts each of `hashes`, calling `metBefore` with those met before. Their slots are read
    /// first, all of them: independent loads, which the processor overlaps, so that the inserts
    /// after them mostly find their slots in the cache.
    mutating func insert(contentsOf hashes: UnsafeBufferPointer<UInt64>, metBefore: (UInt64) -> Void) {
        if (count + hashes.count) * 2 > slots.count { reserve(count + hashes.count) }
        var touched: UInt64 = 0
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            for hash in hashes { touched ^= slots[Self.home(hash) & mask] }
        }
        // Kept, or the loads above would be left out as unused.
        touchedSink ^= touched
        for hash in hashes where !insert(hash) { metBefore(hash) }
    }

    /// Fibonacci hashing: the product's high bits pick the slot, whatever the low bits hold.
    @inline(__always) private static func home(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32)
    }
    /// Where the slots read ahead of their inserts are folded, so that the reads are made.
    private var touchedSink: UInt64 = 0

    /// False when it was there already.
    private mutating func place(_ hash: UInt64) -> Bool {
        let mask = slots.count - 1
        var slot = Self.home(hash) & mask
        while slots[slot] != 0 {
            if slots[slot] == hash { return false }
            slot = (slot + 1) & mask
        }
        slots[slot] = hash
        return true
    }

    private mutating func grow() { resize(slots.count * 2) }

    /// Room for `count` hashes without growing (a table at most half full).
    mutating func reserve(_ count: Int) {
        var size = slots.count
        while size < 2 * count { size *= 2 }
        if size > slots.count { resize(size) }
    }

    private mutating func resize(_ size: Int) {
        let old = slots
        slots = [UInt64](repeating: 0, count: size)
        for hash in old where hash != 0 { _ = place(hash) }
    }
}

extension AppDatabase {
    /// A file's superseded rows, from their partial index.
    package static let supersededIDsOfSource = "SELECT id FROM response WHERE source_id = ? AND superseded"

    /// SPEC 9: of two submissions of one respondent in one wave, the latest counts (the later
    /// `submitted_at`, a missing one before any; on a tie the later import); the earlier stays
    /// stored, marked superseded. Submissions of one questionnaire: an answer to another
    /// instrument in the same wave replaces none of this one's (it did, and a wave whose
    /// teachers answered two questionnaires lost every response of the first).
    ///
    /// Without an index on keys, the wave's keys are hashed in one walk along its ranges, and
    /// only keys whose hashes meet are compared as text; `hash` is replaceable so that a test can
    /// make every key collide. `known`: the file just stored, whose keys' hashes its inserter
    /// kept (`keyHash`), so its rows are not read back; when it is the only file of its wave and
    /// questionnaire, the hashes it met twice are known too.
    package static func markSuperseded(
        _ db: Database, waveID: String, instrument: String, known: HashedKeys? = nil,
        hash: (UnsafeRawBufferPointer) -> UInt64 = keyHash
    ) throws {
        let ranges = try ResponseRange.of(wave: waveID, instrument: instrument, in: db)
        // The rows marked now, from the partial index of them.
        let flagged = try db.makeStatement(sql: supersededIDsOfSource)
        var marked = Set<Int64>()
        let candidates: [Int64]
        if let known, ranges.count == 1,
            ranges[0] == ResponseRange(source: known.source, first: known.first, last: known.first + Int64(known.hashes.count) - 1)
        {
            // The wave's only file, whose repeated hashes its inserter has found.
            try marked.formUnion(Int64.fetchAll(flagged, arguments: [known.source]))
            candidates = Self.rows(of: known.hashes, in: known.repeated).map { known.first + Int64($0) }
        } else {
            candidates = try candidatesOfWave(db, ranges, flagged: flagged, marked: &marked, known: known, hash: hash)
        }
        try markNewest(db, of: candidates, marked: marked)
    }

    /// The positions in `hashes` of those in `wanted` (a few, mostly): a bit per 16 low bits
    /// turns most away before the set hashes them (300,000 look-ups in the set were 10 ms of a
    /// run's single-threaded end).
    package static func rows(of hashes: [UInt64], in wanted: Set<UInt64>) -> [Int] {
        guard !wanted.isEmpty else { return [] }
        var maybe = [Bool](repeating: false, count: 1 << 16)
        for hash in wanted { maybe[Int(hash & 0xFFFF)] = true }
        return maybe.withUnsafeBufferPointer { maybe in
            hashes.indices.filter { maybe[Int(hashes[$0] & 0xFFFF)] && wanted.contains(hashes[$0]) }
        }
    }

    /// The ids of rows whose keys' hashes meet another row's, over every range of the wave.
    private static func candidatesOfWave(
        _ db: Database, _ ranges: [ResponseRange], flagged: Statement, marked: inout Set<Int64>, known: HashedKeys?,
        hash: (UnsafeRawBufferPointer) -> UInt64
    ) throws -> [Int64] {
        let scan = try db.makeStatement(sql: "SELECT id, respondent_key FROM response WHERE id BETWEEN ? AND ? AND source_id = ?")
        var hashed: [(hash: UInt64, id: Int64)] = []
        for range in ranges {
            try marked.formUnion(Int64.fetchAll(flagged, arguments: [range.source]))
            // A file's ids are one run (one transaction, one writer); if not, its rows are read.
            if let known, known.source == range.source, range.span == known.hashes.count {
                hashed += known.hashes.enumerated().map { ($1, known.first + Int64($0)) }
                continue
            }
            try scan.setArguments([range.first, range.last, range.source])
            try stepRows(scan, db) { handle in
                let key = sqlite3_column_text(handle, 1)
                let length = Int(sqlite3_column_bytes(handle, 1))
                hashed.append((hash(UnsafeRawBufferPointer(start: key, count: length)), sqlite3_column_int64(handle, 0)))
            }
        }
        // The hashes met more than once, found by sorting: inserting 300,000 of them into a Set
        // hashed each one again.
        var sorted = hashed.map(\.hash)
        sorted.sort()
        var repeated = Set<UInt64>()
        for index in sorted.indices.dropFirst() where sorted[index] == sorted[index - 1] { repeated.insert(sorted[index]) }
        return repeated.isEmpty ? [] : hashed.filter { repeated.contains($0.hash) }.map(\.id)
    }

    /// Of the rows whose keys' hashes meet (`candidates`), compared by key as text, each key's
    /// latest counts and the others are superseded; only flags that change are written.
    private static func markNewest(_ db: Database, of candidates: [Int64], marked: Set<Int64>) throws {
        var newest: [String: (submitted: [UInt8]?, id: Int64)] = [:]
        var keyOf: [Int64: String] = [:]
        let fetch = try db.makeStatement(sql: "SELECT respondent_key, submitted_at FROM response WHERE id = ?")
        for id in candidates {
            let row = try Row.fetchOne(fetch, arguments: [id])!
            let key: String = row[0]
            let submitted = (row[1] as String?).map { Array($0.utf8) }
            keyOf[id] = key
            if let best = newest[key], !isLater((submitted, id), than: best) { continue }
            newest[key] = (submitted, id)
        }
        let superseded = Set(candidates.filter { newest[keyOf[$0]!]!.id != $0 })
        let update = try db.makeStatement(sql: "UPDATE response SET superseded = ? WHERE id = ?")
        for id in marked.subtracting(superseded).sorted() { try update.execute(arguments: [false, id]) }
        for id in superseded.subtracting(marked).sorted() { try update.execute(arguments: [true, id]) }
    }

    /// SQLite's order of `submitted_at DESC, id DESC`: text as bytes, a missing time before any.
    private static func isLater(_ a: (submitted: [UInt8]?, id: Int64), than b: (submitted: [UInt8]?, id: Int64)) -> Bool {
        switch (a.submitted, b.submitted) {
        case (nil, nil): return a.id > b.id
        case (nil, _): return false
        case (_, nil): return true
        case (let x?, let y?): return x == y ? a.id > b.id : y.lexicographicallyPrecedes(x)
        }
    }

    /// A respondent key's hash. A key the HMAC made is 64 hex digits, already evenly spread: its
    /// first 16 read as a number are the hash (FNV-1a over the 64 bytes, a multiply per byte one
    /// after another, was ~5 % of the storing thread at 300,000 rows). Any other key is hashed
    /// with FNV-1a. Two keys of one hash are told apart as text wherever hashes meet.
    package static func keyHash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        guard bytes.count == 64 else { return fnv1a(bytes) }
        var value: UInt64 = 0
        for index in 0..<16 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case 48...57: digit = byte - 48
            case 97...102: digit = byte - 87
            default: return fnv1a(bytes)
            }
            value = value << 4 | UInt64(digit)
        }
        return value
    }

    package static func fnv1a(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// Steps a statement whose arguments are set, handing each row to `row`.
    static func stepRows(_ statement: Statement, _ db: Database, _ row: (SQLiteStatement) throws -> Void) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            try row(handle)
        }
    }
}
