import Foundation
import TestSupport
import Testing

@testable import Ingest

/// The reader finds field ends through a bit mask per 64-byte block (`StructuralBytes`) and, in
/// quotes, eight bytes at a time (`ByteSearch`). Here it is compared with a
/// byte-at-a-time reader written from the rules in `CSVReader`'s documentation, on seeded random
/// inputs made of the bytes that matter (delimiters, quotes, CR, LF, CR LF) between runs of
/// ASCII and of two- and four-byte UTF-8 of every length, so that every special byte falls on
/// every position of an eight-byte word, and at the end of the input.
struct CSVScanTests {
    /// What the reference reads: records of fields with the line each starts on, or the error.
    enum Outcome: Equatable {
        case records([[[UInt8]]], lines: [Int])
        case failure(CSVError)
    }

    @Test(arguments: [",", ";", "\t", "|"] as [Unicode.Scalar])
    func agreesWithAByteAtATimeReader(delimiter: Unicode.Scalar) throws {
        let delimiter = UInt8(ascii: delimiter)
        var random = SplitMix64(state: 0xC5F + UInt64(delimiter))
        let pieces: [[UInt8]] = [
            [delimiter], [delimiter], [34], [34, 34], [13], [10], [13, 10], [32], Array("ā".utf8), Array("🙂".utf8),
            Array("Drīzāk piekrītu".utf8), Array("x".utf8),
        ]
        for round in 0..<3_000 {
            var input: [UInt8] = []
            for _ in 0..<Int.random(in: 0...24, using: &random) {
                if Bool.random(using: &random) {
                    // Now and then longer than a 64-byte block (`StructuralBytes`).
                    let longest = round % 5 == 0 ? 150 : 17
                    input += Array(repeating: UInt8(ascii: "a"), count: Int.random(in: 1...longest, using: &random))
                } else {
                    input += pieces.randomElement(using: &random)!
                }
            }
            let expected = Self.reference(input, delimiter: delimiter)
            #expect(
                Self.read(input, delimiter: delimiter) == expected,
                "round \(round): \(String(decoding: input, as: UTF8.self).debugDescription)")
            if case .records(let records, let lines) = expected {
                #expect(try Self.readRaw(input, delimiter: delimiter) == .records(records, lines: lines))
            }
        }
    }

    /// A field that ends exactly at each offset of a word, and a long one crossing many words.
    @Test func fieldsEndingOnEveryOffsetOfAWord() throws {
        for length in 0..<40 {
            for end in [",", "\n", "\r", "\r\n", ""] {
                let field = String(repeating: "ē", count: length / 2) + String(repeating: "b", count: length % 2)
                let text = "\(field),\"\(field)\"\(end)z"
                let input = Array(text.utf8)
                #expect(Self.read(input, delimiter: 44) == Self.reference(input, delimiter: 44), "\(text.debugDescription)")
            }
        }
    }

    static func read(_ input: [UInt8], delimiter: UInt8) -> Outcome {
        do {
            let records = try CSVReader.readAll(utf8: input, delimiter: delimiter)
            return .records(records.map { $0.fields.map { Array($0.utf8) } }, lines: records.map(\.line))
        } catch {
            return .failure(error)
        }
    }

    /// The same through `RawRecord`, its fields read both ways: as slices and through pointers.
    static func readRaw(_ input: [UInt8], delimiter: UInt8) throws -> Outcome {
        var reader = CSVReader(utf8: input, delimiter: delimiter)
        var record = RawRecord()
        var records: [[[UInt8]]] = []
        var lines: [Int] = []
        while try reader.next(into: &record) {
            let slices = (0..<record.count).map { Array(record.field($0)) }
            let pointed = record.withFields { fields in (0..<fields.count).map { Array(fields.field($0)) } }
            let blanks = record.withFields { fields in (0..<fields.count).map { fields.isBlank($0) } }
            #expect(pointed == slices)
            #expect(blanks == (0..<record.count).map { record.isBlank($0) })
            records.append(slices)
            lines.append(record.line)
        }
        return .records(records, lines: lines)
    }

    /// The rules, a byte at a time: LF, CR and CR LF end a line (inside quotes too); blank lines
    /// are skipped; a quote opens a quoted field only as its first byte; `""` inside quotes is
    /// one quote; text after the closing quote is appended as it is; an open quote at the end
    /// is an error on the line it opened.
    static func reference(_ input: [UInt8], delimiter: UInt8) -> Outcome {
        var records: [[[UInt8]]] = []
        var lines: [Int] = []
        var position = 0
        var line = 1
        func isBreak(_ byte: UInt8) -> Bool { byte == 10 || byte == 13 }
        func skipBreak() {
            if input[position] == 13, position + 1 < input.count, input[position + 1] == 10 { position += 1 }
            position += 1
            line += 1
        }
        while true {
            while position < input.count, isBreak(input[position]) { skipBreak() }
            guard position < input.count else { return .records(records, lines: lines) }
            let recordLine = line
            var fields: [[UInt8]] = []
            while true {
                var field: [UInt8] = []
                if input[position] == 34 {
                    let quoteLine = line
                    position += 1
                    while true {
                        guard position < input.count else { return .failure(.unterminatedQuote(line: quoteLine)) }
                        let byte = input[position]
                        position += 1
                        if byte == 34 {
                            if position < input.count, input[position] == 34 {
                                field.append(34)
                                position += 1
                                continue
                            }
                            break
                        }
                        if byte == 10 || (byte == 13 && (position == input.count || input[position] != 10)) { line += 1 }
                        field.append(byte)
                    }
                }
                while position < input.count, input[position] != delimiter, !isBreak(input[position]) {
                    field.append(input[position])
                    position += 1
                }
                fields.append(field)
                guard position < input.count else { break }
                if input[position] == delimiter {
                    position += 1
                    // A delimiter at the very end leaves one more, empty, field.
                    if position == input.count {
                        fields.append([])
                        break
                    }
                    continue
                }
                skipBreak()
                break
            }
            records.append(fields)
            lines.append(recordLine)
        }
    }
}
