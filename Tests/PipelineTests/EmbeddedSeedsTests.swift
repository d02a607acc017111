import Foundation
import Testing

@testable import Pipeline

/// `atbalsts init` writes the standard seeds from inside the program (SPEC 6), so they must be
/// seeds/ byte for byte: run scripts/embed_seeds.py after changing seeds/.
struct EmbeddedSeedsTests {
    @Test func theEmbeddedSeedsAreTheRepositorysSeeds() throws {
        let folder = TestWorkspace.repository.appendingPathComponent("seeds")
        let onDisk = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { path in
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder)
            return !isFolder.boolValue
        }.sorted()
        #expect(EmbeddedSeeds.files.map(\.path).sorted() == onDisk)
        for file in EmbeddedSeeds.files {
            let bytes = try Data(contentsOf: folder.appendingPathComponent(file.path))
            #expect(Data(file.text.utf8) == bytes, "\(file.path) differs: run scripts/embed_seeds.py")
        }
    }

    @Test func initOutsideTheRepositoryWritesSeedsThatRun() throws {
        let workspace = try TestWorkspace()
        let folder = workspace.url("elsewhere")
        let result = try Workspace.initialize(folder, seedsFrom: nil, keyOnly: false)
        #expect(result.created.contains("seeds/"))
        let seeds = Seeds(directory: folder.appendingPathComponent("seeds"))
        #expect(try seeds.instrument("needs-v1").items.count == 41)
        #expect(try Seeds.register(at: seeds.defaultRegister).count == 24)
    }
}
