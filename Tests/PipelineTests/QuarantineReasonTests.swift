import AtbalstsCore
import Foundation
import GRDB
import Testing

@testable import Pipeline
@testable import Reports
@testable import Store

/// Quarantine reasons cross the modules as `QuarantineReason` values, are stored as a code and
/// arguments, and become words in one switch (Reports/QuarantineReasonText.swift).
struct QuarantineReasonTests {
    /// One example per case. The switch has no `default`: a new case does not compile here until
    /// it has an example, so it cannot escape the tests below.
    static let examples: [QuarantineReason] = {
        let all: [QuarantineReason] = [
            .wrongFieldCount(expected: 43, found: 3), .incompleteResponse, .noInstitution, .unknownInstitution,
            .undecodableByte(byte: 0xFF, byteOffset: 71967, encoding: "UTF-8"), .nulByte(byteOffset: 12),
            .unknownNeedArea, .noRating, .unknownRatingLabel, .ratingOutOfRange(value: 7, lowest: 1, highest: 4),
            .noNeedArea, .unknownPlanStatus, .unknownLearningArea, .legacy("unknown institution"),
        ]
        func index(_ reason: QuarantineReason) -> Int {
            switch reason {
            case .wrongFieldCount: 0
            case .incompleteResponse: 1
            case .noInstitution: 2
            case .unknownInstitution: 3
            case .undecodableByte: 4
            case .nulByte: 5
            case .unknownNeedArea: 6
            case .noRating: 7
            case .unknownRatingLabel: 8
            case .ratingOutOfRange: 9
            case .noNeedArea: 10
            case .unknownPlanStatus: 11
            case .unknownLearningArea: 12
            case .legacy: 13
            }
        }
        precondition(all.map(index) == Array(0...13), "one example per case, in declaration order")
        return all
    }()

    /// The English texts are the prose the database held before reason codes, word for word:
    /// `<wave>-rejected.csv` reads as before.
    @Test func englishIsTheProseOfBefore() {
        #expect(
            Self.examples.map { $0.text(.en) } == [
                "expected 43 fields, found 3", "incomplete response (no submit date)", "no institution given",
                "unknown institution", "undecodable byte 0xFF at byte offset 71967 (not UTF-8)", "NUL byte at byte offset 12",
                "unknown need area", "no rating given", "unknown rating label", "value 7 out of range 1–4",
                "no need area given", "unknown plan status", "unknown learning area", "unknown institution",
            ])
    }

    /// Every case has a Latvian text of its own with no English word in it. The English words are
    /// taken from the English texts; names that are the same in both (NUL, UTF-8, 0xFF) are not words.
    @Test(arguments: examples.filter { if case .legacy = $0 { false } else { true } })
    func latvianHasNoEnglishWord(reason: QuarantineReason) {
        let names: Set<String> = ["nul", "utf", "xff"]
        func words(_ text: String) -> Set<String> {
            let all: [String] = text.lowercased().split { !$0.isLetter }.map(String.init)
            return Set(all.filter { $0.count > 1 && !names.contains($0) })
        }
        let english = Self.examples.reduce(into: Set<String>()) { $0.formUnion(words($1.text(.en))) }
        let latvian = reason.text(.lv)
        #expect(latvian != reason.text(.en))
        #expect(!latvian.isEmpty)
        #expect(words(latvian).isDisjoint(with: english), "\(latvian)")
        for argument in reason.arguments where Int(argument) != nil && argument.count > 3 {
            #expect(latvian.contains(argument), "the numbers are shown: \(latvian)")
        }
    }

    /// A reason stored as prose by an earlier version is shown as stored, and marked in Latvian.
    @Test func legacyProseIsShownAsStored() {
        #expect(QuarantineReason.legacy("unknown institution").text(.en) == "unknown institution")
        #expect(QuarantineReason.legacy("unknown institution").text(.lv) == "unknown institution (saglabāts angliski)")
    }

    /// Every case comes back from the database as it went in.
    @Test func reasonsRoundTripThroughTheDatabase() throws {
        let workspace = try TestWorkspace()
        let database = try AppDatabase(path: workspace.url("atbalsts.sqlite").path)
        let rows = Self.examples.enumerated().map { QuarantinedRow(line: $0.offset + 2, column: nil, value: nil, reason: $0.element) }
        try Self.store(rows, in: database)
        #expect(try database.quarantine(wave: "2026-27-autumn").map(\.row.reason) == Self.examples)
    }

    /// A database written before migration "v6-quarantine-codes" keeps its prose: it reads back as
    /// `.legacy`; and a code this version does not know reads as `.legacy` with its stored text.
    @Test func proseAndUnknownCodesReadAsLegacy() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("old.sqlite").path
        let old = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(old, upTo: "v5-read-fingerprint-unreadable")
        try old.write { db in
            try db.execute(sql: "INSERT INTO wave (id, start_year, term, created_at) VALUES ('2026-27-autumn', 2026, 'autumn', '')")
            try db.execute(
                sql: """
                    INSERT INTO source (id, wave_id, file_name, sha256, kind, format, encoding, delimiter,
                        rows_read, rows_accepted, rows_quarantined, imported_at)
                    VALUES (1, '2026-27-autumn', 'old.csv', 'sha', 'needs', 'generic', 'UTF-8', ',', 2, 0, 2, '')
                    """)
            try db.execute(sql: "INSERT INTO quarantine (source_id, line, reason) VALUES (1, 2, 'expected 43 fields, found 3')")
            try db.execute(sql: "INSERT INTO quarantine (source_id, line, reason) VALUES (1, 3, 'unknown institution')")
        }
        try old.close()
        let database = try AppDatabase(path: path)
        try database.writer.write { db in
            try db.execute(
                sql: "INSERT INTO quarantine (source_id, line, reason, reason_code, reason_arguments) VALUES (1, 4, 'later', 'later', '[]')"
            )
        }
        #expect(
            try database.quarantine(wave: "2026-27-autumn").map(\.row.reason) == [
                .legacy("expected 43 fields, found 3"), .legacy("unknown institution"), .legacy("later"),
            ])
    }

    /// A file refused for its quarantined rows carries the reasons as values: the message is in
    /// the language of the moment it is shown, most frequent reason first, not of the moment (or
    /// thread) it was thrown.
    @Test func aRefusedFileShowsItsReasonsInTheLanguageOfTheMessage() {
        let failure = SourceFailure(
            file: "export.csv",
            cause: .tooManyQuarantined(
                count: 3, rows: 4, share: 0.75, reasons: [.noInstitution, .unknownInstitution, .unknownInstitution]))
        let english = MessageLanguage.$current.withValue(.en) { failure.description }
        let latvian = MessageLanguage.$current.withValue(.lv) { failure.description }
        #expect(english.contains("unknown institution"), "\(english)")
        #expect(latvian.contains("nezināma iestāde"), "\(latvian)")
        #expect(!latvian.contains("unknown institution"), "\(latvian)")
        let first = latvian.range(of: "nezināma iestāde")
        let second = latvian.range(of: "iestāde nav norādīta")
        #expect(first != nil && second != nil && first!.lowerBound < second!.lowerBound, "most frequent first: \(latvian)")
    }

    static func store(_ rows: [QuarantinedRow], in database: AppDatabase) throws {
        let source = SourceDescription(
            fileName: "reasons.csv", sha256: "sha", kind: "needs", instrument: "needs-v1", format: "generic",
            encoding: "UTF-8", delimiter: ",")
        let instrument = try Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds")).instrument("needs-v1")
        _ = try database.importSource(
            wave: Wave("2026-27-autumn")!, register: [], sha256: source.sha256, fingerprint: "f", fileName: source.fileName,
            instrument: instrument, nextBatch: { nil },
            finish: { SourceEnd(description: source, accepted: 0, quarantine: rows) })
    }
}
