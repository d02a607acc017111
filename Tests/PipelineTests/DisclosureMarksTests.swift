import Foundation
import TestSupport
import Testing

@testable import Pipeline

/// Issue 13.7: the marks and their legend follow `min_group_size`.
struct DisclosureMarksTests {
    @Test func marksFollowTheThreshold() throws {
        let workspace = try TestWorkspace()
        _ = try Runner(
            pipeline: try workspace.pipeline(settings: TestWorkspace.tolerantSettings + "\n  min_group_size: 10"),
            progress: RunProgress(quiet: true)
        ).run()
        let book = try WorkbookReader(workspace.url("out/2026-27-autumn-padome.xlsx"))
        let institutions = try book.rows(ofSheet: "Iestādes")
        // T01 (8), T02 (5) and T03 (2): all under 10, together 15.
        #expect((5...7).map { institutions[$0]?[2] } == Array(repeating: .text("<10"), count: 3))
        #expect(institutions[2]?[0]?.text?.contains("<10 = mazāk nekā 10") == true)
        #expect(institutions[2]?[0]?.text?.contains("<5") == false)
        let wellbeing = try book.rows(ofSheet: "Labbūtība")
        #expect(wellbeing[6]?[3] == .text("<10"))
    }
}
