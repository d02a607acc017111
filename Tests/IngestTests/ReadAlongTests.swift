import AtbalstsCore
import CByteScan
import Foundation
import TestSupport
import Testing

@testable import Ingest

/// A large file is checked as UTF-8 and hashed on other threads while it is still being read
/// (`SourceFile.read`, issue 19). Pieces end anywhere, inside a letter too: what the check says,
/// and the hash, must be what checking and hashing the whole file at once give.
struct ReadAlongTests {
    private static let letters: [String] = ["a", "Z", ",", "\n", "ā", "š", "Ž", "€", "„", "😀", "𝄞", " "]

    private func file(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("read-along-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        return url
    }

    private func read(_ bytes: [UInt8], piece: Int) throws -> FileBytes {
        let url = try file(bytes)
        defer { try? FileManager.default.removeItem(at: url) }
        return try SourceFile.read(url, name: "t.csv", checkedFrom: 0, piece: piece)
    }

    /// Random texts, well-formed or spoiled with one ill-formed sequence or a NUL anywhere, read in
    /// pieces of 1 to 9 bytes: plain exactly when the whole-file check finds nothing, hash equal.
    @Test func theCheckAlongSaysWhatTheWholeFileCheckSays() throws {
        var random = SplitMix64(state: 41)
        let spoilers: [[UInt8]] = [
            [0xFF], [0x80], [0xC0, 0xAF], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x99],
            [0x00], [0xC4],
        ]
        var plainSeen = 0
        var spoiledSeen = 0
        for round in 0..<400 {
            var bytes = round % 5 == 0 ? [0xEF, 0xBB, 0xBF] : [UInt8]()
            for _ in 0..<Int(random.next() % 60) {
                bytes += Array(Self.letters[Int(random.next() % UInt64(Self.letters.count))].utf8)
            }
            if round % 2 == 1 {
                let spoiler = spoilers[Int(random.next() % UInt64(spoilers.count))]
                bytes.insert(contentsOf: spoiler, at: Int(random.next() % UInt64(bytes.count + 1)))
            }
            guard !bytes.isEmpty else { continue }
            let expected = firstInvalidUTF8(bytes) == nil && !bytes.contains(0)
            let read = try read(bytes, piece: 1 + Int(random.next() % 9))
            #expect(read.bytes.array == bytes)
            #expect(read.plainUTF8 == expected, "\(bytes.map { hex($0) })")
            #expect(read.sha256() == Digest.sha256Hex(bytes))
            // Mapped instead of read, checked and hashed in place: the same answers.
            let url = try file(bytes)
            defer { try? FileManager.default.removeItem(at: url) }
            let mapped = try SourceFile.read(url, name: "t.csv", mappedFrom: 0)
            #expect(mapped.bytes.array == bytes)
            #expect(mapped.plainUTF8 == expected)
            #expect(mapped.sha256() == Digest.sha256Hex(bytes))
            #expect(!mapped.bytes.changedWhileRead)
            if expected { plainSeen += 1 } else { spoiledSeen += 1 }
        }
        #expect(plainSeen > 100 && spoiledSeen > 100)
    }

    /// Below the size from which it pays, nothing is checked along: the bytes are read as before.
    @Test func aSmallFileIsNotCheckedAlong() throws {
        let url = try file(Array("a,b\nā,š\n".utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        let read = try SourceFile.read(url, name: "t.csv")
        #expect(!read.plainUTF8)
        #expect(read.sha256() == nil)
    }

    /// Text found plain is decoded exactly as a check of it would decode it, mark or none.
    @Test func plainTextDecodesAsTheCheckedPathDecodesIt() throws {
        for bytes in [Array("a,ā\n1,2\n".utf8), [0xEF, 0xBB, 0xBF] + Array("a,ā\n1,2\n".utf8)] {
            for choice in [EncodingChoice.auto, .utf8] {
                let fast = try decodeTextByRow(bytes, choice: choice, legacy: .windows1257, plainUTF8: true)
                let checked = try decodeTextByRow(bytes, choice: choice, legacy: .windows1257)
                #expect(fast.utf8.array == checked.utf8.array)
                #expect(fast.encoding == checked.encoding)
                #expect(fast.unusable.isEmpty && checked.unusable.isEmpty)
            }
        }
    }

    /// An export with one bad byte, checked along in pieces: it is not plain, and the row with
    /// the byte is quarantined with its true offset as when the whole file is checked; without
    /// it, every row is read, and the parse is the one the whole-file check gives.
    @Test func anExportWithABadByteQuarantinesItsRow() throws {
        let rows = 3_000
        let good = UnusableBytesTests.export(rows: rows)
        let (bad, offset) = UnusableBytesTests.spoiling(good, row: 2_001, with: [0xFF])
        let pseudonymizer = Pseudonymizer(key: Array(repeating: 7, count: 32))
        for (bytes, spoiled) in [(good, false), (bad, true)] {
            let url = try file(bytes)
            defer { try? FileManager.default.removeItem(at: url) }
            let read = try SourceFile.read(url, name: "t.csv", checkedFrom: 0, piece: 4_096)
            #expect(read.plainUTF8 == !spoiled)
            let parses = try [read.plainUTF8, false].map { plain in
                try SourceReader.parse(
                    input: read.bytes, plainUTF8: plain, name: "t.csv", instrument: SourceReaderTests.instrument,
                    register: SourceReaderTests.register, pseudonymizer: pseudonymizer, options: SourceOptions())
            }
            for source in parses {
                #expect(source.encoding == .utf8)
                #expect(source.accepted == (spoiled ? rows - 1 : rows))
                #expect(
                    source.quarantine.map(\.reason)
                        == (spoiled ? [.undecodableByte(byte: 0xFF, byteOffset: offset, encoding: "UTF-8")] : []))
            }
            #expect(parses[0].responses.map(\.values) == parses[1].responses.map(\.values))
            #expect(parses[0].responses.map(\.respondentKey) == parses[1].responses.map(\.respondentKey))
        }
    }

    /// The AVX2 check (`atbalsts_utf8_valid_fast`) says well-formed exactly when the byte-wise
    /// check finds nothing: random texts of every length around its 32-byte blocks, made of
    /// ASCII, well-formed letters of every length and the ill-formed edge of each row of the
    /// Unicode Standard's table 3-7, anywhere in a block. Where the processor has AVX2 (this
    /// machine and CI's) it must be the one answering. `atbalsts_utf8_plain_fast` also says
    /// no to a NUL, in a whole block or in the last bytes.
    @Test func theFastCheckAgreesWithTheByteWiseOne() throws {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        if cpu.contains(" avx2") { #expect(atbalsts_utf8_valid_fast([0x41], 1) != -1) }
        let pieces: [[UInt8]] = [
            [0x41], [0x20], Array("ā".utf8), Array("€".utf8), Array("😀".utf8), [0xC2, 0x80], [0xDF, 0xBF],
            [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
            // ill-formed
            [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
            [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF],
            [0xC4], [0xE2, 0x82], [0xF0, 0x9F, 0x98],
        ]
        var random = SplitMix64(state: 73)
        var verdicts = (valid: 0, invalid: 0)
        for round in 0..<20_000 {
            var bytes: [UInt8] = []
            let target = Int(random.next() % 100)
            while bytes.count < target {
                // Mostly well-formed, so that one ill-formed piece decides.
                let choice = Int(random.next() % UInt64(round % 3 == 0 ? pieces.count : 12))
                bytes += pieces[choice]
            }
            let fast = bytes.withUnsafeBufferPointer { atbalsts_utf8_valid_fast($0.baseAddress, $0.count) }
            guard fast >= 0 else { continue }
            let expected = firstInvalidUTF8(bytes) == nil
            #expect((fast == 1) == expected, "\(bytes.map { hex($0) })")
            // Plain: well-formed and no NUL, a NUL put anywhere in every other text.
            var withNul = bytes
            if round % 2 == 0 { withNul.insert(0, at: Int(random.next() % UInt64(bytes.count + 1))) }
            let plain = withNul.withUnsafeBufferPointer { atbalsts_utf8_plain_fast($0.baseAddress, $0.count) }
            #expect((plain == 1) == (firstInvalidUTF8(withNul) == nil && !withNul.contains(0)), "\(withNul.map { hex($0) })")
            if expected { verdicts.valid += 1 } else { verdicts.invalid += 1 }
        }
        if cpu.contains(" avx2") { #expect(verdicts.valid > 5_000 && verdicts.invalid > 2_000) }
    }
}
