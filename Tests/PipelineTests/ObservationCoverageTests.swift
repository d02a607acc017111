import Foundation
import TestSupport
import Testing

@testable import Pipeline

/// Issue 18: Stundu vērošana shows coverage per institution and term for this term and the earlier
/// ones in the database — distinct observed teachers / that term's headcount, a teacher observed
/// twice in a term once, one observed in two terms in each — and marks a coverage under 20 %.
struct ObservationCoverageTests {
    /// Spring: five teachers of Testa vidusskola, t0 three times and t1 once more (both observed
    /// in autumn too); none elsewhere.
    static let spring: [ObservationTests.Row] = (0..<7).map { i in
        ObservationTests.Row(
            institution: "Testa vidusskola", role: 1, teacher: "t\(i < 5 ? i : i == 5 ? 0 : 1)@obs-example.lv",
            ratings: ObservationTests.domains.indices.map { d in (0..<3).map { c in (i + c + d) % 4 + 1 } })
    }

    /// The block's rows (1-based): its label below the observers table, then the header.
    static let header = 32
    static let register = [("T01", 20), ("T02", 10), ("T03", 4)]

    static func coverage(_ rows: [ObservationTests.Row], _ institution: String?, headcount: Int) -> Double {
        Double(Set(rows.filter { institution == nil || $0.institution == institution }.map(\.teacher)).count) / Double(headcount)
    }

    /// Autumn with the standard observations, then spring with `spring` into the same database.
    static func runBothTerms(_ workspace: TestWorkspace) throws {
        _ = try ObservationTests.run(workspace, columns: ObservationTests.columns())
        try ObservationTests.export(spring).write(to: workspace.url("spring.csv"), atomically: true, encoding: .utf8)
        let pipeline = try workspace.pipeline(
            wave: "2026-27-spring",
            sources: """
                  - file: \(TestWorkspace.fixtures.path)/small-google-forms-spring.csv
                    kind: needs
                  - file: \(TestWorkspace.fixtures.path)/small-register.csv
                    kind: institutions
                  - file: \(workspace.url("spring.csv").path)
                    kind: observation
                    columns:
                \(ObservationTests.columns())
                """)
        _ = try Runner(pipeline: pipeline, progress: RunProgress(quiet: true)).run()
    }

    @Test func eachTermCountsItsOwnDistinctTeachersOverItsHeadcount() throws {
        let workspace = try TestWorkspace()
        try Self.runBothTerms(workspace)
        let book = try WorkbookReader(workspace.url("out/2026-27-spring-padome.xlsx"))
        let sheet = try book.rows(ofSheet: "Stundu vērošana")
        // In B: A holds the ids, hidden beside their labels.
        #expect(sheet[Self.header - 1]?[1] == .text("Aptvērums pa kārtām"))
        #expect(WorkbookReadabilityTests.hiddenColumns(try book.sheetXML("Stundu vērošana")) == [0])
        #expect(sheet[Self.header]?[2] == .text("2026./27. m. g. rudens") && sheet[Self.header]?[3] == .text("2026./27. m. g. pavasaris"))
        let autumn = ObservationTests.rows
        let t01 = try #require(sheet[Self.header + 1])
        #expect(t01[0] == .text("T01"))
        #expect(ObservationTests.close(t01[2], Self.coverage(autumn, "Testa vidusskola", headcount: 20)), "8 of 20 in autumn")
        #expect(ObservationTests.close(t01[3], Self.coverage(Self.spring, "Testa vidusskola", headcount: 20)), "5 of 20 in spring")
        #expect(ObservationTests.close(t01[3], 5.0 / 20.0), "t0 three times and t1 twice count once each")
        #expect(ObservationTests.close(sheet[Self.header + 2]?[2], Self.coverage(autumn, "Testa pamatskola", headcount: 10)))
        #expect(sheet[Self.header + 2]?[3] == .text("nav atbilžu"))
        #expect(sheet[Self.header + 3]?[2] == .text("nav atbilžu") && sheet[Self.header + 3]?[3] == .text("nav atbilžu"))
        let total = try #require(sheet[Self.header + 4])
        #expect(ObservationTests.close(total[2], Self.coverage(autumn, nil, headcount: 34)))
        #expect(ObservationTests.close(total[3], Self.coverage(Self.spring, nil, headcount: 34)))
        #expect(sheet[Self.header + 5]?[2] == .number(14) && sheet[Self.header + 5]?[3] == .number(5))

        // Below 20 % (spring's 5 of 34) carries the mark; autumn's 41 % does not.
        let cells = try book.cells(ofSheet: "Stundu vērošana")
        let styles = try book.cellStyles()
        let formats = String(decoding: try book.part("xl/styles.xml"), as: UTF8.self)
        func marked(_ reference: String) throws -> Bool {
            let style = try #require(cells[reference]).style
            guard let id = styles[style]["numFmtId"] else { return false }
            return formats.contains(#"numFmtId="\#(id)" formatCode="0.0%&quot; ▼&quot;""#)
        }
        #expect(try marked("D\(Self.header + 4)"), "spring total under 20 %")
        #expect(try !marked("C\(Self.header + 4)"), "autumn total over 20 %")
        #expect(try !marked("D\(Self.header + 1)"), "T01's 25 % in spring")
    }

    @Test func anEarlierTermShowsWhatItsOwnWorkbookShowed() throws {
        let workspace = try TestWorkspace()
        try Self.runBothTerms(workspace)
        let autumn = try WorkbookReader(workspace.url("out/2026-27-autumn-padome.xlsx")).rows(ofSheet: "Stundu vērošana")
        let spring = try WorkbookReader(workspace.url("out/2026-27-spring-padome.xlsx")).rows(ofSheet: "Stundu vērošana")
        // Autumn's own institution table: rows 17–19, coverage in column 5.
        for (offset, (code, _)) in Self.register.enumerated() {
            #expect(autumn[17 + offset]?[0] == .text(code))
            #expect(spring[Self.header + 1 + offset]?[2] == autumn[17 + offset]?[5], "\(code): the same cell in both workbooks")
        }
        // The institution's own workbook: its row of the block, cell for cell, above the municipality's.
        let own = try WorkbookReader(workspace.url("out/2026-27-spring-T01.xlsx")).rows(ofSheet: "Stundu vērošana")
        #expect(own[20]?[1] == .text("Aptvērums pa kārtām"))
        #expect(own[22]?[2] == spring[Self.header + 1]?[2] && own[22]?[3] == spring[Self.header + 1]?[3])
        #expect(ObservationTests.close(own[22]?[2], 8.0 / 20.0) && ObservationTests.close(own[22]?[3], 5.0 / 20.0))
        #expect(ObservationTests.close(own[23]?[2], 14.0 / 34.0) && ObservationTests.close(own[23]?[3], 5.0 / 34.0))
        // The autumn workbook, alone in its term, has one term column.
        #expect(autumn[Self.header]?[2] == .text("2026./27. m. g. rudens") && autumn[Self.header]?[3] == nil)
    }
}
