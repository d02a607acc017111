import AtbalstsCore
import Foundation
import GRDB
import Store
import Testing

@testable import Pipeline

/// The user mistakes a specialist will make, each answered in one line with what, where and what
/// to do (issue 8; SPEC 6 exit codes: pipeline mistakes are PipelineError → exit 2).
struct ErrorCatalogueTests {
    func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    func expectOneLine(_ text: String?, containing parts: [String]) {
        guard let text else {
            Issue.record("expected an error")
            return
        }
        #expect(!text.contains("\n"), "one line: \(text)")
        for part in parts { #expect(text.contains(part), "\(text) lacks \(part)") }
    }

    @Test func missingPipelineFile() {
        expectOneLine(
            message { _ = try PipelineFile.load(URL(fileURLWithPath: "/nonexistent/pipeline.yaml")) },
            containing: ["/nonexistent/pipeline.yaml", "pipeline file not found"])
    }

    @Test func wrongPathInThePipeline() throws {
        let workspace = try TestWorkspace()
        let sources = "  - file: exports/typo.csv\n    kind: needs"
        let summary = try Runner(pipeline: try workspace.pipeline(sources: sources), progress: RunProgress(quiet: true)).run()
        #expect(summary.failed)
        expectOneLine(summary.sources.first?.error, containing: ["typo.csv", "cannot read the file"])
        #expect(summary.workbooks.isEmpty, "no workbook from a failed run")
    }

    @Test func yamlTypo() throws {
        let workspace = try TestWorkspace()
        expectOneLine(message { _ = try workspace.pipeline(top: "wave 2026-27-spring") }, containing: ["pipeline.yaml:", "not valid YAML"])
    }

    @Test func unknownInstrument() throws {
        let workspace = try TestWorkspace()
        let sources = "  - file: \(TestWorkspace.fixtures.path)/small-google-forms.csv\n    kind: needs\n    instrument: needs-v9"
        expectOneLine(
            message { _ = try Runner(pipeline: try workspace.pipeline(sources: sources), progress: RunProgress(quiet: true)).run() },
            containing: ["needs-v9.yaml", "instrument needs-v9 not found"])
    }

    @Test func unmappedInstitutionColumn() throws {
        let workspace = try TestWorkspace()
        let export = workspace.url("no-institution.csv")
        try "Timestamp,Jūsu amats\n2026/10/01 9:00:00 AM EET,Pedagogs\n".write(to: export, atomically: true, encoding: .utf8)
        let summary = try Runner(
            pipeline: try workspace.pipeline(sources: "  - file: \(export.path)\n    kind: needs"), progress: RunProgress(quiet: true)
        ).run()
        expectOneLine(summary.sources.first?.error, containing: ["no-institution.csv", "institution", "columns:"])
    }

    @Test func databaseOfANewerVersion() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        _ = try AppDatabase(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        expectOneLine(message { _ = try AppDatabase(path: path) }, containing: [path, "newer atbalsts", "update"])
    }

    @Test func outputFolderNotWritable() throws {
        let workspace = try TestWorkspace()
        try "not a folder".write(to: workspace.url("blocked"), atomically: true, encoding: .utf8)
        let pipeline = try workspace.pipeline(outputs: "blocked/out")
        expectOneLine(
            message { _ = try Runner(pipeline: pipeline, progress: RunProgress(quiet: true)).run() },
            containing: ["blocked/out", "cannot create the output folder"])
    }

    @Test func undecodableBytesNameTheOffset() throws {
        let workspace = try TestWorkspace()
        let export = workspace.url("broken.csv")
        var bytes = Array("Izglītības iestāde\nT01\n".utf8)
        // 0x81 after ī's lead byte C4 makes a valid ā and leaves ī's second byte 0xAB stray: the
        // text is UTF-8 but for one byte (SPEC 4.1), and that byte is in the header.
        bytes.insert(0x81, at: 5)
        try Data(bytes).write(to: export)
        let summary = try Runner(
            pipeline: try workspace.pipeline(sources: "  - file: \(export.path)\n    kind: needs"), progress: RunProgress(quiet: true)
        ).run()
        expectOneLine(summary.sources.first?.error, containing: ["broken.csv", "byte offset 6", "0xAB", "UTF-8"])
        let waves = try AppDatabase(path: workspace.url("atbalsts.sqlite").path).waves()
        #expect(waves.isEmpty, "nothing of the file is stored")
    }
}
