import AtbalstsCore
import Foundation
import Store

/// SPEC 6 `forget` (data retention): a wave's rows leave the database, and its files leave the
/// output folder — the council and institution workbooks and `<wave>-rejected.csv`, which holds
/// raw quarantined values.
public enum WaveRemoval {
    public struct Result: Sendable {
        /// Whether the database held the wave.
        public let wasStored: Bool
        /// The files removed from the output folder, by name.
        public let removedFiles: [String]
    }

    public static func forget(wave: String, pipeline: PipelineFile) throws -> Result {
        guard let parsed = Wave(wave), parsed.id == wave else {
            throw PipelineError(
                file: pipeline.path.path,
                say(
                    "\"\(wave)\" is not a wave; write it as 2026-27-autumn (see `atbalsts waves`)",
                    lv: "\"\(wave)\" nav kārta; rakstiet to kā 2026-27-autumn (skatiet `atbalsts waves`)"))
        }
        let database = pipeline.database.path
        // SPEC 9: one run at a time: forget waits for a run or report on the same database.
        let lock = try WorkspaceLock.acquire(for: pipeline.database, command: "forget --wave \(wave)")
        defer { lock.release() }
        let wasStored =
            FileManager.default.fileExists(atPath: database)
            ? try AppDatabase(path: database).forget(wave: wave) : false
        let files = Self.files(of: wave, in: pipeline.outputs.directory)
        guard wasStored || !files.isEmpty else {
            throw PipelineError(
                file: database,
                say(
                    "there is no wave \(wave) in the database nor in \(pipeline.outputs.directory.path) (see `atbalsts waves`)",
                    lv: "kārtas \(wave) nav ne datubāzē, ne mapē \(pipeline.outputs.directory.path) (skatiet `atbalsts waves`)"))
        }
        for file in files where unlink(file.path) != 0 && errno != ENOENT {
            throw RemovalError(path: file.path, reason: String(cString: strerror(errno)))
        }
        return Result(wasStored: wasStored, removedFiles: files.map(\.lastPathComponent))
    }

    /// `<wave>-padome.xlsx`, `<wave>-<code>.xlsx` and `<wave>-rejected.csv`; nothing else in the
    /// folder is touched.
    public static func files(of wave: String, in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let prefix = "\(wave)-"
        return names.sorted().filter { name in
            guard name.hasPrefix(prefix) else { return false }
            if name == "\(wave)-rejected.csv" { return true }
            guard name.hasSuffix(".xlsx") else { return false }
            let middle = String(name.dropFirst(prefix.count).dropLast(".xlsx".count))
            return middle == "padome" || Institution.isValidCode(middle)
        }.map { directory.appendingPathComponent($0) }
    }

    /// A wave's file that could not be removed: the wave is gone from the database, the file is not.
    public struct RemovalError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String

        public var description: String {
            say(
                "\(path): cannot remove the file (\(reason)); delete it by hand: it belongs to the forgotten wave",
                lv: "\(path): nevar izdzēst failu (\(reason)); izdzēsiet to pats: tas pieder aizmirstajai kārtai")
        }
    }
}
