import AtbalstsCore
import Foundation
import Store
import TestSupport
import Testing

@testable import Pipeline

/// Teacher-level self-assessment (SPEC 4.2): each teacher's rating weighs one.
/// digital: ratings 1, 2 ("Jāpilnveido"), 4 ("Ļoti labi") → ((4−1) + (4−2) + 0)/3/3 = 5/9
/// assessment: one rating 2 → 2/3
struct TeacherSelfAssessmentTests {
    @Test func teacherRatingsGiveTheGap() throws {
        let workspace = try TestWorkspace()
        let fixtures = TestWorkspace.fixtures.path
        let sources = """
              - file: \(fixtures)/small-google-forms.csv
                kind: needs
              - file: \(fixtures)/small-self-assessment-teachers.csv
                kind: self-assessment
              - file: \(fixtures)/small-register.csv
                kind: institutions
            """
        let summary = try Runner(pipeline: try workspace.pipeline(sources: sources), progress: RunProgress(quiet: true)).run()
        #expect(summary.sources[1].rowsAccepted == 4)
        #expect(summary.sources[1].rowsQuarantined == 1, "unknown need area")
        let priorities = try WorkbookReader(workspace.url("out/2026-27-autumn-padome.xlsx")).rows(ofSheet: "Prioritātes")
        let rows = priorities.values.filter { $0[1]?.text != nil && $0[1]?.text != "ID" }
        let digital = try #require(rows.first { $0[1] == .text("digital") })
        #expect(abs(digital[9]!.number! - 5.0 / 9.0) < 1e-12)
        let assessment = try #require(rows.first { $0[1] == .text("assessment") })
        #expect(abs(assessment[9]!.number! - 2.0 / 3.0) < 1e-12)
        let quality = try WorkbookReader(workspace.url("out/2026-27-autumn-padome.xlsx")).rows(ofSheet: "Datu kvalitāte")
        #expect(quality.values.contains { $0[0] == .text("small-self-assessment-teachers.csv") && $0[1] == .text("self-assessment") })
    }
}
