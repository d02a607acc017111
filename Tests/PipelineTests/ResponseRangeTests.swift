import AtbalstsCore
import Foundation
import GRDB
import Store
import TestSupport
import Testing

@testable import Pipeline

/// The wave read straight into a table (`AppDatabase.answerTable`, what scoring counts over) holds
/// exactly the responses `responses` reads, in the same order: each one's answers and institution.
func expectTheTableReadsAsTheResponses(
    _ database: AppDatabase, wave: String, _ instrument: Instrument, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let responses = try database.responses(wave: wave, instrument: instrument)
    let table = try database.answerTable(wave: wave, instrument: instrument)
    #expect(table.count == responses.count, sourceLocation: sourceLocation)
    #expect(table.width == instrument.slots.count, sourceLocation: sourceLocation)
    let values = responses.flatMap(\.values.raw)
    #expect(table.values.count == values.count && table.values.elementsEqual(values), sourceLocation: sourceLocation)
    let institutions = table.institutionIndex.map { table.institutionCodes[Int($0)] }
    #expect(institutions.elementsEqual(responses.lazy.map(\.institution)), sourceLocation: sourceLocation)
    #expect(Set(table.institutionCodes).count == table.institutionCodes.count, "each code numbered once", sourceLocation: sourceLocation)
}

/// `response` has no index besides its ids (`v12-response-ranges`, issue 19): a wave's responses
/// are reached through their sources' id ranges, and SPEC 9's "the latest submission counts" is
/// decided in one walk along them. What a wave reads back must not change.
struct ResponseRangeTests {
    private static let autumn = Wave("2026-27-autumn")!
    private static let spring = Wave("2026-27-spring")!

    private static func needs() throws -> Instrument {
        try Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds")).instrument("needs-v1")
    }

    private static func store(
        _ database: AppDatabase, _ instrument: Instrument, wave: Wave, name: String, fingerprint: String = "f",
        _ responses: [ImportedResponse]
    ) throws {
        let source = SourceDescription(
            fileName: name, sha256: "sha-\(name)", kind: "needs", instrument: instrument.id, format: "generic",
            encoding: "UTF-8", delimiter: ",")
        var batches = stride(from: 0, to: responses.count, by: 700).map {
            Array(responses[$0..<min($0 + 700, responses.count)])
        }[...]
        _ = try database.importSource(
            wave: wave, register: [], sha256: source.sha256, fingerprint: fingerprint, fileName: name, instrument: instrument,
            nextBatch: { batches.popFirst() },
            finish: { SourceEnd(description: source, accepted: responses.count, quarantine: []) })
    }

    /// Files of one wave whose respondents answered up to three times, some without a submission
    /// time and some at the same second: read back, each respondent counts once, with the answer
    /// SPEC 9 picks as a plain reference computes it (the latest time, a missing time before any,
    /// on a tie the later line of the later file), in import order. The same keys in another wave
    /// are that wave's own.
    @Test func theLatestSubmissionCountsAsAPlainReferencePicksIt() throws {
        let workspace = try TestWorkspace()
        let instrument = try Self.needs()
        let database = try AppDatabase(path: workspace.url("atbalsts.sqlite").path)
        var random = SplitMix64(state: 19)
        var files: [[ImportedResponse]] = []
        var line = 0
        for _ in 0..<3 {
            files.append(
                (0..<2_500).map { _ in
                    line += 1
                    var values = AnswerValues(count: instrument.slots.count)
                    values[0] = Int(random.next() % 4)
                    values[1] = line % 4
                    let minute = random.next() % 6
                    return ImportedResponse(
                        line: line + 1, respondentKey: "key-\(random.next() % 4_000)",
                        submittedAt: minute == 0 ? nil : "2026-10-05 10:0\(minute):00", institution: "T0\(random.next() % 5)",
                        values: values, texts: [nil])
                })
        }
        for (index, file) in files.enumerated() {
            try Self.store(database, instrument, wave: Self.autumn, name: "needs-\(index).csv", file)
        }
        try Self.store(database, instrument, wave: Self.spring, name: "spring.csv", Array(files[0].prefix(300)))

        // The reference: every submission in import order; per key the one no later one beats.
        let all = files.flatMap { $0 }
        var newest: [String: Int] = [:]
        for (index, response) in all.enumerated() {
            guard let best = newest[response.respondentKey] else {
                newest[response.respondentKey] = index
                continue
            }
            let earlier = all[best].submittedAt ?? ""
            let later = response.submittedAt ?? ""
            if later >= earlier { newest[response.respondentKey] = index }
        }
        let counted = Set(newest.values)
        let expected = all.indices.filter { counted.contains($0) }.map { all[$0] }
        #expect(expected.count < all.count / 2, "the set has many repeated submissions")
        let read = try database.responses(wave: Self.autumn.id, instrument: instrument)
        #expect(all.count >= AppDatabase.parallelReadMinimum, "the ranges span enough rows to be read in two halves")
        try expectTheTableReadsAsTheResponses(database, wave: Self.autumn.id, instrument)
        try expectTheTableReadsAsTheResponses(database, wave: Self.spring.id, instrument)
        #expect(read.map(\.respondentKey) == expected.map(\.respondentKey))
        #expect(read.map(\.values) == expected.map(\.values))
        #expect(
            try database.responses(wave: Self.spring.id, instrument: instrument).count
                == Set(files[0].prefix(300).map(\.respondentKey)).count)
        let superseded = try database.sources(wave: Self.autumn.id).reduce(0) { $0 + $1.rowsSuperseded }
        #expect(superseded == all.count - expected.count)
        #expect(try database.waves().first { $0.id == Self.autumn.id }?.responses == expected.count)

        // Read again another way, the middle file's earlier reading is replaced: its rows go, the
        // others' flags are decided again over what is left.
        let replaced = files[1].map { response in
            ImportedResponse(
                line: response.line, respondentKey: response.respondentKey + "-new", submittedAt: response.submittedAt,
                institution: response.institution, values: response.values, texts: response.texts)
        }
        try Self.store(database, instrument, wave: Self.autumn, name: "needs-1.csv", fingerprint: "g", replaced)
        let left = files[0] + files[2] + replaced
        var latest: [String: Int] = [:]
        for (index, response) in left.enumerated() {
            if let best = latest[response.respondentKey], (response.submittedAt ?? "") < (left[best].submittedAt ?? "") { continue }
            latest[response.respondentKey] = index
        }
        let kept = Set(latest.values)
        let again = try database.responses(wave: Self.autumn.id, instrument: instrument)
        try expectTheTableReadsAsTheResponses(database, wave: Self.autumn.id, instrument)
        #expect(Set(again.map(\.respondentKey)) == Set(kept.map { left[$0].respondentKey }))
        #expect(again.count == kept.count)
    }

    /// Rows go in `ResponseInserter.groupSize` to a statement and the rest of a batch one at a
    /// time; their ids are worked out from the last one SQLite reports. Batches of every size
    /// around a group's, after another file: each stored row, and each text under its id, is the
    /// response it came from, the file's ids one run recorded on its source.
    @Test func rowsStoredInGroupsKeepTheirOrderIdsAndTexts() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        let instrument = try Self.needs()
        let database = try AppDatabase(path: path)
        let textItems = instrument.textItemIDs
        #expect(textItems.count > 1)
        func responses(_ count: Int, prefix: String) -> [ImportedResponse] {
            (0..<count).map { index in
                var values = AnswerValues(count: instrument.slots.count)
                values[index % instrument.slots.count] = index % 4
                return ImportedResponse(
                    line: index + 2, respondentKey: "\(prefix)-\(index)",
                    submittedAt: index % 5 == 0 ? nil : "2026-10-05 10:00:\(10 + index % 50)", institution: "T0\(index % 7)",
                    values: values,
                    texts: textItems.indices.map { item in (index + item) % 3 == 0 ? "teksts \(prefix) \(index) \(item)" : nil })
            }
        }
        try Self.store(database, instrument, wave: Self.autumn, name: "first.csv", responses(45, prefix: "a"))
        // 0, 1, 31, 32, 33, 63, 64, 65, 100 rows a batch.
        let sizes = [1, 31, 32, 33, 0, 63, 64, 65, 100]
        let file = responses(sizes.reduce(0, +), prefix: "b")
        var rest = file[...]
        var batches = sizes.map { size in
            defer { rest = rest.dropFirst(size) }
            return Array(rest.prefix(size))
        }[...]
        let source = SourceDescription(
            fileName: "second.csv", sha256: "sha-second", kind: "needs", instrument: instrument.id, format: "generic",
            encoding: "UTF-8", delimiter: ",")
        _ = try database.importSource(
            wave: Self.autumn, register: [], sha256: source.sha256, fingerprint: "f", fileName: "second.csv",
            instrument: instrument, nextBatch: { batches.popFirst() },
            finish: { SourceEnd(description: source, accepted: file.count, quarantine: []) })

        let queue = try DatabaseQueue(path: path)
        let (rows, texts, range) = try queue.read { db in
            (
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, line, respondent_key, submitted_at, institution FROM response
                        WHERE source_id = (SELECT id FROM source WHERE file_name = 'second.csv') ORDER BY id
                        """),
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT r.respondent_key, t.item_id, t.text FROM response_text t JOIN response r ON r.id = t.response_id
                        ORDER BY t.response_id, t.item_id
                        """),
                try Row.fetchOne(db, sql: "SELECT first_response, last_response FROM source WHERE file_name = 'second.csv'")
            )
        }
        #expect(rows.count == file.count)
        #expect(rows.map { $0["line"] as Int } == file.map(\.line))
        #expect(rows.map { $0["respondent_key"] as String } == file.map(\.respondentKey))
        #expect(rows.map { $0["submitted_at"] as String? } == file.map(\.submittedAt))
        #expect(rows.map { $0["institution"] as String } == file.map(\.institution))
        let ids = rows.map { $0["id"] as Int64 }
        #expect(ids.first == 46 && ids == Array(ids[0]...(ids[0] + Int64(file.count) - 1)), "one run after the first file's")
        #expect(range?["first_response"] == ids.first && range?["last_response"] == ids.last)
        let expectedTexts = (responses(45, prefix: "a") + file).flatMap { response in
            zip(textItems, response.texts).compactMap { item, text in text.map { [response.respondentKey, item, $0] } }
                .sorted { $0[1] < $1[1] }
        }
        #expect(texts.map { [$0[0] as String, $0[1] as String, $0[2] as String] } == expectedTexts)
        #expect(
            try database.responses(wave: Self.autumn.id, instrument: instrument).map(\.values)
                == (responses(45, prefix: "a") + file).map(\.values))
        try expectTheTableReadsAsTheResponses(database, wave: Self.autumn.id, instrument)
    }

    /// A row whose key is pending (empty) is stored under the key its batch works out for it;
    /// one whose batch has none fails the file rather than storing an empty key.
    @Test func aPendingKeyIsWorkedOutOrTheFileFails() throws {
        struct Keys: PendingKeys {
            func withKey<Result>(ofRow row: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result? {
                guard row % 2 == 0 else { return nil }
                return try Array("later-\(row)".utf8).withUnsafeBufferPointer(body)
            }
        }
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        let instrument = try Self.needs()
        let database = try AppDatabase(path: path)
        let responses = (0..<40).map { index in
            ImportedResponse(
                line: index + 2, respondentKey: index % 2 == 0 ? "" : "now-\(index)", submittedAt: nil, institution: "T01",
                values: AnswerValues(count: instrument.slots.count), texts: [nil])
        }
        func store(_ name: String, _ keys: (any PendingKeys)?) throws {
            let source = SourceDescription(
                fileName: name, sha256: "sha-\(name)", kind: "needs", instrument: instrument.id, format: "generic",
                encoding: "UTF-8", delimiter: ",")
            var batches = [ResponseBatch(responses, pendingKeys: keys)][...]
            _ = try database.importSource(
                wave: Self.autumn, register: [], sha256: source.sha256, fingerprint: "f", fileName: name,
                instrument: instrument, nextPendingBatch: { batches.popFirst() },
                finish: { SourceEnd(description: source, accepted: responses.count, quarantine: []) })
        }
        try store("a.csv", Keys())
        let keys = try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT respondent_key FROM response ORDER BY id") }
        #expect(keys == (0..<40).map { $0 % 2 == 0 ? "later-\($0)" : "now-\($0)" })
        #expect(throws: (any Error).self) { try store("b.csv", nil) }
        let stored = try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM response") }
        #expect(stored == 40, "nothing of the failed file is stored")
    }

    /// Keys are compared as text wherever their hashes meet: with every hash the same, or only
    /// two hashes, the flags come out as the real hash left them. The file is its wave's only
    /// one, so its import marked it from the repeats its inserter found (`SeenHashes`); the
    /// marking run again here walks the wave's rows, and must agree.
    @Test func keysWhoseHashesMeetAreComparedAsText() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        let instrument = try Self.needs()
        let database = try AppDatabase(path: path)
        var random = SplitMix64(state: 23)
        // Enough keys that the inserter's table of hashes (`SeenHashes`) grows twice.
        let responses = (0..<6_000).map { index in
            let second = random.next() % 3
            return ImportedResponse(
                line: index + 2, respondentKey: "key-\(random.next() % 2_500)",
                submittedAt: second == 0 ? nil : "2026-10-05 10:00:0\(second)", institution: "T01",
                values: AnswerValues(count: instrument.slots.count), texts: [nil])
        }
        try Self.store(database, instrument, wave: Self.autumn, name: "a.csv", responses)
        let queue = try DatabaseQueue(path: path)
        let flags = { try queue.read { try Row.fetchAll($0, sql: "SELECT id, superseded FROM response ORDER BY id") } }
        let stored = try flags()
        #expect(stored.filter { $0["superseded"] as Bool }.count == 6_000 - Set(responses.map(\.respondentKey)).count)
        for hash: @Sendable (UnsafeRawBufferPointer) -> UInt64 in [{ _ in 7 }, { UInt64($0.count % 2) }] {
            try queue.write { try AppDatabase.markSuperseded($0, waveID: Self.autumn.id, instrument: instrument.id, hash: hash) }
            #expect(try flags() == stored)
        }
    }

    /// The same teachers answering two questionnaires in one wave: each questionnaire's answers
    /// count for it, and neither replaces the other's. Within each, the latest still counts.
    @Test func anotherQuestionnaireSupersedesNothing() throws {
        let workspace = try TestWorkspace()
        let needs = try Self.needs()
        let other = Instrument(id: "needs-other", title: needs.title, items: needs.items, needAreas: needs.needAreas)
        let database = try AppDatabase(path: workspace.url("atbalsts.sqlite").path)
        func responses(_ count: Int, at time: String, twice: Bool = false) -> [ImportedResponse] {
            (0..<count).flatMap { index in
                (0..<(twice ? 2 : 1)).map { copy in
                    var values = AnswerValues(count: needs.slots.count)
                    values[0] = copy
                    return ImportedResponse(
                        line: 2 * index + copy + 2, respondentKey: "k\(index)", submittedAt: time, institution: "T01",
                        values: values, texts: [nil])
                }
            }
        }
        try Self.store(database, needs, wave: Self.autumn, name: "needs.csv", responses(40, at: "2026-10-05 10:00:00"))
        try Self.store(database, other, wave: Self.autumn, name: "other.csv", responses(40, at: "2026-10-06 10:00:00", twice: true))
        #expect(try database.responses(wave: Self.autumn.id, instrument: needs).count == 40)
        let others = try database.responses(wave: Self.autumn.id, instrument: other)
        #expect(others.count == 40)
        #expect(others.allSatisfy { $0.values[0] == 1 }, "the later of each pair counts")
        // Read again another way, the other questionnaire's file leaves the first one's as they were.
        try Self.store(database, other, wave: Self.autumn, name: "other.csv", fingerprint: "g", responses(40, at: "2026-10-07 10:00:00"))
        #expect(try database.responses(wave: Self.autumn.id, instrument: needs).count == 40)
        #expect(try database.sources(wave: Self.autumn.id).map(\.rowsSuperseded) == [0, 0])
    }

    /// A run scores the files it has just imported from their answers as inserted, not read
    /// back: the connection that imported them answers from what it kept (here, a change made
    /// behind its back does not show), another connection reads the rows. Rows superseded by a
    /// later file are left out either way; a file imported elsewhere is read.
    @Test func answersImportedHereAreNotReadBack() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        let instrument = try Self.needs()
        let database = try AppDatabase(path: path)
        func responses(_ prefix: String, _ count: Int, time: String, value: Int) -> [ImportedResponse] {
            (0..<count).map { index in
                var values = AnswerValues(count: instrument.slots.count)
                values[0] = value
                return ImportedResponse(
                    line: index + 2, respondentKey: "\(prefix)\(index)", submittedAt: time, institution: "T0\(index % 3)",
                    values: values, texts: [nil])
            }
        }
        try Self.store(database, instrument, wave: Self.autumn, name: "a.csv", responses("k", 30, time: "2026-10-05 10:00:00", value: 1))
        try Self.store(database, instrument, wave: Self.autumn, name: "b.csv", responses("k", 10, time: "2026-10-06 10:00:00", value: 2))
        try expectTheTableReadsAsTheResponses(database, wave: Self.autumn.id, instrument)
        let kept = try database.answerTable(wave: Self.autumn.id, instrument: instrument)
        #expect(kept.count == 30, "ten of a.csv's rows superseded by b.csv's")
        #expect((0..<kept.count).map { kept.values[$0 * kept.width] } == Array(repeating: 1, count: 20) + Array(repeating: 2, count: 10))

        try DatabaseQueue(path: path).write { db in
            var three = [Int16](repeating: AnswerValues.missing, count: instrument.slots.count)
            three[0] = 3
            try db.execute(sql: "UPDATE response SET answers = ?", arguments: [three.withUnsafeBytes { Data($0) }])
        }
        #expect(try database.answerTable(wave: Self.autumn.id, instrument: instrument).values == kept.values)
        let other = try AppDatabase(path: path)
        #expect(
            try other.answerTable(wave: Self.autumn.id, instrument: instrument).values.allSatisfy { $0 == 3 || $0 == AnswerValues.missing })

        // A file imported through the other connection: this one has not kept it, and reads the wave.
        try Self.store(other, instrument, wave: Self.autumn, name: "c.csv", responses("c", 5, time: "2026-10-07 10:00:00", value: 3))
        let mixed = try database.answerTable(wave: Self.autumn.id, instrument: instrument)
        #expect(mixed.count == 35)
        #expect((0..<mixed.count).allSatisfy { mixed.values[$0 * mixed.width] == 3 })
    }

    /// A key the HMAC made (64 hex digits) hashes to its first 16 digits read as a number; any
    /// other key to FNV-1a of its bytes.
    @Test func aKeysHashIsItsFirstDigitsOrFNV() {
        func hash(_ text: String) -> UInt64 { Array(text.utf8).withUnsafeBytes { AppDatabase.keyHash($0) } }
        func fnv(_ text: String) -> UInt64 { Array(text.utf8).withUnsafeBytes { AppDatabase.fnv1a($0) } }
        let key = "0123456789abcdef" + String(repeating: "f", count: 48)
        #expect(hash(key) == 0x0123_4567_89ab_cdef)
        #expect(hash(String(repeating: "0", count: 15) + "1" + String(repeating: "9", count: 48)) == 1)
        for other in [
            "r-0123456789abcdef0123456789abcdef", "0123456789ABCDEF" + String(repeating: "f", count: 48), String(key.dropLast()), key + "0",
        ] {
            #expect(hash(other) == fnv(other), "\(other)")
        }
    }

    /// The rows whose hashes are among those met twice: hashes that share their low bits with one
    /// of them are not taken for it.
    @Test func rowsOfRepeatedHashesAreFoundByTheWholeHash() {
        let hashes: [UInt64] = [1, 0x1_0001, 2, 1, 0xFFFF_0000_0000_0002, 7, 2]
        #expect(AppDatabase.rows(of: hashes, in: [1, 2]) == [0, 2, 3, 6])
        #expect(AppDatabase.rows(of: hashes, in: [0x1_0001]) == [1])
        #expect(AppDatabase.rows(of: hashes, in: []) == [])
        var random = SplitMix64(state: 5)
        let many = (0..<5_000).map { _ in random.next() % 100_000 }
        let wanted = Set(many.prefix(40))
        #expect(AppDatabase.rows(of: many, in: wanted) == many.indices.filter { wanted.contains(many[$0]) })
    }

    /// The wave's only file, some of whose respondents answered twice: its kept answers lose the
    /// superseded rows in place, and read as the responses, twice over. A later file that
    /// supersedes more of them makes the wave read from its rows, still as the responses.
    @Test func theOnlyFilesSupersededRowsAreTakenOutInPlace() throws {
        let workspace = try TestWorkspace()
        let instrument = try Self.needs()
        let database = try AppDatabase(path: workspace.url("atbalsts.sqlite").path)
        func responses(_ count: Int, time: String, value: Int) -> [ImportedResponse] {
            (0..<count).map { index in
                var values = AnswerValues(count: instrument.slots.count)
                values[0] = value
                values[1] = index % 4
                return ImportedResponse(
                    line: index + 2, respondentKey: "k\(index % 70)", submittedAt: time,
                    institution: index < 3 ? "T09" : "T0\(index % 3)", values: values, texts: [nil])
            }
        }
        // Rows 70… repeat the keys of rows 0…, among them the only rows of T09 and the first of T01.
        try Self.store(database, instrument, wave: Self.autumn, name: "a.csv", responses(100, time: "2026-10-05 10:00:00", value: 1))
        try expectTheTableReadsAsTheResponses(database, wave: Self.autumn.id, instrument)
        let first = try database.answerTable(wave: Self.autumn.id, instrument: instrument)
        #expect(first.count == 70)
        #expect(!first.institutionCodes.contains("T09"), "a code whose rows all went is gone")
        let again = try database.answerTable(wave: Self.autumn.id, instrument: instrument)
        #expect(again.values == first.values && again.institutionCodes == first.institutionCodes)
        try Self.store(database, instrument, wave: Self.autumn, name: "b.csv", responses(80, time: "2026-10-06 10:00:00", value: 2))
        try expectTheTableReadsAsTheResponses(database, wave: Self.autumn.id, instrument)
        let later = try database.answerTable(wave: Self.autumn.id, instrument: instrument)
        #expect(later.count == 70)
        #expect(later.values.enumerated().filter { $0.offset % later.width == 0 }.allSatisfy { $0.element == 2 })
    }

    /// A database made before the ranges (two indexes on `response`, no range on the source row)
    /// gets them when opened, and reads back exactly what it read before. A range that holds
    /// another source's rows (never made by an import, made here by hand) still reads only its
    /// own source's rows.
    @Test func aDatabaseFromBeforeTheRangesReadsTheSame() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        let instrument = try Self.needs()
        let database = try AppDatabase(path: path)
        func responses(_ name: String, _ count: Int) -> [ImportedResponse] {
            (0..<count).map { index in
                var values = AnswerValues(count: instrument.slots.count)
                values[2] = index % 4
                return ImportedResponse(
                    line: index + 2, respondentKey: "\(name)-\(index)", submittedAt: "2026-10-05 10:00:00",
                    institution: "T01", values: values, texts: [nil])
            }
        }
        try Self.store(database, instrument, wave: Self.autumn, name: "a.csv", responses("a", 40))
        try Self.store(database, instrument, wave: Self.autumn, name: "b.csv", responses("b", 30))
        try Self.store(database, instrument, wave: Self.spring, name: "c.csv", responses("c", 20))
        let before = try database.responses(wave: Self.autumn.id, instrument: instrument)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            // One of a.csv's responses moved to an id after b.csv's: a's range now spans b's rows.
            try db.execute(sql: "UPDATE response SET id = (SELECT max(id) + 1000 FROM response) WHERE id = (SELECT min(id) FROM response)")
            try db.execute(sql: "DROP INDEX response_superseded")
            try db.execute(sql: "ALTER TABLE source DROP COLUMN first_response")
            try db.execute(sql: "ALTER TABLE source DROP COLUMN last_response")
            try db.execute(sql: "CREATE INDEX response_on_wave_respondent ON response (wave_id, respondent_key)")
            try db.execute(sql: "CREATE INDEX response_on_wave ON response (wave_id)")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v12-response-ranges'")
        }
        let reopened = try AppDatabase(path: path)
        let indexes = try queue.read {
            try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'response'")
        }
        #expect(indexes.filter { !$0.hasPrefix("sqlite_autoindex") } == ["response_superseded"])
        let ranges = try queue.read {
            try Row.fetchAll($0, sql: "SELECT file_name, first_response, last_response FROM source ORDER BY id")
                .map { [$0[0] as String, String($0[1] as Int64), String($0[2] as Int64)] }
        }
        #expect(ranges.count == 3 && Int64(ranges[0][2])! > Int64(ranges[1][2])!, "a.csv's range spans b.csv's")
        let after = try reopened.responses(wave: Self.autumn.id, instrument: instrument)
        #expect(after.count == 70)
        try expectTheTableReadsAsTheResponses(reopened, wave: Self.autumn.id, instrument)
        #expect(Set(after.map(\.respondentKey)) == Set(before.map(\.respondentKey)))
        #expect(try reopened.responses(wave: Self.spring.id, instrument: instrument).map(\.respondentKey) == (0..<20).map { "c-\($0)" })
        #expect(try reopened.sources(wave: Self.autumn.id).map(\.rowsSuperseded) == [0, 0])
        // And it goes on: a new file's range is recorded by its import.
        try Self.store(reopened, instrument, wave: Self.spring, name: "d.csv", responses("d", 5))
        #expect(try reopened.responses(wave: Self.spring.id, instrument: instrument).count == 25)
    }

    /// Every query that reaches responses through the ranges walks each range along the ids:
    /// no scan of `response`, and no throw-away index SQLite would build by scanning every wave.
    /// A file's superseded rows are counted in their partial index, not by a walk.
    @Test func everyQueryWalksTheRangesAlongTheIds() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        let instrument = try Self.needs()
        let database = try AppDatabase(path: path)
        let responses = (0..<50).map { index in
            ImportedResponse(
                line: index + 2, respondentKey: "k\(index)", submittedAt: nil, institution: "T01",
                values: AnswerValues(count: instrument.slots.count), texts: [index % 2 == 0 ? "teksts" : nil])
        }
        try Self.store(database, instrument, wave: Self.autumn, name: "a.csv", responses)
        try DatabaseQueue(path: path).read { db in
            for sql in [AppDatabase.supersededOfSource, AppDatabase.supersededIDsOfSource] {
                let details = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: [1]).map { $0["detail"] as String }
                #expect(details.count == 1, "\(details)")
                #expect(
                    details.allSatisfy { $0.hasPrefix("SEARCH response USING") && $0.hasSuffix("INDEX response_superseded (source_id=?)") })
            }
            for sql in ThroughRanges.all {
                let unbound = StatementArguments(Array(repeating: DatabaseValue.null, count: sql.filter { $0 == "?" }.count))
                let details = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: unbound).map { $0["detail"] as String }
                #expect(details.contains { $0.hasPrefix("SEARCH r USING INTEGER PRIMARY KEY") }, "\(sql): \(details)")
                #expect(
                    !details.contains { $0.hasPrefix("SEARCH r ") && $0.contains("AUTOMATIC") || $0.hasPrefix("SCAN r") },
                    "\(sql): \(details)")
            }
        }
    }
}
