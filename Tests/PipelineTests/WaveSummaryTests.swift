import AtbalstsCore
import Foundation
import Scoring
import Store
import TestSupport
import Testing

@testable import Pipeline

/// An earlier wave's Dinamika point is stored (migration v10-wave-summary) so that `report` does
/// not read every earlier wave's responses again (issue 19); it must equal what the responses
/// give, and go when the wave's data changes.
struct WaveSummaryTests {
    let workspace: TestWorkspace
    let instrument: Instrument

    init() throws {
        workspace = try TestWorkspace()
        instrument = try Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds")).instrument("needs-v1")
    }

    static let autumn = "2026-27-autumn"

    func runAutumn(keys: String = "") throws {
        let fixtures = TestWorkspace.fixtures.path
        let sources = """
              - file: \(fixtures)/small-google-forms.csv
                kind: needs
            \(keys)
              - file: \(fixtures)/small-register.csv
                kind: institutions
            """
        let summary = try Runner(pipeline: try workspace.pipeline(sources: sources), progress: RunProgress(quiet: true)).run()
        #expect(!summary.failed)
    }

    func springPipeline() throws -> PipelineFile {
        let fixtures = TestWorkspace.fixtures.path
        return try workspace.pipeline(
            wave: "2026-27-spring",
            sources: """
                  - file: \(fixtures)/small-google-forms-spring.csv
                    kind: needs
                  - file: \(fixtures)/small-register.csv
                    kind: institutions
                """)
    }

    var database: AppDatabase { get throws { try AppDatabase(path: workspace.url("atbalsts.sqlite").path) } }

    func stored() throws -> WaveSnapshot? {
        try stored(Self.autumn, previous: nil)
    }

    func stored(_ wave: String, previous: String?) throws -> WaveSnapshot? {
        try database.storedWaveSummary(wave: wave, previous: previous, instrument: instrument).map {
            try JSONDecoder().decode(WaveSnapshot.self, from: $0)
        }
    }

    func recomputed() throws -> WaveSnapshot {
        WaveSnapshot(
            wave: Self.autumn, responses: try database.responses(wave: Self.autumn, instrument: instrument), previousKeys: nil,
            instrument: instrument)
    }

    @Test func anEarlierWavesSummaryIsStoredAndEqualsTheRecomputation() throws {
        try runAutumn()
        #expect(try stored() == nil, "the wave being reported is computed from the responses in hand")
        _ = try Runner(pipeline: try springPipeline(), progress: RunProgress(quiet: true)).run()
        let summary = try #require(try stored())
        #expect(summary == (try recomputed()))
        #expect(summary.respondents == 16)
        #expect(summary.highNeed["digital"] == 0.5)
        #expect(summary.wellbeing.respondents == 16)
        #expect(summary.returning == nil, "the first wave has no wave before")
    }

    @Test func aStoredSummaryIsWhatDinamikaShows() throws {
        try runAutumn()
        let spring = try springPipeline()
        _ = try Runner(pipeline: spring, progress: RunProgress(quiet: true)).run()
        let first = try WorkbookReader(workspace.url("out/2026-27-spring-padome.xlsx")).rows(ofSheet: "Dinamika")
        // Now from the stored summary, not the responses.
        #expect(try stored() != nil)
        _ = try Runner(pipeline: spring, progress: RunProgress(quiet: true)).report()
        let second = try WorkbookReader(workspace.url("out/2026-27-spring-padome.xlsx")).rows(ofSheet: "Dinamika")
        #expect(first == second)
        #expect(second[5]?[1] == .number(16))
        #expect(second[6]?[2] == .number(15), "returning respondents counted by the database")
    }

    @Test func reimportingAWaveDropsItsSummaryAndTheNextReportStoresTheNewOne() throws {
        try runAutumn()
        let spring = try springPipeline()
        _ = try Runner(pipeline: spring, progress: RunProgress(quiet: true)).run()
        let before = try #require(try stored())

        // Another reading of the same file (High read as Moderate): re-imported in one transaction.
        try runAutumn(keys: "    labels:\n      need: { \"Augsta\": 2 }")
        #expect(try stored() == nil, "the import deleted the summary it made stale")

        _ = try Runner(pipeline: spring, progress: RunProgress(quiet: true)).report()
        let after = try #require(try stored())
        #expect(after == (try recomputed()))
        #expect(after != before)
        #expect(after.highNeed["digital"] == 0)
        let trends = try WorkbookReader(workspace.url("out/2026-27-spring-padome.xlsx")).rows(ofSheet: "Dinamika")
        #expect(trends[5]?[3] == .number(0), "Dinamika shows the new reading of autumn")
    }

    /// A third wave: the same answers a year later (one more blank line, so other bytes).
    func runNextAutumn() throws {
        let bytes = try Data(contentsOf: TestWorkspace.fixtures.appendingPathComponent("small-google-forms.csv"))
        try (bytes + Data("\r\n".utf8)).write(to: workspace.url("next-autumn.csv"))
        let pipeline = try workspace.pipeline(
            wave: "2027-28-autumn",
            sources: """
                  - file: \(workspace.url("next-autumn.csv").path)
                    kind: needs
                  - file: \(TestWorkspace.fixtures.path)/small-register.csv
                    kind: institutions
                """, settings: TestWorkspace.tolerantSettings + "\n  wave_dates: off")
        #expect(!(try Runner(pipeline: pipeline, progress: RunProgress(quiet: true)).run()).failed)
    }

    @Test func aWavesReturningRespondentsAreStoredAndGoWhenTheWaveBeforeChanges() throws {
        try runAutumn()
        _ = try Runner(pipeline: try springPipeline(), progress: RunProgress(quiet: true)).run()
        try runNextAutumn()
        let spring = try #require(try stored("2026-27-spring", previous: Self.autumn))
        #expect(spring.returning == 15, "the same e-mails link across waves")
        #expect(try stored("2026-27-spring", previous: nil) == nil, "stored for the wave before it was computed with only")

        // Autumn read another way: spring's summary still holds its own numbers, but its returning
        // respondents were counted against the earlier reading, so it goes too.
        try runAutumn(keys: "    labels:\n      need: { \"Augsta\": 2 }")
        #expect(try stored("2026-27-spring", previous: Self.autumn) == nil)
        #expect(try stored("2027-28-autumn", previous: "2026-27-spring") == nil, "the wave being reported is not stored")
    }

    @Test func forgettingAWaveTakesItsSummaryWithIt() throws {
        try runAutumn()
        _ = try Runner(pipeline: try springPipeline(), progress: RunProgress(quiet: true)).run()
        #expect(try stored() != nil)
        #expect(try database.forget(wave: Self.autumn))
        #expect(try stored() == nil)
    }
}
