import Foundation
import TestSupport
import Testing

@testable import Pipeline

struct InstitutionWorkbookTests {
    @Test func onlyInstitutionsWithEnoughRespondentsGetAWorkbook() throws {
        let workspace = try TestWorkspace()
        let summary = try Runner(pipeline: try workspace.pipeline(), progress: RunProgress(quiet: true)).run()
        let names = summary.workbooks.map { URL(fileURLWithPath: $0).lastPathComponent }
        // T02 (5) is hidden with × in the council workbook so that T03 (2) cannot be worked out: its
        // own workbook would give it back (SPEC 8 "across workbooks").
        #expect(names == ["2026-27-autumn-padome.xlsx", "2026-27-autumn-T01.xlsx"])
        #expect(summary.institutionsWithoutWorkbook == ["T03"])
        #expect(summary.institutionsHiddenWithoutWorkbook == ["T02"], "the run says why T02 has none")
    }

    /// T01, digital skills: 3 of 7 high, but the council workbook hides T01's digital share (T02 and
    /// T03 hold 4 in high need and 3 not), so T01's own workbook hides it too, with the score,
    /// interval, intensity and n that would give it back. The municipality: 55.6 (no breadth).
    @Test func theInstitutionStandsBesideTheMunicipality() throws {
        let workspace = try TestWorkspace()
        _ = try Runner(pipeline: try workspace.pipeline(), progress: RunProgress(quiet: true)).run()
        let book = try WorkbookReader(workspace.url("out/2026-27-autumn-T01.xlsx"))
        #expect(book.sheetNames == ["Kopsavilkums", "Prioritātes", "Labbūtība", "Atbalsta formas", "Metodoloģija"])
        let priorities = try book.rows(ofSheet: "Prioritātes")
        let digital = try #require(priorities[5])
        #expect(digital[1] == .text("digital"))
        #expect(Array(3...7).map { digital[$0] } == Array(repeating: .text("×"), count: 5))
        #expect(digital[10] == .text("×"))
        #expect(digital[11] == .number(55.6), "the municipality's score beside it")
        #expect(digital[13] == .number(1))
        let summary = try book.rows(ofSheet: "Kopsavilkums")
        // x2's unknown need label leaves only that answer missing: T01 9 of 16 respondents.
        #expect(summary[5]?[1] == .number(9))
        #expect(summary[5]?[2] == .number(16))
    }

    @Test func commentsOnlyWhenAskedRedactedAndNeverOnTheCouncilWorkbook() throws {
        let workspace = try TestWorkspace()
        let fixtures = TestWorkspace.fixtures.path
        let sources = """
              - file: \(fixtures)/small-google-forms-spring.csv
                kind: needs
              - file: \(fixtures)/small-register.csv
                kind: institutions
            """
        _ = try Runner(
            // A threshold of 2 gives every institution of the small fixture a workbook.
            pipeline: try workspace.pipeline(
                wave: "2026-27-spring", sources: sources, extra: "  institution_comments: true",
                settings: TestWorkspace.tolerantSettings + "\n  min_group_size: 2"),
            progress: RunProgress(quiet: true)
        ).run()
        let own = try WorkbookReader(workspace.url("out/2026-27-spring-T02.xlsx"))
        #expect(own.sheetNames.contains("Komentāri"))
        let comments = try own.rows(ofSheet: "Komentāri")
        #expect(comments[5]?[0] == .text("Zvaniet [tālrunis] vai rakstiet [e-pasts], paldies!"))

        let t01 = try WorkbookReader(workspace.url("out/2026-27-spring-T01.xlsx"))
        let texts = try t01.rows(ofSheet: "Komentāri").values.compactMap { $0[0]?.text }
        #expect(texts.contains("Vajag vairāk laika.\nUn kursus tuvāk, \"lūdzu\"."))
        let formula = try t01.cells(ofSheet: "Komentāri").values.first { $0.value == .text("=1+1") }
        #expect(formula?.formula == nil)
        #expect(try t01.cellStyles()[formula!.style]["quotePrefix"] == "1")

        let council = try WorkbookReader(workspace.url("out/2026-27-spring-padome.xlsx"))
        for part in council.partNames {
            let text = String(decoding: try council.part(part), as: UTF8.self)
            #expect(!text.contains("Vajag vairāk laika"), "\(part) carries a comment")
            #expect(!text.contains("Zvaniet"), "\(part) carries a comment")
        }
    }

    @Test func withoutTheSwitchNoComments() throws {
        let workspace = try TestWorkspace()
        _ = try Runner(pipeline: try workspace.pipeline(), progress: RunProgress(quiet: true)).run()
        let own = try WorkbookReader(workspace.url("out/2026-27-autumn-T01.xlsx"))
        #expect(!own.sheetNames.contains("Komentāri"))
    }
}
