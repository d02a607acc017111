import AtbalstsCore
import Foundation
import Store
import TestSupport
import Testing

@testable import Pipeline

/// The small fixture, worked by hand (digital skills; every other area answered "Zema" = 1):
///   T01 Testa vidusskola, 9 respondents: 3,3,3,2,1,0,blank,2 (a1's first answer 0 is superseded
///       by its later 3), and x2 whose "Ļoti augsta" matches no label (missing for digital only,
///       SPEC 9) → answered 7, high 3, level sum 14
///   T02 Testa pamatskola, 5 respondents: 3,3,1,1,0 → answered 5, high 2, sum 8
///   T03 Mazā skola, 2 respondents: 3,3 → answered 2, high 2, sum 6
///   municipality: answered 14, high 7 → share 0.5; intensity 28/42 = 2/3
///   breadth: no institution's digital share is published (SPEC 8: T03 has 2 answers; T02 and T03
///       together hold 7 people, 4 with high need and only 3 without, under min − 1, so T01 is
///       hidden too) → breadth dropped
///   score = 100·(0.4·0.5 + 0.2·2/3)/0.6 = 55.55… → 55.6
///   rows: 19 read = 17 accepted + 2 quarantined (unknown institution, ragged); 1 superseded;
///   16 respondents; 1 unreadable answer
struct RunTests {
    @Test func councilWorkbookHoldsHandWorkedNumbers() throws {
        let workspace = try TestWorkspace()
        let summary = try Runner(pipeline: try workspace.pipeline(), progress: RunProgress(quiet: true)).run()
        #expect(summary.sources.map(\.status) == [.imported])
        #expect(summary.respondents == 16)
        #expect(summary.sources.first?.unreadableAnswers == 1)

        let book = try WorkbookReader(workspace.url("out/2026-27-autumn-padome.xlsx"))
        #expect(
            book.sheetNames == [
                "Kopsavilkums", "Prioritātes", "Iestādes", "Labbūtība", "Labbūtības diagramma", "Dinamika", "Atbalsta formas",
                "Pilnveides plāns", "MA plāni", "Datu kvalitāte", "Metodoloģija",
            ])

        let priorities = try book.rows(ofSheet: "Prioritātes")
        #expect(priorities[4]?[1] == .text("ID"))
        let first = try #require(priorities[5])
        #expect(first[0] == .number(1))
        #expect(first[1] == .text("digital"))
        #expect(first[3] == .number(55.6))
        #expect(first[4] == .number(0.5))
        #expect(abs(first[7]!.number! - 2.0 / 3.0) < 1e-12)
        #expect(first[8] == nil, "no published institution share: breadth dropped")
        #expect(first[9] == nil, "no self-assessment: gap dropped")
        #expect(first[10] == nil, "no previous wave: trend dropped")
        #expect(first[11] == .number(14))
        // Every other area: (0.2·1/3)/0.6 = 11.11… → 11.1, ties broken by area id.
        let second = try #require(priorities[6])
        #expect(second[1] == .text("assessment"))
        #expect(second[3] == .number(11.1))

        let institutions = try book.rows(ofSheet: "Iestādes")
        let digitalColumn = 4 + 3  // code, name, n, rate, then areas in seed order: digital is 4th
        #expect(institutions[4]?[digitalColumn] == .text("Digitālās prasmes un izglītības tehnoloģijas"))
        #expect(institutions[5]?[0] == .text("T01"))
        #expect(institutions[5]?[2] == .number(9))
        #expect(institutions[5]?[3] == .number(9.0 / 20.0))
        // SPEC 8: T03 has 2 respondents; T02 (5) is hidden too (×, its n with it), or T03 = total −
        // T01 − T02. In digital, T02 and T03 hold 4 people in high need and only 3 not: T01's goes too.
        #expect(institutions[5]?[digitalColumn] == .text("×"))
        #expect(institutions[6]?[2] == .text("×"))
        #expect(institutions[6]?[digitalColumn] == .text("×"))
        #expect(institutions[7]?[2] == .text("<5"))
        #expect(institutions[7]?[digitalColumn] == .text("<5"))

        let quality = try book.rows(ofSheet: "Datu kvalitāte")
        let source = try #require(quality[5])
        #expect(source[0] == .text("small-google-forms.csv"))
        #expect(source[1] == .text("Google Forms"), "the format by its name, not its pipeline id")
        #expect(source[2] == .text("UTF-8"))
        #expect(Array(4...7).map { source[$0] } == [.number(19), .number(17), .number(2), .number(1)])
        // Reasons are stored in English and shown in the workbook's language.
        let reasons = quality.values.compactMap { $0[4]?.text }
        #expect(reasons.contains("nezināma iestāde"))
        #expect(reasons.contains("gaidīti 43 lauki, atrasti 3"))
        // The unreadable answer is listed per item with its value and count.
        let unreadable = try #require(quality.values.first { $0[2] == .text("Ļoti augsta") })
        #expect(unreadable[0] == .text("small-google-forms.csv"))
        #expect(
            unreadable[1]
                == .text(
                    "Cik liela ir Jūsu vajadzība pēc profesionālās pilnveides šajās jomās? [Digitālās prasmes un izglītības tehnoloģijas]"))
        #expect(unreadable[3] == .number(1))

        // Everyone answered WHO-5 "Dažreiz" (1) → 5 × 1 × 4 = 20; every CBI item 50 (the reversed
        // one too) → 50; stress "Zināmā mērā" → not stressed.
        let wellbeing = try book.rows(ofSheet: "Labbūtība")
        #expect(wellbeing[4]?[4] == .text("WHO-5 vidēji (0–100)"))
        let total = try #require(wellbeing[5])
        #expect(total[3] == .number(16))
        #expect(total[4] == .number(20))
        #expect(total[5] == .number(1))
        #expect(total[7] == .number(50))
        #expect(total[8] == .number(1))
        #expect(total[9] == .number(0))
        #expect(wellbeing[6]?[1] == .text("T01"))
        #expect(wellbeing[6]?[3] == .number(9))
        #expect(wellbeing[6]?[4] == .number(20))
        // T01 has 9 respondents: all of them poor and none stressed would name every member (SPEC 8:
        // no 0 % or 100 % under 2 × 5, not even as a bound).
        #expect(wellbeing[6]?[5] == .text("×"))
        #expect(wellbeing[6]?[9] == .text("×"))
        #expect(wellbeing[7]?[3] == .text("×"))
        #expect(wellbeing[8]?[4] == .text("<5"))

        let summarySheet = try book.rows(ofSheet: "Kopsavilkums")
        let figures = Dictionary(
            (5...30).compactMap { row in
                summarySheet[row].flatMap { cells in cells[0]?.text.map { ($0, cells[1]) } }
            }, uniquingKeysWith: { first, _ in first })
        #expect(figures["Respondenti"] == .number(16))
        #expect(abs(figures["Atsaucība"]!!.number! - 16.0 / 34.0) < 1e-12)
        #expect(figures["WHO-5 vidēji (0–100)"] == .number(20))
    }

    @Test func quarantinedRowsAreStoredAndWrittenOut() throws {
        let workspace = try TestWorkspace()
        _ = try Runner(pipeline: try workspace.pipeline(), progress: RunProgress(quiet: true)).run()
        let database = try AppDatabase(path: workspace.url("atbalsts.sqlite").path)
        let rows = try database.quarantine(wave: "2026-27-autumn").map(\.row)
        // Physical lines: the comment of the second respondent spans two lines.
        #expect(rows.map(\.line) == [18, 20])
        #expect(rows.map(\.reason) == [.unknownInstitution, .wrongFieldCount(expected: 43, found: 3)])
        #expect(rows[0].value == "Nezināma skola")
        let unreadable = try database.unreadableAnswers(wave: "2026-27-autumn").map(\.answer)
        #expect(unreadable.map(\.line) == [19])
        #expect(unreadable.map(\.itemID) == ["need_digital"])
        #expect(unreadable.map(\.value) == ["Ļoti augsta"])

        let rejected = try String(contentsOf: workspace.url("out/2026-27-autumn-rejected.csv"), encoding: .utf8)
        let lines = rejected.split(separator: "\r\n")
        #expect(lines.count == 4)
        #expect(lines[1] == "small-google-forms.csv,18,Izglītības iestāde,Nezināma skola,unknown institution")
        #expect(lines[3].hasSuffix(",Ļoti augsta,unreadable answer to need_digital"))
    }

    @Test func theSameBytesTwiceAreANoOp() throws {
        let workspace = try TestWorkspace()
        let pipeline = try workspace.pipeline()
        _ = try Runner(pipeline: pipeline, progress: RunProgress(quiet: true)).run()
        let again = try Runner(pipeline: pipeline, progress: RunProgress(quiet: true)).run()
        #expect(again.sources.map(\.status) == [.alreadyImported])
        #expect(again.respondents == 16)
        let waves = try AppDatabase(path: workspace.url("atbalsts.sqlite").path).waves()
        #expect(waves.map(\.responses) == [16])
        #expect(waves.map(\.sources) == [1])
    }

    /// Rows are stored while the file is still being parsed; a file-level error found at the very
    /// end (after several batches went in) must still leave nothing of the file behind.
    @Test func aFileErrorAfterManyStoredBatchesLeavesNothing() throws {
        let workspace = try TestWorkspace()
        let broken = workspace.url("broken.csv")
        try KillTests.largeExport(at: broken, rows: 5_000)
        let handle = try FileHandle(forWritingTo: broken)
        handle.seekToEndOfFile()
        handle.write(Data("2026/10/20 9:00:00 AM EEST,z@example.lv,\"Testa vidusskola\n".utf8))
        try handle.close()
        let sources = """
              - file: \(broken.path)
                kind: needs
              - file: \(TestWorkspace.fixtures.path)/small-register.csv
                kind: institutions
            """
        let summary = try Runner(pipeline: try workspace.pipeline(sources: sources), progress: RunProgress(quiet: true)).run()
        #expect(summary.sources.map(\.status) == [.failed])
        #expect(summary.sources.first?.error?.contains("never closed") == true)
        #expect(summary.sources.first?.error?.contains("broken.csv") == true)
        let database = try AppDatabase(path: workspace.url("atbalsts.sqlite").path)
        #expect(try database.waves().isEmpty)
        #expect(
            try database.responses(
                wave: "2026-27-autumn",
                instrument: try Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds")).instrument("needs-v1")
            ).isEmpty)
    }

    @Test func databaseIsPrivateAndHoldsNoEmail() throws {
        let workspace = try TestWorkspace()
        _ = try Runner(pipeline: try workspace.pipeline(), progress: RunProgress(quiet: true)).run()
        let path = workspace.url("atbalsts.sqlite").path
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let fixture = try String(contentsOf: TestWorkspace.fixtures.appendingPathComponent("small-google-forms.csv"), encoding: .utf8)
        let emails = Set(fixture.split(whereSeparator: { $0 == "," || $0.isNewline }).filter { $0.contains("@") })
        #expect(emails.count >= 15)
        for email in emails {
            #expect(bytes.range(of: Data(email.utf8)) == nil, "\(email) stored")
        }
    }

    @Test func aRunWithoutKeyFailsClearly() throws {
        let workspace = try TestWorkspace()
        let pipeline = try workspace.pipeline()
        try FileManager.default.removeItem(at: workspace.url("atbalsts.key"))
        #expect {
            try Runner(pipeline: pipeline, progress: RunProgress(quiet: true)).run()
        } throws: { error in
            "\(error)".contains("no pseudonym key") && "\(error)".contains("atbalsts init")
        }
        #expect(!FileManager.default.fileExists(atPath: workspace.url("atbalsts.key").path))
    }
}
