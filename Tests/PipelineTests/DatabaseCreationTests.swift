import AtbalstsCore
import Foundation
import GRDB
import Store
import TestSupport
import Testing

@testable import Pipeline

/// A new database is made whole in a private file beside it and linked into place (issue 19:
/// sixteen synced commits before the first import were most of a small run's time).
struct DatabaseCreationTests {
    private static func needs() throws -> Instrument {
        try Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds")).instrument("needs-v1")
    }

    private static func leftovers(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".creating-") }
    }

    @Test func aNewDatabaseArrivesWithItsSchemaInstrumentAndKey() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        let instrument = try Self.needs()
        _ = try AppDatabase(path: path, instruments: [instrument], keyFingerprint: "fingerprint")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600, "SPEC 8: readable by its owner only")
        #expect(try Self.leftovers(in: workspace.directory).isEmpty)
        let queue = try DatabaseQueue(path: path)
        let applied = try queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(Set(applied).isSuperset(of: ["v1-waves-sources-responses", "v11-compact-answers", "answers needs-v1"]))
        #expect(try queue.read { try String.fetchOne($0, sql: "SELECT id FROM instrument") } == "needs-v1")
        #expect(try queue.read { try String.fetchOne($0, sql: "SELECT fingerprint FROM key_fingerprint") } == "fingerprint")
        // Opened again, nothing more is migrated, and another key is refused as before.
        let database = try AppDatabase(path: path)
        #expect(try queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") } == applied)
        #expect(throws: StoreError.anotherKey(path: path)) { try database.useKey(fingerprint: "another") }
    }

    /// What a killed creation leaves is cleared away: an unfinished file of another process
    /// (its only name) when the next database is made, and a second name of the database (killed
    /// between link and unlink) whenever it is opened. Other files stay.
    @Test func whatAKilledCreationLeftIsRemoved() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        let unfinished = path + ".creating-4711ab"
        let unrelated = workspace.url("atbalsts.sqlite.notes").path
        #expect(FileManager.default.createFile(atPath: unfinished, contents: Data("half made".utf8)))
        #expect(FileManager.default.createFile(atPath: unrelated, contents: Data("mine".utf8)))
        _ = try AppDatabase(path: path, instruments: [try Self.needs()])
        #expect(try Self.leftovers(in: workspace.directory).isEmpty)
        #expect(FileManager.default.fileExists(atPath: unrelated))
        // Killed after linking, before the building name was dropped: the same file twice.
        let secondName = path + ".creating-0815cd"
        #expect(link(path, secondName) == 0)
        let database = try AppDatabase(path: path)
        #expect(try Self.leftovers(in: workspace.directory).isEmpty, "a second name would keep every later answer")
        #expect(try database.waves().isEmpty)
    }

    /// Two instruments whose answers would share a table are refused when the database is made,
    /// and nothing is made: the pipeline put right, the next run makes it.
    @Test func instrumentsThatShareATableAreRefusedAtCreation() throws {
        let workspace = try TestWorkspace()
        let seeds = workspace.url("seeds")
        try FileManager.default.copyItem(at: TestWorkspace.repository.appendingPathComponent("seeds"), to: seeds)
        let text = try String(contentsOf: seeds.appendingPathComponent("instruments/needs-v1.yaml"), encoding: .utf8)
        try text.replacingOccurrences(of: "id: needs-v1", with: "id: Needs_v1")
            .write(to: seeds.appendingPathComponent("instruments/Needs_v1.yaml"), atomically: true, encoding: .utf8)
        let twin = try Seeds(directory: seeds).instrument("Needs_v1")
        let path = workspace.url("atbalsts.sqlite").path
        #expect(throws: StoreError.instrumentIDClash(id: "Needs_v1", other: "needs-v1")) {
            _ = try AppDatabase(path: path, instruments: [try Self.needs(), twin])
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try Self.leftovers(in: workspace.directory).isEmpty)
        _ = try AppDatabase(path: path, instruments: [try Self.needs()])
        #expect(try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT id FROM instrument") } == ["needs-v1"])
    }

    /// A link to nothing at the database's path is refused in one line, as before: following it
    /// would make a database with the default permissions, readable by others (SPEC 8).
    @Test func aLinkToNothingIsRefused() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        #expect(symlink(workspace.url("elsewhere.sqlite").path, path) == 0)
        #expect(throws: StoreError.cannotCreate(path: path, cause: .danglingLink)) { _ = try AppDatabase(path: path) }
        #expect(!FileManager.default.fileExists(atPath: workspace.url("elsewhere.sqlite").path))
    }

    /// Where no file can be made (a folder that is not there; root may write anywhere else), one
    /// line names the database, and nothing is left behind.
    @Test func aFolderThatIsNotThereFailsInOneLineNamingTheDatabase() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("gone").appendingPathComponent("atbalsts.sqlite").path
        #expect {
            _ = try AppDatabase(path: path)
        } throws: { error in
            "\(error)".contains(path) && !"\(error)".contains("\n") && !"\(error)".contains(".creating-")
        }
        #expect(try Self.leftovers(in: workspace.directory).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: workspace.url("gone").path))
    }

    /// A run on a new database makes it private, with the pipeline's survey instrument's table.
    @Test func aRunMakesTheDatabaseWithItsInstrument() throws {
        let workspace = try TestWorkspace()
        let pipeline = try workspace.pipeline()
        _ = try Runner(pipeline: pipeline, progress: RunProgress(quiet: true)).run()
        let queue = try DatabaseQueue(path: pipeline.database.path)
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM response") ?? 0 } > 0)
        #expect(try queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }.contains("answers needs-v1"))
        #expect(try Self.leftovers(in: pipeline.database.deletingLastPathComponent()).isEmpty)
        let mode = try FileManager.default.attributesOfItem(atPath: pipeline.database.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
