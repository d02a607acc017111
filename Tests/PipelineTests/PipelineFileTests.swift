import Foundation
import Testing

@testable import Pipeline

struct PipelineFileTests {
    @Test func defaultsFollowTheSpec() throws {
        let pipeline = try TestWorkspace().pipeline()
        #expect(pipeline.wave.id == "2026-27-autumn")
        #expect(pipeline.settings.minGroupSize == 5)
        #expect(pipeline.settings.highNeedBreadthThreshold == 0.25)
        #expect(pipeline.settings.weights.highNeed == 0.4)
        #expect(pipeline.outputs.language == .lv)
        #expect(pipeline.database.lastPathComponent == "atbalsts.sqlite")
    }

    @Test func anUnknownKeyIsNamedWithItsLine() throws {
        let workspace = try TestWorkspace()
        #expect {
            _ = try workspace.pipeline(extra: "setings:\n  min_group_size: 3")
        } throws: { error in
            let error = error as? PipelineError
            return error?.line == 10 && error!.message.contains("unknown key `setings`")
                && error!.message.contains("did you mean `settings`?")
        }
    }

    @Test func anUnknownSourceKeyIsNamedToo() throws {
        let workspace = try TestWorkspace()
        let sources = "  - file: x.csv\n    kind: needs\n    encodng: utf-8"
        #expect {
            _ = try workspace.pipeline(sources: sources)
        } throws: { error in
            let error = error as? PipelineError
            return error?.line == 6 && error!.message.contains("`encodng`")
        }
    }

    @Test func aBadWaveIsRejected() throws {
        #expect(throws: PipelineError.self) { _ = try TestWorkspace().pipeline(wave: "2026-autumn") }
    }
}
