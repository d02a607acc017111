import Foundation

extension EmbeddedSeeds {
    /// Writes the standard seeds and instruments under `folder`, as `seeds/` holds them.
    static func write(to folder: URL) throws {
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.text.utf8).write(to: url)
        }
    }
}
