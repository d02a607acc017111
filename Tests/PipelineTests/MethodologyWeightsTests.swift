import Foundation
import TestSupport
import Testing

@testable import Pipeline

/// Issue 18: Metodoloģija states every priority weight in force, `observed` included, under the
/// key the pipeline sets it with.
struct MethodologyWeightsTests {
    @Test func theWeightsLineListsAllSixWithTheirValues() throws {
        let workspace = try TestWorkspace()
        _ = try ObservationTests.run(workspace, weights: "trend: 0.3, observed: 0.5")
        let sheet = try WorkbookReader(workspace.url("out/2026-27-autumn-padome.xlsx")).rows(ofSheet: "Metodoloģija")
        let row = try #require(sheet.values.first { $0[0] == .text("Svari (priority_weights)") })
        #expect(row[1] == .text("high_need 0.4 · intensity 0.2 · gap 0.2 · breadth 0.1 · trend 0.3 · observed 0.5"))
    }

    @Test func everyWeightThePipelineTakesIsListed() {
        #expect(PipelineFile.weightKeys == ["high_need", "intensity", "gap", "breadth", "trend", "observed"])
    }
}
