import Foundation
import Store
import TestSupport
import Testing

@testable import Pipeline

/// SPEC 9: a file is stored in one transaction. The real binary is killed with SIGKILL while it
/// stores a large file; the database then holds all of the file or none of it, and running again
/// gives the numbers of a clean run.
struct KillTests {
    static let rows = 30_000

    /// The small fixture's accepted rows, repeated with new e-mails: a 30,000-row export.
    static func largeExport(at url: URL, rows: Int = rows) throws {
        let text = try String(contentsOf: TestWorkspace.fixtures.appendingPathComponent("small-google-forms.csv"), encoding: .utf8)
        let lines = text.components(separatedBy: "\r\n")
        let header = lines[0]
        let body = lines[3...15].filter { !$0.isEmpty }  // single-line records of T01–T03
        var out = header + "\r\n"
        out.reserveCapacity(rows * 700)
        for index in 0..<rows {
            let line = body[index % body.count]
            out += line.replacingOccurrences(of: "@example.lv", with: ".\(index)@example.lv") + "\r\n"
        }
        try out.write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func aKilledImportLeavesAllOrNothing() throws {
        let workspace = try TestWorkspace()
        let export = workspace.url("large.csv")
        try Self.largeExport(at: export)
        let sources = """
              - file: \(export.path)
                kind: needs
              - file: \(TestWorkspace.fixtures.path)/small-register.csv
                kind: institutions
            """
        _ = try workspace.pipeline(sources: sources)

        let process = Process()
        process.executableURL = try BuiltBinary.require()
        process.arguments = ["run", workspace.url("pipeline.yaml").path]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // SQLite's rollback journal exists exactly while the write transaction is open. The file is
        // stored while it is still being parsed, so the transaction opens near the start: wait for
        // it, then let a few batches in before the kill lands in the middle of the file.
        // The migrations' short transaction has a journal too: on a loaded machine the first one
        // seen may be theirs, so wait until one is still there 150 ms after it was seen.
        let journal = workspace.url("atbalsts.sqlite-journal").path
        let deadline = Date().addingTimeInterval(120)
        var killedInTransaction = false
        while !killedInTransaction, Date() < deadline, process.isRunning {
            while !FileManager.default.fileExists(atPath: journal), Date() < deadline, process.isRunning {
                usleep(1_000)
            }
            usleep(150_000)
            killedInTransaction = FileManager.default.fileExists(atPath: journal)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the run was killed, not finished")
        #expect(killedInTransaction, "the kill landed inside the store transaction")

        let database = try AppDatabase(path: workspace.url("atbalsts.sqlite").path)
        let waves = try database.waves()
        let stored = waves.first?.responses ?? 0
        #expect(stored == 0, "a transaction killed half way leaves nothing: \(stored) rows")
        #expect((waves.first?.sources ?? 0) == (stored == 0 ? 0 : 1))

        let again = try Runner(pipeline: try workspace.pipeline(sources: sources), progress: RunProgress(quiet: true)).run()
        #expect(again.respondents == Self.rows)

        let clean = try TestWorkspace()
        try FileManager.default.removeItem(at: clean.url("atbalsts.key"))
        try FileManager.default.copyItem(at: workspace.url("atbalsts.key"), to: clean.url("atbalsts.key"))
        _ = try Runner(pipeline: try clean.pipeline(sources: sources), progress: RunProgress(quiet: true)).run()
        let rerun = try WorkbookReader(workspace.url("out/2026-27-autumn-padome.xlsx")).rows(ofSheet: "Prioritātes")
        let fresh = try WorkbookReader(clean.url("out/2026-27-autumn-padome.xlsx")).rows(ofSheet: "Prioritātes")
        #expect(rerun == fresh)
    }
}
