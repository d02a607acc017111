import AtbalstsCore
import Foundation
import TestSupport
import Testing

@testable import Ingest

/// The reader keeps only the fields up to the last column the mapping reads, and counts the rest
/// of each record (`CSVReader.keptFields`). Whatever follows — quoted text with delimiters and
/// line breaks, doubled quotes, ragged rows, any line ending, no last line break — an export
/// reads exactly as when every field is read.
struct KeptFieldsTests {
    static let header =
        "Timestamp,Email address,Izglītības iestāde,Vajadzība [Digitālās prasmes],Atbalsta veidi,Papildu 1,Papildu 2,Papildu 3"

    @Test func anExportReadsTheSameWhenItsLastColumnsAreOnlyCounted() throws {
        var random = SplitMix64(state: 0x5EED)
        let tails = [
            "", "3", "vārds", "\"a, b\"", "\"rinda\nrinda\"", "\"rinda\r\nrinda\"", "\"viņš teica \"\"jā\"\"\"", "\"\"",
            "x\"y", String(repeating: "z", count: 70), "\"" + String(repeating: ",", count: 65) + "\"",
        ]
        let endings = ["\n", "\r\n", "\r"]
        let pseudonymizer = Pseudonymizer(key: Array(repeating: 7, count: 32))
        var compared = 0
        for round in 0..<300 {
            var text = Self.header + endings[round % 3]
            for row in 0..<Int(random.next() % 30) {
                var fields = [
                    "2026/10/0\(1 + row % 9) 9:00:00 AM EET", "t\(random.next() % 20)@example.lv",
                    random.next() % 7 == 0 ? "Nezināma skola" : "Testa skola",
                    ["Augsta", "Nav vajadzības", "", "Neskaidri"][Int(random.next() % 4)],
                    random.next() % 5 == 0 ? "\"Kursi, Mentors\"" : "Kursi",
                ]
                // Three extra fields, now and then one too few or too many.
                let extra = 3 + [0, 0, 0, 0, -1, 1][Int(random.next() % 6)]
                for _ in 0..<extra { fields.append(tails[Int(random.next() % UInt64(tails.count))]) }
                text += fields.joined(separator: ",")
                text += endings[Int(random.next() % 3)]
                if random.next() % 10 == 0 { text += endings[0] }  // a blank line
            }
            if round % 4 == 0, text.hasSuffix("\n") { text.removeLast() }
            let bytes = Array(text.utf8)
            let sources = try [false, true].map { everyField in
                try SourceReader.parse(
                    bytes: bytes, name: "t.csv", instrument: SourceReaderTests.instrument,
                    register: SourceReaderTests.register, pseudonymizer: pseudonymizer, options: SourceOptions(),
                    readingEveryField: everyField)
            }
            let (counted, read) = (sources[0], sources[1])
            #expect(counted.accepted == read.accepted)
            #expect(counted.quarantine == read.quarantine, "round \(round)")
            #expect(counted.responses.map(\.line) == read.responses.map(\.line))
            #expect(counted.responses.map(\.respondentKey) == read.responses.map(\.respondentKey))
            #expect(counted.responses.map(\.values) == read.responses.map(\.values))
            #expect(counted.responses.map(\.submittedAt) == read.responses.map(\.submittedAt))
            #expect(counted.responses.map(\.texts) == read.responses.map(\.texts))
            #expect(counted.findings.unreadableAnswers == read.findings.unreadableAnswers)
            compared += read.accepted + read.quarantine.count
        }
        #expect(compared > 3_000)
    }

    /// Only counted, a field longer than any field may be is still refused.
    @Test func aTooLongFieldAmongTheCountedOnesStillFails() throws {
        var reader = CSVReader(utf8: Array("a,b,c\n1,2,\(String(repeating: "x", count: 300))\n".utf8), delimiter: 44, maxFieldBytes: 100)
        reader.keptFields = 1
        var record = RawRecord()
        #expect(try reader.next(into: &record))
        #expect(record.count == 3)
        #expect(throws: CSVError.fieldTooLong(line: 2, field: 3, limit: 100)) { try reader.next(into: &record) }
    }
}
