import AtbalstsCore
import Foundation
import Store
import TestSupport
import Testing

@testable import Pipeline

/// Two waves of the small fixture. Spring, by hand (digital skills):
///   T01 3,3,3,3,2,1,0,blank → answered 7, high 4; T02 3,3,3,1,0 → high 3; T03 3,3 → high 2
///   high 9/14, intensity 31/42, trend 9/14 − 7/14 = 2/14
///   breadth: none published (SPEC 8: T03 has 2; T02 goes with it; together 5 in high need and 2
///       not, under min − 1, so T01 goes too) → dropped
///   gap (institution ratings weighted by respondents 8, 5, 2): (8·2/3 + 5·3/3 + 2·0/3)/15 = 31/45
///   score = 100·(0.4·9/14 + 0.2·31/42 + 0.2·31/45 + 0.1·2/14)/0.9 = 61.86… → 61.9
///   assessment: high 0, intensity 1/3, gap (4 − 3)/3, breadth dropped (nobody in high need: every
///       cell hidden), trend 0 → 100·(0.2/3 + 0.2/3)/0.9 = 14.8
///   other areas: no gap → 100·(0.2/3)/0.7 = 9.5
struct WavesTests {
    let workspace: TestWorkspace

    init() throws { workspace = try TestWorkspace() }

    func runBothWaves() throws -> RunSummary {
        _ = try Runner(pipeline: try workspace.pipeline(), progress: RunProgress(quiet: true)).run()
        let fixtures = TestWorkspace.fixtures.path
        let spring = """
              - file: \(fixtures)/small-google-forms-spring.csv
                kind: needs
              - file: \(fixtures)/small-self-assessment.csv
                kind: self-assessment
              - file: \(fixtures)/small-register.csv
                kind: institutions
            """
        return try Runner(pipeline: try workspace.pipeline(wave: "2026-27-spring", sources: spring), progress: RunProgress(quiet: true))
            .run()
    }

    var springBook: URL { workspace.url("out/2026-27-spring-padome.xlsx") }

    @Test func trendAndGapEnterThePriorityScore() throws {
        let summary = try runBothWaves()
        #expect(summary.sources.map(\.status) == [.imported, .imported])
        #expect(summary.sources[1].rowsRead == 6)
        #expect(summary.sources[1].rowsQuarantined == 2)

        let priorities = try WorkbookReader(springBook).rows(ofSheet: "Prioritātes")
        let digital = try #require(priorities[5])
        #expect(digital[1] == .text("digital"))
        #expect(digital[3] == .number(61.9))
        #expect(abs(digital[9]!.number! - 31.0 / 45.0) < 1e-12)
        #expect(abs(digital[10]!.number! - 2.0 / 14.0) < 1e-12)
        let assessment = try #require(priorities[6])
        #expect(assessment[1] == .text("assessment"))
        #expect(assessment[3] == .number(14.8))
        #expect(abs(assessment[9]!.number! - 1.0 / 3.0) < 1e-12)
        #expect(assessment[10] == .number(0))
        let other = try #require(priorities[7])
        #expect(other[3] == .number(9.5))
        #expect(other[9] == nil)
    }

    @Test func dinamikaShowsEveryWaveAndReturningRespondents() throws {
        _ = try runBothWaves()
        let book = try WorkbookReader(springBook)
        let trends = try book.rows(ofSheet: "Dinamika")
        #expect(trends[4]?[3] == .text("Augsta vajadzība: Digitālās prasmes un izglītības tehnoloģijas"))
        #expect(trends[5]?[0] == .text("2026./27. m. g. rudens"))
        #expect(trends[5]?[1] == .number(16), "x2 counts: only its unreadable digital answer is missing")
        #expect(trends[5]?[2] == nil)
        #expect(trends[5]?[3] == .number(0.5))
        #expect(trends[6]?[0] == .text("2026./27. m. g. pavasaris"))
        #expect(trends[6]?[2] == .number(15), "the same e-mails link across waves")
        #expect(abs(trends[6]![3]!.number! - 9.0 / 14.0) < 1e-12)
        let drawing = try book.partNames.filter { $0.hasPrefix("xl/charts/") }
            .map { String(decoding: try book.part($0), as: UTF8.self) }
        #expect(drawing.filter { $0.contains("<c:lineChart>") }.count == 2)
    }

    @Test func planRowsAndTheirStatusDropDown() throws {
        _ = try runBothWaves()
        let book = try WorkbookReader(springBook)
        let plan = try book.rows(ofSheet: "Pilnveides plāns")
        let first = try #require(plan[5])
        #expect(first[0] == .number(1))
        #expect(first[1] == .text("Digitālās prasmes un izglītības tehnoloģijas"))
        // No institution's digital share is published (SPEC 8), so none is named.
        #expect(first[3] == .text("visas iestādes"))
        #expect(first[4] == .text("Matemātikas joma"))
        #expect(first[5] == .number(9))
        #expect(first[6] == .text("Kursi; Meistarklases, radošās darbnīcas"))
        #expect(first[7] == .text("2027./28. m. g. rudens"))
        #expect(first[9] == .text("Plānots"))
        #expect(plan[9]?[7] == .text("2027./28. m. g. pavasaris"), "ranks 4–5 start a term later")
        let xml = try book.sheetXML("Pilnveides plāns")
        #expect(xml.contains("<dataValidation type=\"list\""))
        #expect(xml.contains("sqref=\"J5:J9\""))
        #expect(xml.contains("<formula1>\"Plānots,Procesā,Īstenots,Atcelts\"</formula1>"))
    }

    @Test func supportFormsOverallAndForTopPriorities() throws {
        _ = try runBothWaves()
        let forms = try WorkbookReader(springBook).rows(ofSheet: "Atbalsta formas")
        // Everyone chose "Kursi" and the comma-containing master classes: both 15 of 15.
        #expect(forms[5]?[0] == .text("Kursi"))
        #expect(forms[5]?[1] == .number(15))
        #expect(forms[5]?[2] == .number(1))
        #expect(forms[6]?[0] == .text("Meistarklases, radošās darbnīcas"))
        #expect(forms[7]?[2] == .number(0))
    }

    @Test func forgettingAWaveRemovesItFromTheFile() throws {
        _ = try runBothWaves()
        let path = workspace.url("atbalsts.sqlite").path
        let database = try AppDatabase(path: path)
        #expect(try database.forget(wave: "2026-27-autumn"))
        #expect(try database.waves().map(\.id) == ["2026-27-spring"])
        #expect(
            try database.responses(
                wave: "2026-27-autumn",
                instrument: try Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds")).instrument("needs-v1")
            ).isEmpty)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.range(of: Data("2026-27-autumn".utf8)) == nil, "no trace of the wave in the file")
        #expect(bytes.range(of: Data("Nezināma skola".utf8)) == nil, "its quarantined values are gone too")
        #expect(try !database.forget(wave: "2026-27-autumn"))

        // The spring report no longer shows the autumn wave nor a trend.
        let report = try Runner(pipeline: try workspace.pipeline(wave: "2026-27-spring"), progress: RunProgress(quiet: true)).report()
        #expect(report.respondents == 15)
        let trends = try WorkbookReader(springBook).rows(ofSheet: "Dinamika")
        #expect(trends[5]?[0] == .text("2026./27. m. g. pavasaris"))
        #expect(trends[6] == nil)
    }
}
