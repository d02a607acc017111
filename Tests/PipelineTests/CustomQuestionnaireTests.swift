import AtbalstsCore
import Foundation
import Store
import TestSupport
import Testing

@testable import Pipeline

/// A municipality's own questionnaire with a 5-point need scale, mapped through `columns:` and
/// `labels:` exactly as pipelines/custom-questionnaire.yaml does.
struct CustomQuestionnaireTests {
    @Test func columnsAndLabelsMapOntoNeedsV1() throws {
        let workspace = try TestWorkspace()
        let shipped = try String(
            contentsOf: TestWorkspace.repository.appendingPathComponent("pipelines/custom-questionnaire.yaml"), encoding: .utf8)
        let mapping = shipped.components(separatedBy: "    columns:\n")[1].components(separatedBy: "outputs:")[0]
        #expect(mapping.contains("not_asked:"), "the shipped pipeline names what it did not ask")
        let sources = """
              - file: \(TestWorkspace.fixtures.path)/custom-questionnaire.csv
                kind: needs
                columns:
            \(mapping)  - file: \(TestWorkspace.fixtures.path)/small-register.csv
                kind: institutions
            """
        let summary = try Runner(pipeline: try workspace.pipeline(sources: sources), progress: RunProgress(quiet: true)).run()
        #expect(summary.sources.first?.rowsAccepted == 6)
        #expect(summary.sources.first?.rowsQuarantined == 0)
        #expect(summary.sources.first?.unreadableAnswers == 1)

        let database = try AppDatabase(path: workspace.url("atbalsts.sqlite").path)
        let instrument = try Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds")).instrument("needs-v1")
        let responses = try database.responses(wave: "2026-27-autumn", instrument: instrument)
        let digital = try #require(instrument.slotIndex("need_digital"))
        let inclusive = try #require(instrument.slotIndex("need_inclusive"))
        let role = try #require(instrument.slotIndex("role"))
        // 5 → 3, 4 → 3, 2 → 1, 1 → 0, 3 → 2 in file order; the blank stays blank; "6 – ārkārtēja"
        // is on no scale: missing for digital skills only, p6's other answers count (SPEC 9).
        #expect(responses.map { $0.values[digital] } == [3, 3, 1, 0, 2, nil])
        #expect(responses.map { $0.values[inclusive] } == [2, 3, 3, nil, 1, 1])
        #expect(responses.map { $0.values[role] } == [1, 1, 2, 1, 1, 3])
        #expect(responses.map(\.institution) == ["T01", "T01", "T01", "T01", "T02", "T02"])
        #expect(try database.quarantine(wave: "2026-27-autumn").isEmpty)
        let unreadable = try database.unreadableAnswers(wave: "2026-27-autumn").map(\.answer)
        #expect(unreadable.map(\.value) == ["6 – ārkārtēja"])
        #expect(unreadable.map(\.line) == [7])
        #expect(unreadable.map(\.itemID) == ["need_digital"])

        // The eleven need areas this questionnaire did not ask read "nav jautāts" and take no rank.
        let priorities = try WorkbookReader(workspace.url("out/2026-27-autumn-padome.xlsx")).rows(ofSheet: "Prioritātes")
        let areas = priorities.filter { $0.key > 4 && $0.value[1] != nil }.map(\.value)
        #expect(areas.count == 14)
        let notAsked = areas.filter { $0[3] == .text("nav jautāts") }
        #expect(notAsked.count == 11)
        #expect(notAsked.allSatisfy { $0[0] == nil })
        #expect(
            Set(areas.filter { $0[3] != .text("nav jautāts") }.compactMap { $0[1]?.text })
                == ["digital", "inclusive", "assessment"])
    }
}
