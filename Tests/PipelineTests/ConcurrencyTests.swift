import AtbalstsCore
import Foundation
import GRDB
import Store
import TestSupport
import Testing

@testable import Pipeline

/// SPEC 9: one workspace, one run at a time. A second `run`/`report`/`forget` waits, then fails
/// naming the other process; nothing either of them writes is ever corrupt, and no run deletes
/// another live run's temporary files.
@Suite(.serialized)
struct ConcurrencyTests {
    static let pairs = 10
    static let lockMessage = "in use by another atbalsts (pid "

    enum Pair: String, CaseIterable { case runAndRun, runAndReport, forgetAndRun }

    /// Each pair starts both processes at once, half of them with a lock wait too short to
    /// outlast the other, so both outcomes (waited and completed, refused with the message) occur.
    @Test(arguments: Pair.allCases)
    func concurrentCommandsNeverCorruptAndEitherCompleteOrNameTheOther(_ pair: Pair) throws {
        let binary = try Binary()
        let workspace = try TestWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace.directory) }
        _ = try workspace.pipeline()
        let pipeline = workspace.url("pipeline.yaml").path
        let database = workspace.url("atbalsts.sqlite").path
        let wave = "2026-27-autumn"
        var outcomes: [String: Int] = [:]
        for index in 0..<Self.pairs {
            if pair != .runAndRun { try #require(try binary.run(["run", pipeline, "--quiet"]).code == 0) }
            let wait = ["ATBALSTS_LOCK_WAIT": index % 2 == 0 ? "0.05" : "20"]
            let commands: [[String]]
            switch pair {
            case .runAndRun: commands = [["run", pipeline], ["run", pipeline]]
            case .runAndReport: commands = [["run", pipeline], ["report", pipeline]]
            case .forgetAndRun: commands = [["forget", pipeline, "--wave", wave, "--yes"], ["run", pipeline]]
            }
            let launched = try commands.map { try binary.launch($0, environment: wait) }
            let results = launched.map(Binary.finish)
            for (command, result) in zip(commands, results) {
                let name = command[0]
                let lines = result.ourLines.filter { $0.hasPrefix("atbalsts: ") }
                switch result.code {
                case 0:
                    outcomes["\(name) completed", default: 0] += 1
                case 1 where lines.count == 1 && lines[0].contains(Self.lockMessage):
                    outcomes["\(name) refused (lock)", default: 0] += 1
                case 2 where name == "forget" && lines.count == 1 && lines[0].contains("there is no wave"):
                    // forget ran first, on a database the other run had not filled yet.
                    outcomes["forget found nothing", default: 0] += 1
                default:
                    Issue.record("\(pair) #\(index) \(command): exit \(result.code): \(result.errors)")
                }
                #expect(!result.errors.contains("SQLite error"), "\(result.errors)")
            }
            let out = workspace.url("out")
            for name in (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? [] {
                #expect(!name.hasPrefix("."), "\(pair) #\(index): \(name) left behind")
                if name.hasSuffix(".xlsx") {
                    #expect(WholeWorkbook.problem(out.appendingPathComponent(name)) == nil, "\(pair) #\(index): \(name)")
                }
            }
        }
        print("\(pair): \(Self.pairs) pairs: \(outcomes.sorted { $0.key < $1.key })")
        #expect(outcomes.values.reduce(0, +) == 2 * Self.pairs)
    }

    @Test func aSecondRunWaitsThenNamesTheProcessHoldingTheDatabase() throws {
        let binary = try Binary()
        let workspace = try TestWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace.directory) }
        _ = try workspace.pipeline()
        let holder = try WorkspaceLock.acquire(for: workspace.url("atbalsts.sqlite"), command: "run other.yaml")
        let started = Date()
        let result = try binary.run(["run", workspace.url("pipeline.yaml").path], environment: ["ATBALSTS_LOCK_WAIT": "1"])
        let waited = Date().timeIntervalSince(started)
        #expect(result.code == 1)
        let lines = result.ourLines.filter { $0.hasPrefix("atbalsts: ") }
        #expect(lines.count == 1, "\(result.errors)")
        #expect(lines.first?.contains("pid \(getpid()), `atbalsts run other.yaml`") == true, "\(result.errors)")
        #expect(lines.first?.contains("wait until it ends") == true)
        #expect(waited >= 1, "it waited first")
        #expect(!FileManager.default.fileExists(atPath: workspace.url("out").path), "nothing written")

        holder.release()
        let after = try binary.run(["run", workspace.url("pipeline.yaml").path, "--quiet"], environment: ["ATBALSTS_LOCK_WAIT": "1"])
        #expect(after.code == 0, "\(after.errors)")
    }

    @Test func theLockMessageIsWholeInLatvian() throws {
        let workspace = try TestWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace.directory) }
        let database = workspace.url("atbalsts.sqlite")
        let holder = try WorkspaceLock.acquire(for: database, command: "report pipeline.yaml")
        defer { holder.release() }
        #expect(throws: WorkspaceBusy.self) { _ = try WorkspaceLock.acquire(for: database, command: "run", wait: 0.1) }
        do {
            _ = try WorkspaceLock.acquire(for: database, command: "run", wait: 0.1)
        } catch {
            let text = MessageLanguage.$current.withValue(.lv) { error.description }
            #expect(text.contains("datubāzi izmanto cits atbalsts process (pid \(getpid()), `atbalsts report pipeline.yaml`)"), "\(text)")
            for english in ["in use", "wait", "another", "run again"] { #expect(!text.contains(english), "\(text)") }
        }
    }

    @Test func theLockOfAKilledProcessIsGone() throws {
        let binary = try Binary()
        let workspace = try TestWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace.directory) }
        let export = workspace.url("large.csv")
        try KillTests.largeExport(at: export, rows: 5_000)
        _ = try workspace.pipeline(
            sources: """
                  - file: \(export.path)
                    kind: needs
                  - file: \(TestWorkspace.fixtures.path)/small-register.csv
                    kind: institutions
                """)
        let pipeline = workspace.url("pipeline.yaml").path
        let (process, _) = try binary.launch(["run", pipeline])
        var waited = 0
        while (try? String(contentsOf: workspace.url("atbalsts.sqlite.lock"), encoding: .utf8))?.isEmpty ?? true, waited < 10_000 {
            usleep(1_000)
            waited += 1
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let next = try binary.run(["run", pipeline, "--quiet"], environment: ["ATBALSTS_LOCK_WAIT": "0.1"])
        #expect(next.code == 0, "a killed run holds no lock: \(next.errors)")
    }

    @Test func aRunRemovesOnlyTheTemporaryFilesOfProcessesThatAreGone() throws {
        let workspace = try TestWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace.directory) }
        let out = workspace.url("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let dead = gone.processIdentifier
        let live = getppid()  // the test runner's parent: alive, and not this process
        let names = [
            ".2026-27-autumn-padome.xlsx.\(dead).tmp", ".2026-27-autumn-rejected.csv.\(dead).tmp",
            ".2026-27-autumn-T01.xlsx.styles.\(dead).tmp", "\(OutputFile.workFolderPrefix)\(dead).AbC123",
            ".2026-27-autumn-padome.xlsx.\(live).tmp", "\(OutputFile.workFolderPrefix)\(live).XyZ789", ".notes",
        ]
        for name in names { try Data("x".utf8).write(to: out.appendingPathComponent(name)) }
        #expect(OutputFile.owner(ofTemporary: names[0]) == dead)
        #expect(OutputFile.owner(ofTemporary: names[3]) == dead)
        #expect(OutputFile.owner(ofTemporary: ".notes") == nil)
        _ = try Runner(pipeline: try workspace.pipeline(), progress: RunProgress(quiet: true)).run()
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".") })
        #expect(left == [names[4], names[5], ".notes"], "a live run's files and others' stay; a dead run's go")
    }

    /// SPEC 9: "database is locked" reaches the user as one plain line, not SQL.
    @Test func aLockedDatabaseIsOnePlainLine() throws {
        let workspace = try TestWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace.directory) }
        let path = workspace.url("atbalsts.sqlite").path
        _ = try AppDatabase(path: path)
        // Another program holds an exclusive transaction (GRDB's rules: within one access).
        let other = try DatabaseQueue(path: path)
        let holding = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let finished = DispatchGroup()
        DispatchQueue.global().async(group: finished) {
            try? other.inDatabase { db in
                try db.execute(sql: "BEGIN EXCLUSIVE TRANSACTION")
                holding.signal()
                done.wait()
                try db.execute(sql: "ROLLBACK")
            }
        }
        holding.wait()
        defer {
            done.signal()
            finished.wait()
        }
        var text = ""
        do {
            _ = try AppDatabase(path: path).waves()
        } catch {
            text = "\(error)"
        }
        #expect(text.hasPrefix("\(path): the database is locked by another program"), "\(text)")
        #expect(!text.contains("SQLite") && !text.contains("BEGIN") && !text.contains("\n"), "\(text)")
    }
}
