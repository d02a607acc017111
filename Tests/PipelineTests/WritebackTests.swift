import CSQLiteSettings
import Foundation
import GRDB
import TestSupport
import Testing

/// An import sends the database's pages to the disk as it goes (`atbalsts_start_writeback`,
/// issue 19), so the commit's sync waits for the last few only. The call is declared by hand
/// (the C library declares it only under _GNU_SOURCE): on Linux it must reach the kernel.
struct WritebackTests {
    @Test func startingWritebackReachesTheKernel() throws {
        let workspace = try TestWorkspace()
        let url = workspace.url("pages")
        try Data(repeating: 7, count: 1 << 20).write(to: url)
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        #expect(atbalsts_start_writeback(descriptor) == 0)
        #if os(Linux)
            #expect(atbalsts_start_writeback(-1) == -1 && errno == EBADF, "a real call, not a stand-in")
        #endif
    }

    /// The pages go through SQLite's own descriptor. Through one of its own, opened and closed,
    /// the import dropped every POSIX lock the process held on the file (closing any descriptor
    /// of a file does that), SQLite's too, mid-transaction: another process reading the database
    /// then took the live journal for a crash's and rolled the import back under it ("the
    /// database file is damaged", a corrupt index). Here `atbalsts waves` reads the database over
    /// and over while a run imports 60,000 rows (three writebacks): the run completes, no read
    /// finds the database damaged, and the database is whole.
    @Test func readersDuringALargeImportFindTheDatabaseLocked() throws {
        let binary = try Binary()
        let workspace = try TestWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace.directory) }
        let sample = try String(
            contentsOf: TestWorkspace.repository.appendingPathComponent("samples/google-forms-needs.csv"), encoding: .utf8)
        // The header (its quoted texts span lines) and the first answer, whose e-mail each copy changes.
        let rows = sample.components(separatedBy: "\r\n2026/")
        let header = rows[0]
        let answer = "2026/" + rows[1]
        let fields = answer.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
        try #require(fields.count == 3 && fields[1].contains("@"))
        var text = header
        text.reserveCapacity(header.utf8.count + 60_000 * (answer.utf8.count + 16))
        for index in 0..<60_000 { text += "\r\n\(fields[0]),t\(index)@example.lv,\(fields[2])" }
        text += "\r\n"
        let export = workspace.url("large.csv")
        try text.write(to: export, atomically: true, encoding: .utf8)
        _ = try workspace.pipeline(sources: "  - file: \(export.path)\n    kind: needs", settings: "")
        let database = workspace.url("atbalsts.sqlite").path

        let run = try binary.launch(["run", workspace.url("pipeline.yaml").path, "--quiet"])
        var reads = 0
        var damaged: [String] = []
        while run.0.isRunning {
            let result = try binary.run(["waves", "--database", database])
            reads += 1
            if result.errors.contains("damaged") || result.errors.contains("SQLite error") { damaged.append(result.errors) }
        }
        let finished = Binary.finish(run)
        #expect(finished.code == 0, "\(finished.errors)")
        #expect(damaged.isEmpty, "\(damaged.prefix(3))")
        #expect(reads > 3, "the reads overlapped the import")
        let check = try DatabaseQueue(path: database).read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
        #expect(check == ["ok"])
        let stored = try DatabaseQueue(path: database).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM response") }
        #expect(stored == 60_000)
    }
}
