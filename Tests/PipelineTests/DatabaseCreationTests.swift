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

    @Test func aNewDatabaseArrivesWithItsSchemaAnswerTableAndKey() throws {
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
        #expect(try queue.read { try $0.tableExists("answer_needs_v1") })
        #expect(try queue.read { try String.fetchOne($0, sql: "SELECT fingerprint FROM key_fingerprint") } == "fingerprint")
        // Durable as any database: the journal is a file again once it is opened for use.
        #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "delete")
        // Opened again, nothing more is migrated, and another key is refused as before.
        let database = try AppDatabase(path: path)
        #expect(try queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") } == applied)
        #expect(throws: StoreError.anotherKey(path: path)) { try database.useKey(fingerprint: "another") }
    }

    /// What a killed creation leaves (its own private file) stands in nobody's way.
    @Test func aFileLeftByAKilledCreationIsNoObstacle() throws {
        let workspace = try TestWorkspace()
        let path = workspace.url("atbalsts.sqlite").path
        let stale = path + ".creating-\(getpid())"
        #expect(FileManager.default.createFile(atPath: stale, contents: Data("half made".utf8)))
        let database = try AppDatabase(path: path, instruments: [try Self.needs()])
        #expect(try database.waves().isEmpty)
        #expect(try Self.leftovers(in: workspace.directory).isEmpty)
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

    /// A run on a new database makes it with the pipeline's survey instrument ready: the import
    /// then migrates nothing.
    @Test func aRunMakesTheDatabaseWithItsAnswerTable() throws {
        let workspace = try TestWorkspace()
        let pipeline = try workspace.pipeline()
        _ = try Runner(pipeline: pipeline, progress: RunProgress(quiet: true)).run()
        let queue = try DatabaseQueue(path: pipeline.database.path)
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM response") ?? 0 } > 0)
        #expect(try Self.leftovers(in: pipeline.database.deletingLastPathComponent()).isEmpty)
        let mode = try FileManager.default.attributesOfItem(atPath: pipeline.database.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
