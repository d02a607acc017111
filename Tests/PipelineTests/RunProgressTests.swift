import AtbalstsCore
import Foundation
import Testing

@testable import Pipeline

struct ProgressTests {
    @Test func theBarShowsShareRowsAndRate() {
        #expect(
            RunProgress.bar(name: "a.csv", fraction: 0.45, rows: 13_500, rowsPerSecond: 27_000.4, width: 20)
                == "a.csv [#########-----------]  45%  13,500 rows  27,000 rows/s")
        #expect(RunProgress.bar(name: "a.csv", fraction: 1.2, rows: 7, rowsPerSecond: 3, width: 4) == "a.csv [####] 100%  7 rows  3 rows/s")
        #expect(RunProgress.grouped(1_234_567) == "1,234,567")
        #expect(RunProgress.grouped(999) == "999")
    }

    @Test func notATerminalMeansNoBar() {
        // Under `swift test` stderr is a pipe or a file, as in CI and scripts.
        #expect(RunProgress(quiet: false).reading("a.csv") == nil || isatty(STDERR_FILENO) == 1)
        #expect(RunProgress(quiet: true).reading("a.csv") == nil)
    }

    @Test func stageLabelsFollowTheLanguage() {
        #expect(["ingest", "store", "score", "report"].map(RunProgress.label) == ["ingest", "store", "score", "report"])
        MessageLanguage.$current.withValue(.lv) {
            #expect(["ingest", "store", "score", "report"].map(RunProgress.label) == ["ielase", "glabāšana", "vērtēšana", "pārskati"])
        }
    }
}
