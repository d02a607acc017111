import Foundation
import Store
import Testing

@testable import Pipeline

/// SPEC 6 `forget`: the wave leaves the database and the output folder — its council and
/// institution workbooks and its rejected rows — while other waves' files and anything else in
/// the folder stay (issue 14 item 9).
struct ForgetTests {
    @Test func forgetRemovesTheWavesFilesOnly() throws {
        let workspace = try TestWorkspace()
        _ = try Runner(pipeline: try workspace.pipeline(), progress: RunProgress(quiet: true)).run()
        let out = workspace.url("out")
        let autumn = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(autumn.contains("2026-27-autumn-padome.xlsx") && autumn.contains("2026-27-autumn-rejected.csv"))
        #expect(autumn.contains { $0.hasPrefix("2026-27-autumn-T") && $0.hasSuffix(".xlsx") }, "institution workbooks: \(autumn)")
        let keep = ["2026-27-spring-padome.xlsx", "2026-27-spring-T01.xlsx", "2026-27-autumn-notes.txt", "piezīmes.xlsx"]
        for name in keep { try Data("x".utf8).write(to: out.appendingPathComponent(name)) }

        let pipeline = workspace.url("pipeline.yaml").path
        let refused = try BuiltBinary.run(["forget", pipeline, "--wave", "2026-27-autumn"])
        #expect(refused.code == 2 && refused.errors.contains("add --yes to confirm"))
        let result = try BuiltBinary.run(["forget", pipeline, "--wave", "2026-27-autumn", "--yes"])
        #expect(result.code == 0, "\(result.errors)")
        #expect(result.output.contains("deleted \(autumn.count) files of wave 2026-27-autumn"), "\(result.output)")

        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == keep.sorted())
        #expect(try AppDatabase(path: workspace.url("atbalsts.sqlite").path).waves().isEmpty)

        let again = try BuiltBinary.run(["forget", pipeline, "--wave", "2026-27-autumn", "--yes"])
        #expect(again.code == 2 && again.errors.contains("there is no wave 2026-27-autumn"), "\(again.errors)")
        let notAWave = try BuiltBinary.run(["forget", pipeline, "--wave", "../x", "--yes"])
        #expect(notAWave.code == 2 && notAWave.errors.contains("\"../x\" is not a wave"), "\(notAWave.errors)")
    }

    @Test func theWavesFilesAreRecognisedByName() throws {
        let workspace = try TestWorkspace()
        let names = [
            "2026-27-autumn-padome.xlsx", "2026-27-autumn-EZ01.xlsx", "2026-27-autumn-rejected.csv",
            "2026-27-autumn-a.b.xlsx", "2026-27-autumn-.xlsx", "2026-27-autumn-padome.csv", "x2026-27-autumn-padome.xlsx",
            ".2026-27-autumn-padome.xlsx.77.tmp",
        ]
        for name in names { try Data().write(to: workspace.url(name)) }
        let found = WaveRemoval.files(of: "2026-27-autumn", in: workspace.directory).map(\.lastPathComponent)
        #expect(found == ["2026-27-autumn-EZ01.xlsx", "2026-27-autumn-padome.xlsx", "2026-27-autumn-rejected.csv"])
    }
}
