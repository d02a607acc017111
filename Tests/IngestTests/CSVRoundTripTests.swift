import Foundation
import Ingest
import TestSupport
import Testing

/// Property: any table an RFC 4180 writer produces reads back unchanged, with the right line
/// numbers, for every delimiter.
struct CSVRoundTripTests {
    /// U+0301 after a quote makes one `Character` with it: the reader must not care.
    static let pieces = ["a", "Z9", " ", "ā", "Ļ", "ž", "🙂", "\u{0301}", ",", ";", "\t", "|", "\"", "\r", "\n", "\r\n", ""]
    static let lineBreaks = ["\n", "\r\n", "\r"]

    /// Quotes a field when it must, and sometimes when it need not; mixes line breaks. A record of
    /// one empty field is written `""`, else it would be a blank line.
    /// Returns the bytes and the offset where each record starts.
    static func write(
        _ table: [[String]], delimiter: UInt8, using random: inout SplitMix64
    ) -> (bytes: [UInt8], starts: [Int]) {
        var out: [UInt8] = []
        var starts: [Int] = []
        for (index, row) in table.enumerated() {
            starts.append(out.count)
            for (column, field) in row.enumerated() {
                if column > 0 { out.append(delimiter) }
                let bytes = Array(field.utf8)
                let special = bytes.contains { $0 == delimiter || $0 == 34 || $0 == 10 || $0 == 13 }
                if special || row == [""] || Int.random(in: 0..<4, using: &random) == 0 {
                    out += [34] + bytes.flatMap { $0 == 34 ? [34, 34] : [$0] } + [34]
                } else {
                    out += bytes
                }
            }
            if index < table.count - 1 || Bool.random(using: &random) {
                out += Array(lineBreaks.randomElement(using: &random)!.utf8)
            }
        }
        return (out, starts)
    }

    /// 1 + the line breaks before `offset`, CR LF counted once: the physical line an editor shows.
    static func physicalLine(at offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        for index in 0..<offset where bytes[index] == 10 || (bytes[index] == 13 && bytes[index + 1] != 10) {
            line += 1
        }
        return line
    }

    @Test(arguments: [",", ";", "\t", "|"] as [Unicode.Scalar])
    func randomTablesSurviveWriteThenRead(delimiter: Unicode.Scalar) throws {
        let delimiter = UInt8(ascii: delimiter)
        var random = SplitMix64(state: UInt64(delimiter))
        for _ in 0..<300 {
            let columns = Int.random(in: 1...6, using: &random)
            let table = (0..<Int.random(in: 0...8, using: &random)).map { _ in
                (0..<columns).map { _ in
                    (0..<Int.random(in: 0...4, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
                }
            }
            let (bytes, starts) = Self.write(table, delimiter: delimiter, using: &random)
            var reader = CSVReader(utf8: bytes, delimiter: delimiter)
            var read: [CSVRecord] = []
            while let record = try reader.next() { read.append(record) }
            let shown = String(decoding: bytes, as: UTF8.self).debugDescription
            #expect(read.map(\.fields) == table, "\(shown)")
            #expect(read.map(\.line) == starts.map { Self.physicalLine(at: $0, in: bytes) }, "\(shown)")

            var rawReader = CSVReader(utf8: bytes, delimiter: delimiter)
            var raw = RawRecord()
            var rawRead: [CSVRecord] = []
            while try rawReader.next(into: &raw) { rawRead.append(CSVRecord(fields: raw.strings, line: raw.line)) }
            #expect(rawRead == read, "\(shown)")
        }
    }
}
