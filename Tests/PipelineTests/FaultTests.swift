import AtbalstsCore
import Foundation
import Store
import TestSupport
import Testing

@testable import Pipeline

/// SPEC 9 under a hostile disk: a run never ends with exit 0 when what it wrote is wrong; a failed
/// write exits 1 naming the file and the cause, leaves the previous workbooks byte for byte, and
/// removes its temporary files. The disks are real tmpfs mounts, filled to a chosen free space.
@Suite(.serialized)
struct FaultTests {
    static func leftovers(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
    }

    @Test func aFullOutputFolderStopsAtTheFirstFailedFileAndKeepsThePreviousOnes() throws {
        let binary = try Binary()
        let workspace = try TestWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace.directory) }
        guard let disk = try TinyDisk.mounted(at: workspace.url("out")) else {
            return try anInjectedWriteFailureStopsTheRunAndKeepsThePreviousFiles()
        }
        defer { disk.unmount() }
        try workspace.samplePipeline()
        let pipeline = workspace.url("pipeline.yaml").path
        let first = try binary.run(["run", pipeline, "--quiet"])
        try #require(first.code == 0, "\(first.errors)")

        var failures: [String] = []
        var completed = 0
        // From nothing free to room for most of the 21 workbooks: the failure lands in the
        // rejected rows, the council workbook, and institution workbooks written in parallel.
        for kilobytes in [0, 4, 8, 16, 24, 32, 48, 64, 96, 128, 192, 256, 320] {
            let before = try workspace.snapshot()
            try disk.fill(leaving: kilobytes)
            let result = try binary.run(["report", pipeline])
            try FileManager.default.removeItem(at: disk.fill)
            #expect(try Self.leftovers(in: disk.path).isEmpty, "\(kilobytes) KB free: temporary files left")
            if result.code == 0 {
                completed += 1
                for name in try workspace.snapshot().keys where name.hasSuffix(".xlsx") {
                    #expect(WholeWorkbook.problem(disk.path.appendingPathComponent(name)) == nil, "exit 0 with a broken \(name)")
                }
                continue
            }
            #expect(result.code == 1, "\(kilobytes) KB free: \(result.errors)")
            let errors = result.ourLines.filter { $0.hasPrefix("atbalsts: ") }
            #expect(errors.count == 1, "one line: \(result.errors)")
            let line = errors.first ?? ""
            #expect(line.contains(disk.path.path + "/2026-27-autumn-"), "names the file: \(line)")
            #expect(line.contains("disk full"), "names the cause: \(line)")
            #expect(!line.contains("ZIP_ERRNO") && !line.contains("SQLite"), "\(line)")
            // The failed file and every one not reached are the previous ones, byte for byte;
            // those written before the failure are whole new ones.
            let after = try workspace.snapshot()
            #expect(Set(after.keys) == Set(before.keys))
            for (name, bytes) in after where bytes != before[name] {
                #expect(!line.contains("/\(name):"), "\(kilobytes) KB free: the failed \(name) changed")
                #expect(name.hasSuffix(".csv") || WholeWorkbook.problem(disk.path.appendingPathComponent(name)) == nil, "\(name)")
            }
            failures.append("\(kilobytes) KB free: " + (line.components(separatedBy: "/").last ?? line))
        }
        print("full output folder: \(failures.count) of 13 free spaces failed with exit 1, \(completed) completed whole: \(failures)")
        #expect(failures.count >= 3, "the small disks failed: \(failures)")
        #expect(failures.contains { $0.contains(".xlsx:") }, "a workbook failed, not only the CSV: \(failures)")
        #expect(completed >= 1, "the larger disks had room")

        // Room again: the next run succeeds.
        let again = try binary.run(["report", pipeline, "--quiet"])
        #expect(again.code == 0, "\(again.errors)")
    }

    /// Issue 14.1: libxlsxwriter's working files no longer go to `$TMPDIR`, so a full one changes
    /// nothing; nothing of the survey is written there either.
    @Test func aFullTemporaryFolderChangesNothing() throws {
        let binary = try Binary()
        let workspace = try TestWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace.directory) }
        guard let temporary = try TinyDisk.mounted(at: workspace.url("tmp")) else {
            return try anInjectedWriteFailureStopsTheRunAndKeepsThePreviousFiles()
        }
        defer { temporary.unmount() }
        try temporary.fill(leaving: 0)
        try workspace.samplePipeline()
        let result = try binary.run(["run", workspace.url("pipeline.yaml").path, "--quiet"], environment: ["TMPDIR": temporary.path.path])
        #expect(result.code == 0, "\(result.errors)")
        let books = try workspace.snapshot().keys.filter { $0.hasSuffix(".xlsx") }
        #expect(books.contains("2026-27-autumn-padome.xlsx") && books.count > 10, "\(books)")
        for name in books {
            #expect(WholeWorkbook.problem(workspace.url("out/\(name)")) == nil, "\(name)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path.path) == ["fill"], "nothing in TMPDIR")
    }

    @Test func aReadOnlyOutputFolderFailsInOneLineWithExitOne() throws {
        let binary = try Binary()
        let workspace = try TestWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace.directory) }
        guard let disk = try TinyDisk.mounted(at: workspace.url("out")) else {
            return try anInjectedWriteFailureStopsTheRunAndKeepsThePreviousFiles()
        }
        defer { disk.unmount() }
        _ = try workspace.pipeline()
        let pipeline = workspace.url("pipeline.yaml").path
        try #require(try binary.run(["run", pipeline, "--quiet"]).code == 0)
        let before = try workspace.snapshot()
        try #require(disk.makeReadOnly(), "cannot remount read-only")
        let result = try binary.run(["report", pipeline])
        #expect(result.code == 1, "\(result.errors)")
        let errors = result.ourLines.filter { $0.hasPrefix("atbalsts: ") }
        #expect(errors.count == 1 && errors[0].contains("read-only"), "\(result.errors)")
        #expect(try workspace.snapshot() == before)
    }

    /// The same promises where no disk can be mounted: `ATBALSTS_FAIL_WRITE=N` cuts the N-th output
    /// file in half (a workbook, as libxlsxwriter leaves one on a full disk) or fails its write
    /// with ENOSPC (the rejected rows). Runs everywhere, root or not.
    @Test func anInjectedWriteFailureStopsTheRunAndKeepsThePreviousFiles() throws {
        let binary = try Binary()
        let workspace = try TestWorkspace()
        let pipeline = try workspace.sampleRunOnce(with: binary)
        let out = workspace.url("out")
        // 1: the rejected rows; 2: the council workbook; 3 and on: institution workbooks.
        try #require(FileManager.default.fileExists(atPath: out.appendingPathComponent("2026-27-autumn-rejected.csv").path))
        for failing in [1, 2, 3, 9] {
            let before = try workspace.snapshot()
            let started = Date()
            usleep(1_100_000)  // a file written by this run would have a later mtime
            let result = try binary.run(["report", pipeline], environment: ["ATBALSTS_FAIL_WRITE": "\(failing)"])
            #expect(result.code == 1, "write \(failing): \(result.errors)")
            let lines = result.ourLines.filter { $0.hasPrefix("atbalsts: ") }
            #expect(lines.count == 1, "\(result.errors)")
            let line = lines.first ?? ""
            #expect(line.contains(out.path + "/2026-27-autumn-"), "names the file: \(line)")
            #expect(line.contains(failing == 1 ? "disk full" : "came out incomplete"), "names the cause: \(line)")
            #expect(try Self.leftovers(in: out).isEmpty, "temporary files removed")
            // Files written before the failure are whole new ones; the failed one and all after
            // it are the previous ones, byte for byte.
            var replaced = 0
            for (name, bytes) in try workspace.snapshot() where bytes != before[name] {
                let modified =
                    try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(name).path)[.modificationDate] as? Date
                #expect((modified ?? .distantPast) > started)
                #expect(!line.contains(name), "the failed file is untouched: \(name)")
                replaced += 1
            }
            #expect(replaced <= failing - 1 + ProcessInfo.processInfo.activeProcessorCount, "no further workbooks: \(replaced) replaced")
        }
    }

    /// Issue 14.4: a store that fails on a full disk exits 1 in one plain line, rolls back, and
    /// leaves no hot `-journal` behind; what was stored before is whole and the next run works.
    @Test func aFullDiskUnderTheDatabaseRollsBackAndLeavesNoJournal() throws {
        let binary = try Binary()
        let workspace = try TestWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace.directory) }
        let disk = try #require(
            try TinyDisk.mounted(at: workspace.url("db"), size: "3m"), "SQLite's own writes cannot be injected: needs root")
        defer { disk.unmount() }
        let export = workspace.url("large.csv")
        try KillTests.largeExport(at: export, rows: 8_000)
        let large =
            "  - file: \(export.path)\n    kind: needs\n  - file: \(TestWorkspace.fixtures.path)/small-register.csv\n    kind: institutions"
        let database = disk.path.appendingPathComponent("atbalsts.sqlite")
        for kilobytes in [0, 16, 64, 160] {
            _ = try workspace.pipeline(top: "database: db/atbalsts.sqlite")
            try #require(try binary.run(["run", workspace.url("pipeline.yaml").path, "--quiet"]).code == 0)
            let before = try AppDatabase(path: database.path).waves()
            try disk.fill(leaving: kilobytes)
            _ = try workspace.pipeline(sources: large, top: "database: db/atbalsts.sqlite")
            let result = try binary.run(["run", workspace.url("pipeline.yaml").path, "--quiet"])
            #expect(result.code == 1, "\(kilobytes) KB free: \(result.errors)")
            let lines = result.ourLines.filter { $0.hasPrefix("atbalsts: ") }
            #expect(lines.count == 1 && lines[0].contains("atbalsts.sqlite: disk full"), "\(result.errors)")
            #expect(!result.errors.contains("SQLite"), "\(result.errors)")
            #expect(!FileManager.default.fileExists(atPath: database.path + "-journal"), "\(kilobytes) KB free: hot journal left")
            try FileManager.default.removeItem(at: disk.fill)
            #expect(try AppDatabase(path: database.path).waves() == before, "what was stored before stays")
            for name in try FileManager.default.contentsOfDirectory(atPath: disk.path.path) where name.hasPrefix("atbalsts.sqlite") {
                try FileManager.default.removeItem(at: disk.path.appendingPathComponent(name))
            }
        }
    }

    /// Workbooks are written in parallel; after the first failure no further one is started.
    @Test func parallelWorkStopsAtTheFirstFailure() throws {
        let started = Locked(0)
        #expect(throws: OutputError.self) {
            _ = try Runner.inParallel((0..<200).map(String.init)) { index in
                started.update { $0 += 1 }
                if index == 3 { throw OutputError(file: "x.xlsx", what: .workbook, cause: .diskFull) }
                usleep(2_000)
                return String(index)
            }
        }
        let count = started.value
        #expect(count < 4 + 2 * ProcessInfo.processInfo.activeProcessorCount, "\(count) of 200 started")
    }

    @Test func writeFailuresAreNamedInPlainWords() {
        let full = OutputError(file: "out/a.xlsx", what: .workbook, cause: .init(systemError: ENOSPC, folder: "/"))
        #expect(full.description.hasPrefix("out/a.xlsx: cannot write the workbook: disk full;"))
        #expect(full.description.contains("previous file is kept"))
        #expect(OutputError.Cause(systemError: EROFS, folder: "/") == .readOnly)
        #expect(OutputError.Cause(systemError: EIO, folder: "/") == .inputOutput)
        MessageLanguage.$current.withValue(.lv) {
            #expect(full.description.contains("disks ir pilns"))
            #expect(!full.description.contains("disk full"))
        }
    }
}

/// A value shared between test threads.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
    func update(_ body: (inout Value) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        body(&stored)
    }
}
