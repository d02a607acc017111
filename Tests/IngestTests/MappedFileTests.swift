import AtbalstsCore
import Foundation
import TestSupport
import Testing

@testable import Ingest

/// A large export is mapped, not read into a fresh buffer (`MappedFile`, issue 19). A file cut
/// short while mapped would make a read past its new end kill the process with SIGBUS; instead
/// the read finds zeros and the file is reported as changed while it was read, and nothing of
/// it counts. A file that grew is reported the same way: what was read is not all of it.
struct MappedFileTests {
    private func file(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mapped-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        return url
    }

    /// Parsing what was read fails with "changed while it was being read".
    private func expectParsedAsChanged(_ read: FileBytes, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let pseudonymizer = Pseudonymizer(key: Array(repeating: 7, count: 32))
        #expect(throws: IngestError(cause: .changedWhileRead), sourceLocation: sourceLocation) {
            try SourceReader.parse(
                input: read.bytes, plainUTF8: read.plainUTF8, name: "t.csv", instrument: SourceReaderTests.instrument,
                register: SourceReaderTests.register, pseudonymizer: pseudonymizer, options: SourceOptions())
        }
    }

    /// Every byte, summed: a read of each page of the mapping.
    private func readEveryByte(_ bytes: InputBytes) -> Int {
        bytes.withUnsafeBufferPointer { $0.reduce(0) { $0 &+ Int($1) } }
    }

    @Test func aFileCutShortWhileMappedReadsZerosAndSaysSo() throws {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let original = (0..<(page * 40 + 123)).map { UInt8(1 + $0 % 200) }
        let url = try file(original)
        defer { try? FileManager.default.removeItem(at: url) }
        let read = try SourceFile.read(url, name: "t.csv", mappedFrom: 0)
        #expect(!read.bytes.changedWhileRead)
        #expect(read.bytes.array == original)
        // Cut to a page and a half: the pages after it are gone from the file.
        #expect(truncate(url.path, off_t(page + page / 2)) == 0)
        let sum = readEveryByte(read.bytes)
        #expect(read.bytes.changedWhileRead)
        let kept = original.prefix(page + page / 2).reduce(0) { $0 + Int($1) }
        #expect(sum == kept, "what is past the new end reads as zeros")
        // Another mapping of another file, intact, is not taken for it.
        let other = try file(original)
        defer { try? FileManager.default.removeItem(at: other) }
        let intact = try SourceFile.read(other, name: "u.csv", mappedFrom: 0)
        _ = readEveryByte(intact.bytes)
        #expect(!intact.bytes.changedWhileRead)
    }

    @Test func aFileThatGrewWhileMappedSaysSo() throws {
        let url = try file(Array("a,b\n1,2\n".utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        let read = try SourceFile.read(url, name: "t.csv", mappedFrom: 0)
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("3,4\n".utf8))
        try handle.close()
        #expect(read.bytes.changedWhileRead)
    }

    /// Rewritten in place at the same size while mapped (as `dd conv=notrunc` or an editor that
    /// writes over the file does): the pages not yet read would show the new text, the hash the
    /// old, so the file counts as changed. (From a cold review: a run stored rows of two
    /// versions of the file under the first one's hash and exited 0.)
    @Test func aFileRewrittenInPlaceWhileMappedSaysSo() throws {
        let original = UnusableBytesTests.export(rows: 500)
        let url = try file(original)
        defer { try? FileManager.default.removeItem(at: url) }
        let read = try SourceFile.read(url, name: "t.csv", mappedFrom: 0)
        #expect(!read.bytes.changedWhileRead)
        // The kernel stamps a write with a clock that ticks every few milliseconds.
        Thread.sleep(forTimeInterval: 0.05)
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: Data(original.map { $0 == UInt8(ascii: "t") ? UInt8(ascii: "s") : $0 }))
        try handle.close()
        #expect(try Data(contentsOf: url).count == original.count, "the same size")
        #expect(read.bytes.changedWhileRead)
        try expectParsedAsChanged(read)
    }

    /// Cut short so far back that the zeros read in its place make a field longer than a CSV
    /// field may be: the file is still reported as changed, not as a broken CSV.
    @Test func zerosReadAfterACutAreNotCalledABrokenCSV() throws {
        let url = try file(UnusableBytesTests.export(rows: 30_000))
        defer { try? FileManager.default.removeItem(at: url) }
        let read = try SourceFile.read(url, name: "t.csv", mappedFrom: 0)
        #expect(read.bytes.count > 100_000 + (1 << 20), "more zeros than a field may hold")
        #expect(truncate(url.path, 100_000) == 0)
        try expectParsedAsChanged(read)
    }

    /// An export mapped and then cut short before it is parsed: the parse fails with the cause
    /// in words, rather than crashing or importing the rows before the cut.
    @Test func anExportCutShortFailsTheFile() throws {
        let url = try file(UnusableBytesTests.export(rows: 3_000))
        defer { try? FileManager.default.removeItem(at: url) }
        let read = try SourceFile.read(url, name: "t.csv", mappedFrom: 0)
        #expect(read.plainUTF8)
        #expect(truncate(url.path, 40_000) == 0)
        let pseudonymizer = Pseudonymizer(key: Array(repeating: 7, count: 32))
        var batches = 0
        #expect(throws: IngestError(cause: .changedWhileRead)) {
            try SourceReader.parse(
                input: read.bytes, plainUTF8: read.plainUTF8, name: "t.csv", instrument: SourceReaderTests.instrument,
                register: SourceReaderTests.register, pseudonymizer: pseudonymizer, options: SourceOptions(),
                batchSize: 100_000,
                onBatch: { _ in
                    batches += 1
                    return true
                })
        }
        #expect(batches == 0, "no rows are handed on from a file found changed")
        #expect(IngestError(file: "t.csv", cause: .changedWhileRead).description.contains("changed while it was being read"))
    }

    /// Mapped or read, a file parses to the same rows, with a byte-order mark left out in place.
    @Test func mappedAndReadParseAlike() throws {
        for bom in [[UInt8](), [0xEF, 0xBB, 0xBF]] {
            let url = try file(bom + UnusableBytesTests.export(rows: 2_000))
            defer { try? FileManager.default.removeItem(at: url) }
            let pseudonymizer = Pseudonymizer(key: Array(repeating: 9, count: 32))
            let parses = try [0, Int.max].map { mappedFrom in
                let read = try SourceFile.read(url, name: "t.csv", checkedFrom: 0, mappedFrom: mappedFrom)
                return try SourceReader.parse(
                    input: read.bytes, plainUTF8: read.plainUTF8, name: "t.csv", instrument: SourceReaderTests.instrument,
                    register: SourceReaderTests.register, pseudonymizer: pseudonymizer, options: SourceOptions(),
                    sha256: read.sha256())
            }
            #expect(parses[0].accepted == 2_000 && parses[1].accepted == 2_000)
            #expect(parses[0].encoding == (bom.isEmpty ? .utf8 : .utf8BOM))
            #expect(parses[0].encoding == parses[1].encoding)
            #expect(parses[0].sha256 == parses[1].sha256)
            #expect(parses[0].responses.map(\.respondentKey) == parses[1].responses.map(\.respondentKey))
            #expect(parses[0].responses.map(\.values) == parses[1].responses.map(\.values))
            #expect(parses[0].responses.map(\.submittedAt) == parses[1].responses.map(\.submittedAt))
        }
    }
}
