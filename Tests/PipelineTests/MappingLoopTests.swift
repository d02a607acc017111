import Foundation
import Store
import TestSupport
import Testing

@testable import Pipeline

/// The path from "my export" to "a workbook I can sign", on the built binary (issue 12): every
/// mistake gives one line and its exit code, in both languages, and the fix loop
/// run → check --suggest → paste → run ends with the standard export's numbers.
struct MappingLoopTests {
    let workspace: TestWorkspace

    init() throws { workspace = try TestWorkspace() }

    /// Runs the built binary in the given message language (BuiltBinary fails when it is missing).
    func atbalsts(_ arguments: [String], language: String = "en") throws -> (code: Int32, out: String, errors: String) {
        let result = try BuiltBinary.run(arguments + ["--lang", language])
        return (result.code, result.output, result.errors)
    }

    /// A pipeline over one export with the given source keys; returns its path.
    @discardableResult
    func pipeline(
        _ file: String, keys: String = "", wave: String = "2026-27-autumn", settings: String = "  max_rejected_share: 0.1",
        name: String = "pipeline.yaml"
    ) throws -> String {
        let text = """
            wave: \(wave)
            seeds: \(TestWorkspace.repository.path)/seeds
            sources:
              - file: \(file)
                kind: needs
            \(keys)
              - file: \(TestWorkspace.fixtures.path)/small-register.csv
                kind: institutions
            settings:
            \(settings)

            """
        try text.write(to: workspace.url(name), atomically: true, encoding: .utf8)
        return workspace.url(name).path
    }

    var fixLoop: String { TestWorkspace.fixtures.appendingPathComponent("variants/fix-loop.csv").path }
    var standard: String { TestWorkspace.fixtures.appendingPathComponent("small-google-forms.csv").path }

    @Test func theFixLoopEndsWithTheStandardNumbers() throws {
        let path = try pipeline(fixLoop)
        let first = try atbalsts(["run", path])
        #expect(first.code == 1)
        #expect(first.errors.contains("need_digital (closest header \"Digitālās prasmes (vajadzība)\")"))
        #expect(first.errors.contains("--suggest"))
        #expect(try AppDatabase(path: workspace.url("atbalsts.sqlite").path).waves().isEmpty, "nothing stored")

        let check = try atbalsts(["check", path, "--suggest"])
        #expect(check.code == 1, "check predicts the failing run")
        let block = check.out.components(separatedBy: "\n")
            .drop { !$0.hasPrefix("# paste over") }.dropFirst()
            .prefix { !$0.isEmpty }.joined(separator: "\n")
        #expect(block.contains("need_digital: \"Digitālās prasmes (vajadzība)\""))
        #expect(block.contains("\"Testa vsk.\": T01"))
        #expect(!block.contains("null"), "every suggestion is decided:\n\(block)")

        try pipeline(fixLoop, keys: block)
        #expect(try atbalsts(["check", path]).code == 0)
        let fixed = try atbalsts(["run", path])
        #expect(fixed.code == 0, "\(fixed.errors)")
        #expect(fixed.errors.contains("fix-loop.csv: imported"))

        // The standard export of the same answers, "Ļoti augsta" read as high like the fixed mapping.
        let reference = try pipeline(
            standard, keys: "    labels: { need: { \"Ļoti augsta\": 3 } }", settings: "  max_rejected_share: 0.2",
            name: "standard.yaml")
        let text = try String(contentsOfFile: reference, encoding: .utf8)
            .replacingOccurrences(of: "sources:", with: "database: standard.sqlite\noutputs: { directory: standard-out }\nsources:")
        try text.write(toFile: reference, atomically: true, encoding: .utf8)
        #expect(try atbalsts(["run", reference]).code == 0)
        let mine = try WorkbookReader(workspace.url("out/2026-27-autumn-padome.xlsx"))
        let theirs = try WorkbookReader(workspace.url("standard-out/2026-27-autumn-padome.xlsx"))
        #expect(try mine.rows(ofSheet: "Prioritātes") == theirs.rows(ofSheet: "Prioritātes"))
        #expect(try mine.rows(ofSheet: "Labbūtība") == theirs.rows(ofSheet: "Labbūtība"))
        #expect(try mine.rows(ofSheet: "Iestādes") == theirs.rows(ofSheet: "Iestādes"))

        // The mapping changes (one label dropped): the same bytes are read again, in one
        // transaction, and the run says so; unchanged, the next run is a no-op.
        try pipeline(fixLoop, keys: block.replacingOccurrences(of: "\"Ļoti augsta vajadzība\": 3", with: ""))
        let changed = try atbalsts(["run", path])
        #expect(changed.code == 0)
        #expect(changed.errors.contains("re-imported: mapping changed"))
        #expect(changed.errors.contains("1 answers match no label"))
        let database = try AppDatabase(path: workspace.url("atbalsts.sqlite").path)
        #expect(try database.waves().map(\.responses) == [16], "17 accepted, the earlier of a1's two superseded again")
        #expect(try database.waves().map(\.sources) == [1])
        #expect(try database.unreadableAnswers(wave: "2026-27-autumn").map(\.answer.value) == ["Ļoti augsta vajadzība"])
        let again = try atbalsts(["run", path])
        #expect(again.errors.contains("already imported"))
    }

    /// Each mistake: exit 2, one line, the pipeline's line number, the closest right thing.
    @Test(arguments: [
        ("    columns: { need_digitl: \"X\" }", ["pipeline.yaml:6:", "need_digitl", "did you mean `need_digital`?"]),
        ("    columns:\n      need_digital: \"Digitālas kompetences\"", ["pipeline.yaml:7:", "no column matches it", "closest header"]),
        ("    labels: { needs: { \"Liela\": 3 } }", ["pipeline.yaml:6:", "\"needs\"", "did you mean `need`?"]),
        (
            "    labels:\n      need:\n        \"Liela\": 5",
            ["pipeline.yaml:8:", "\"Liela\" to 5", "not a value of scale need (0, 1, 2, 3)"]
        ),
        ("    labels:\n      barriers:\n        \"Nav laika\": 3", ["pipeline.yaml:8:", "not an option of barriers"]),
        ("    not_asked: [who6]", ["pipeline.yaml:6:", "who6", "did you mean `who5`?"]),
        ("    institutions:\n      \"Testa vsk.\": T07", ["pipeline.yaml:7:", "T07", "not in the register"]),
        ("    colums: {}", ["pipeline.yaml:6:", "unknown key `colums`", "did you mean `columns`?"]),
    ])
    func pipelineMistakesExitTwoWithTheirLine(keys: String, parts: [String]) throws {
        let path = try pipeline(fixLoop, keys: keys)
        let result = try atbalsts(["run", path])
        #expect(result.code == 2)
        let line = result.errors.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!line.contains("\n"), "one line: \(line)")
        for part in parts { #expect(line.contains(part), "\(line) lacks \(part)") }
        #expect(!FileManager.default.fileExists(atPath: workspace.url("out").path), "nothing written")
    }

    @Test func mistakesSpeakLatvian() throws {
        let path = try pipeline(fixLoop, keys: "    labels:\n      need:\n        \"Liela\": 5")
        let result = try atbalsts(["run", path], language: "lv")
        #expect(result.code == 2)
        #expect(result.errors.contains("nav skalas need vērtība"))
        let failing = try pipeline(fixLoop)
        let failed = try atbalsts(["run", failing], language: "lv")
        #expect(failed.code == 1)
        #expect(failed.errors.contains("instrumenta jautājumiem nav kolonnas"))
        #expect(!failed.errors.contains(" have no column"))
    }

    @Test(arguments: [
        ("wave: 2026-27-autumn\nsources:\n  - file: a.csv\n\tkind: needs\n", "a tab at line 4 column 1"),
        ("wave: 2026-27-autumn\nsources:\n  - file: a: b.csv\n    kind: needs\n", "put the value in quotes, e.g. \"a: b.csv\""),
        ("wave: 2026-27-autumn\nsources:\n  - file: a.csv\n      kind: needs\n", "line 4 is indented more than the key above it"),
        ("wave: 2026-27-autumn\nsources:\n  - file: a.csv\n    kind: needs\n  outputs:\n", "line 5 is indented differently"),
    ])
    func yamlMistakesInPlainWords(text: String, expected: String) throws {
        try text.write(to: workspace.url("typo.yaml"), atomically: true, encoding: .utf8)
        let result = try atbalsts(["run", workspace.url("typo.yaml").path])
        #expect(result.code == 2)
        #expect(result.errors.contains(expected), "\(result.errors)")
        #expect(!result.errors.contains("found character"), "not the parser's words")
    }

    @Test func aFolderIsNotAPipeline() throws {
        let result = try atbalsts(["run", workspace.directory.path])
        #expect(result.code == 2)
        #expect(result.errors.contains("is a folder; did you mean \(workspace.directory.path)/pipeline.yaml?"))
    }

    @Test func theWrongTermsFileFailsAndStoresNothing() throws {
        let spring = TestWorkspace.fixtures.appendingPathComponent("small-google-forms-spring.csv").path
        let path = try pipeline(spring)
        let result = try atbalsts(["run", path])
        #expect(result.code == 1)
        #expect(result.errors.contains("submission date(s) fall outside wave 2026-27-autumn (2026-08-01 – 2027-01-31)"))
        #expect(result.errors.contains("check `wave:`"))
        #expect(try AppDatabase(path: workspace.url("atbalsts.sqlite").path).waves().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: workspace.url("out/2026-27-autumn-padome.xlsx").path))

        // `wave_dates: off` takes it as it is.
        try pipeline(spring, settings: "  max_rejected_share: 0.1\n  wave_dates: off")
        #expect(try atbalsts(["run", path]).code == 0)
    }

    @Test func theSameFileUnderAnotherWaveIsRefused() throws {
        let path = try pipeline(standard, settings: "  max_rejected_share: 0.2")
        #expect(try atbalsts(["run", path]).code == 0)
        try pipeline(standard, wave: "2026-27-spring", settings: "  max_rejected_share: 0.2\n  wave_dates: off")
        let result = try atbalsts(["run", path])
        #expect(result.code == 1)
        #expect(result.errors.contains("these exact bytes were imported for wave 2026-27-autumn"))
        #expect(!FileManager.default.fileExists(atPath: workspace.url("out/2026-27-spring-padome.xlsx").path))
        #expect(try AppDatabase(path: workspace.url("atbalsts.sqlite").path).waves().map(\.id) == ["2026-27-autumn"])
    }

    @Test func reportForAWaveNotInTheDatabaseCreatesNothing() throws {
        let path = try pipeline(standard, wave: "2025-26-spring")
        let result = try atbalsts(["report", path])
        #expect(result.code == 1)
        #expect(result.errors.contains("wave 2025-26-spring is not in the database"))
        #expect(!FileManager.default.fileExists(atPath: workspace.url("out").path))
        #expect(!FileManager.default.fileExists(atPath: workspace.url("atbalsts.sqlite").path))
        #expect(!FileManager.default.fileExists(atPath: workspace.url("atbalsts.sqlite.lock").path))
    }

    @Test func aWaveWithNoRespondentsWritesNoWorkbook() throws {
        let export = workspace.url("nobody.csv")
        let text = try String(contentsOfFile: standard, encoding: .utf8).components(separatedBy: "\r\n")
        // The header and the row of an institution no register holds, taken as it is (share 1).
        try (text[0] + "\r\n" + text.first { $0.contains("Nezināma skola") }! + "\r\n")
            .write(to: export, atomically: true, encoding: .utf8)
        let path = try pipeline(export.path, settings: "  max_rejected_share: 1")
        let result = try atbalsts(["run", path])
        #expect(result.code == 1)
        #expect(result.errors.contains("wave 2026-27-autumn has no respondents: no workbook written"))
        #expect(!FileManager.default.fileExists(atPath: workspace.url("out/2026-27-autumn-padome.xlsx").path))
    }
}
