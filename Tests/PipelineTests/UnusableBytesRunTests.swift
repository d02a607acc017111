import AtbalstsCore
import Foundation
import Store
import Testing

@testable import Pipeline

/// Issue 14 item 5, SPEC 4.1: one 0xFF byte in one comment of the 456-row sample quarantines that
/// row with the byte's true offset; the other rows are imported and the file stays UTF-8. Too
/// many such rows fail the file, and nothing of it is stored.
struct UnusableBytesRunTests {
    static let sample = TestWorkspace.repository.appendingPathComponent("samples/google-forms-needs.csv")

    /// The sample with 0xFF put before the first occurrence of `word` in each of `count` rows.
    static func spoiled(rows count: Int, before text: String) throws -> (bytes: [UInt8], offsets: [Int]) {
        var bytes = Array(try Data(contentsOf: sample))
        let word = Array(text.utf8)
        var offsets: [Int] = []
        var from = 0
        while offsets.count < count {
            let at = try #require((from...(bytes.count - word.count)).first { bytes[$0..<($0 + word.count)].elementsEqual(word) })
            bytes.insert(0xFF, at: at)
            offsets.append(at)
            // Past this record: the next occurrence must lie in another row.
            from = try #require(bytes[at...].firstIndex(of: UInt8(ascii: "\n"))) + 1
        }
        return (bytes, offsets)
    }

    func run(_ file: URL, in workspace: TestWorkspace, name: String) throws -> RunSummary {
        let pipeline = try workspace.pipeline(
            sources: "  - file: \(file.path)\n    kind: needs", top: "database: \(name).sqlite", outputs: "out-\(name)",
            settings: "")  // the default max_rejected_share of 5 %
        return try Runner(pipeline: pipeline, progress: RunProgress(quiet: true)).run()
    }

    @Test func oneBadByteInOneCommentQuarantinesThatRowOnly() throws {
        let workspace = try TestWorkspace()
        let clean = try run(Self.sample, in: workspace, name: "clean")
        let (bytes, offsets) = try Self.spoiled(rows: 1, before: "vērotu")
        let file = workspace.url("spoiled.csv")
        try Data(bytes).write(to: file)
        let summary = try run(file, in: workspace, name: "spoiled")
        #expect(summary.sources.map(\.status) == [.imported])
        #expect(summary.sources[0].rowsRead == clean.sources[0].rowsRead)
        #expect(summary.sources[0].rowsAccepted == clean.sources[0].rowsAccepted - 1)
        let database = try AppDatabase(path: workspace.url("spoiled.sqlite").path)
        #expect(try database.sources(wave: "2026-27-autumn").first?.description.encoding == "UTF-8")
        let reasons = try database.quarantine(wave: "2026-27-autumn").map(\.row.reason)
        #expect(reasons.contains(.undecodableByte(byte: 0xFF, byteOffset: offsets[0], encoding: "UTF-8")), "\(reasons)")
        #expect(offsets[0] > 42, "not the header's ā")
        try? FileManager.default.removeItem(at: workspace.directory)
    }

    @Test func tooManyBadRowsFailTheFileAndStoreNothing() throws {
        let workspace = try TestWorkspace()
        let (bytes, offsets) = try Self.spoiled(rows: 30, before: "@")
        let file = workspace.url("spoiled.csv")
        try Data(bytes).write(to: file)
        let summary = try run(file, in: workspace, name: "spoiled")
        #expect(summary.failed)
        let error = try #require(summary.sources.first?.error)
        #expect(error.contains("spoiled.csv:"))
        #expect(error.contains("30 of 456 rows hold bytes that cannot be read, more than max_rejected_share allows"), "\(error)")
        #expect(error.contains("byte 0xFF at byte offset \(offsets[0])"))
        #expect(!error.contains("\n"))
        let database = try AppDatabase(path: workspace.url("spoiled.sqlite").path)
        #expect(try database.sources(wave: "2026-27-autumn").isEmpty, "nothing of a failed file is stored")
        #expect(summary.workbooks.isEmpty)
        try? FileManager.default.removeItem(at: workspace.directory)
    }
}
