import Foundation
import Store
import Testing

@testable import Pipeline

/// SPEC 8: the pseudonym key is exactly 32 bytes, mode 0600, a regular file; the database records
/// its fingerprint on first use and refuses another key (issue 14 item 3).
struct KeyTests {
    func keyFile(_ bytes: [UInt8], mode: Int = 0o600, in workspace: TestWorkspace) throws -> URL {
        let url = workspace.url("other.key")
        try Data(bytes).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        return url
    }

    func refusal(_ url: URL) -> String? {
        do {
            _ = try Workspace.loadKey(at: url, pipeline: "pipeline.yaml")
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func aKeyOf32BytesWithMode0600IsRead() throws {
        let workspace = try TestWorkspace()
        let key = try Workspace.loadKey(at: workspace.url("atbalsts.key"), pipeline: "pipeline.yaml")
        #expect(key.count == 32)
    }

    @Test(arguments: [16, 31, 64, 0])
    func anyOtherLengthIsRefused(length: Int) throws {
        let workspace = try TestWorkspace()
        let url = try keyFile(Array(repeating: 7, count: length), in: workspace)
        let message = try #require(refusal(url))
        #expect(message.contains(url.path) && message.contains("is \(length) bytes; it must be exactly 32"), "\(message)")
        #expect(!message.contains("\n"))
    }

    @Test func aTrailingLineBreakIsNamed() throws {
        let workspace = try TestWorkspace()
        let key = try Data(contentsOf: workspace.url("atbalsts.key"))
        let url = try keyFile(Array(key) + [0x0A], in: workspace)
        let message = try #require(refusal(url))
        #expect(message.contains("33 bytes and ends with a line break"), "\(message)")
        #expect(message.contains("truncate -s 32 \(url.path)"), "says what to do: \(message)")
    }

    @Test(arguments: [0o644, 0o666, 0o640, 0o604])
    func aKeyOthersCanReadIsRefused(mode: Int) throws {
        let workspace = try TestWorkspace()
        let key = try Data(contentsOf: workspace.url("atbalsts.key"))
        let url = try keyFile(Array(key), mode: mode, in: workspace)
        let message = try #require(refusal(url))
        #expect(message.contains("mode 0\(String(mode, radix: 8))") && message.contains("chmod 600 \(url.path)"), "\(message)")
    }

    /// `/dev/zero` is refused before a byte is read, and no `atbalsts init /dev` is suggested.
    @Test func aDeviceOrAFolderIsNotAKey() throws {
        let workspace = try TestWorkspace()
        for url in [URL(fileURLWithPath: "/dev/zero"), workspace.directory] {
            let message = try #require(refusal(url))
            #expect(message.contains("not a regular file"), "\(message)")
            #expect(!message.contains("atbalsts init /"), "\(message)")
        }
    }

    @Test func theDatabaseRefusesAnotherKey() throws {
        let workspace = try TestWorkspace()
        _ = try Runner(pipeline: try workspace.pipeline(), progress: RunProgress(quiet: true)).run()
        let database = workspace.url("atbalsts.sqlite").path
        let key = try Data(contentsOf: workspace.url("atbalsts.key"))
        let other = Array(key.reversed())
        _ = try keyFile(other, in: workspace)
        let pipeline = try workspace.pipeline(top: "pseudonym_key: other.key")
        #expect {
            _ = try Runner(pipeline: pipeline, progress: RunProgress(quiet: true)).run()
        } throws: { error in
            "\(error)"
                == "\(database): this database was made with another key; set pseudonym_key in the pipeline to the key it was made with (a new key cannot link teachers to earlier waves), or give a new key a new database"
        }
        // The same key again is welcome, and only a fingerprint is stored, never the key.
        _ = try Runner(pipeline: try workspace.pipeline(), progress: RunProgress(quiet: true)).run()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: database))
        #expect(bytes.range(of: key) == nil)
        #expect(bytes.range(of: Data(Workspace.fingerprint(of: Array(key)).utf8)) != nil)
        #expect(Workspace.fingerprint(of: Array(key)) != Workspace.fingerprint(of: other))
    }

    @Test func anotherKeyExitsWith2() throws {
        let workspace = try TestWorkspace()
        _ = try workspace.pipeline()
        #expect(try BuiltBinary.run(["run", workspace.url("pipeline.yaml").path, "--quiet"]).code == 0)
        let key = try Data(contentsOf: workspace.url("atbalsts.key"))
        _ = try keyFile(Array(key.reversed()), in: workspace)
        _ = try workspace.pipeline(top: "pseudonym_key: other.key")
        let result = try BuiltBinary.run(["run", workspace.url("pipeline.yaml").path, "--quiet"])
        #expect(result.code == 2)
        #expect(result.errors.contains("this database was made with another key"), "\(result.errors)")
    }
}
