import AtbalstsCore
import Foundation
import GRDB
import Store
import Testing

@testable import Pipeline

/// Issue 8: command-line messages follow `--lang` or the locale.
struct MessageLanguageTests {
    @Test func theLocaleChoosesLatvian() {
        #expect(MessageLanguage.fromEnvironment(["LANG": "lv_LV.UTF-8"]) == .lv)
        #expect(MessageLanguage.fromEnvironment(["LC_ALL": "en_GB.UTF-8", "LANG": "lv_LV.UTF-8"]) == .en)
        #expect(MessageLanguage.fromEnvironment([:]) == .en)
    }

    @Test func errorsSpeakLatvianWhenAsked() throws {
        let workspace = try TestWorkspace()
        try MessageLanguage.$current.withValue(.lv) {
            let missing = try #require(
                ErrorCatalogueTests().message { _ = try PipelineFile.load(URL(fileURLWithPath: "/nav/pipeline.yaml")) })
            #expect(missing.contains("pipeline fails nav atrasts"))
            let typo = try #require(ErrorCatalogueTests().message { _ = try workspace.pipeline(extra: "setings: 1") })
            #expect(typo.contains("nezināma atslēga `setings`") && typo.contains("vai domājāt `settings`?"))
            var bytes = Array("Izglītības iestāde\nT01\n".utf8)
            bytes.insert(0x81, at: 5)
            let export = workspace.url("bojats.csv")
            try Data(bytes).write(to: export)
            let summary = try Runner(
                pipeline: try workspace.pipeline(sources: "  - file: \(export.path)\n    kind: needs"), progress: RunProgress(quiet: true)
            ).run()
            let undecodable = try #require(summary.sources.first?.error)
            #expect(undecodable.contains("baita nobīde 6") && undecodable.contains("nevar atkodēt kā UTF-8"))
        }
        // Outside, English again: the language is task-local.
        #expect(say("yes", lv: "jā") == "yes")
    }
}
