import Foundation
import TestSupport
import Testing
@testable import Ingest

/// Conformance cases in the manner of the csv-spectrum suite and CPython's csv reader tests,
/// written out here with their expected fields.
struct CSVReaderTests {
    static func read(_ text: String, delimiter: Character = ",") throws -> [[String]] {
        try CSVReader.readAll(utf8: Array(text.utf8), delimiter: delimiter.asciiValue!).map(\.fields)
    }

    // csv-spectrum
    @Test(arguments: [
        ("simple", "a,b,c\n1,2,3\n", [["a", "b", "c"], ["1", "2", "3"]]),
        ("simple_crlf", "a,b,c\r\n1,2,3\r\n", [["a", "b", "c"], ["1", "2", "3"]]),
        ("comma_in_quotes", "first,last,address\nJohn,Doe,\"120 any st., Anytown\"\n",
         [["first", "last", "address"], ["John", "Doe", "120 any st., Anytown"]]),
        ("escaped_quotes", "a,b\n1,\"ha \"\"ha\"\" ha\"\n3,4\n", [["a", "b"], ["1", "ha \"ha\" ha"], ["3", "4"]]),
        ("json", "key,val\n1,\"{\"\"type\"\": \"\"Point\"\"}\"\n", [["key", "val"], ["1", "{\"type\": \"Point\"}"]]),
        ("newlines", "a,b,c\n1,2,3\n\"Once upon \na time\",5,6\n7,8,9\n",
         [["a", "b", "c"], ["1", "2", "3"], ["Once upon \na time", "5", "6"], ["7", "8", "9"]]),
        ("newlines_crlf", "a,b,c\r\n1,2,3\r\n\"Once upon \r\na time\",5,6\r\n7,8,9\r\n",
         [["a", "b", "c"], ["1", "2", "3"], ["Once upon \r\na time", "5", "6"], ["7", "8", "9"]]),
        ("quotes_and_newlines", "a,b\n1,\"ha \n\"\"ha\"\" \nha\"\n3,4\n", [["a", "b"], ["1", "ha \n\"ha\" \nha"], ["3", "4"]]),
        ("empty", "a,b,c\n1,\"\",\"\"\n2,3,4\n", [["a", "b", "c"], ["1", "", ""], ["2", "3", "4"]]),
        ("empty_crlf", "a,b,c\r\n1,\"\",\"\"\r\n2,3,4\r\n", [["a", "b", "c"], ["1", "", ""], ["2", "3", "4"]]),
        ("utf8", "a,b,c\n1,2,3\n4,5,ʤ\n", [["a", "b", "c"], ["1", "2", "3"], ["4", "5", "ʤ"]]),
        ("location_coordinates", "Location,Coordinates\n\"Lāčplēša iela\",\"(56.95, 24.11)\"\n",
         [["Location", "Coordinates"], ["Lāčplēša iela", "(56.95, 24.11)"]]),
    ])
    func csvSpectrum(name: String, text: String, expected: [[String]]) throws {
        #expect(try Self.read(text) == expected, "\(name)")
    }

    // CPython Lib/test/test_csv.py reader behaviour
    @Test(arguments: [
        ("no trailing newline", "a,b\n1,2", [["a", "b"], ["1", "2"]]),
        ("lone CR line endings", "a,b\r1,2\r", [["a", "b"], ["1", "2"]]),
        ("mixed line endings", "a,b\r\n1,2\n3,4\r5,6", [["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]]),
        ("trailing delimiter gives an empty field", "a,b,\n", [["a", "b", ""]]),
        ("empty fields", ",,\n", [["", "", ""]]),
        ("quoted empty field alone", "\"\"\n", [[""]]),
        ("quote inside an unquoted field is kept", "ab\"c,d\n", [["ab\"c", "d"]]),
        ("text after a closing quote is appended", "\"ab\"c,d\n", [["abc", "d"]]),
        ("blank lines between records are skipped", "a\n\n\nb\n", [["a"], ["b"]]),
        ("CR inside quotes", "\"a\rb\",c\n", [["a\rb", "c"]]),
        ("delimiter only inside quotes", "\"a,b\"\n", [["a,b"]]),
        ("space is data", " a , b \n", [[" a ", " b "]]),
    ])
    func cpythonReaderCases(name: String, text: String, expected: [[String]]) throws {
        #expect(try Self.read(text) == expected, "\(name)")
    }

    @Test func lineNumbersCountNewlinesInsideQuotes() throws {
        let records = try CSVReader.readAll(utf8: Array("h\n\"one\ntwo\r\nthree\"\nnext\r\nlast".utf8), delimiter: 44)
        #expect(records.map(\.line) == [1, 2, 5, 6])
    }

    @Test func unterminatedQuoteNamesTheLineItOpenedOn() {
        #expect(throws: CSVError.unterminatedQuote(line: 3)) { try Self.read("a\nb\n\"open\nand never closed\n") }
    }

    @Test func aFieldOverTheLimitIsAnError() {
        let big = "a,\"" + String(repeating: "x", count: (1 << 20) + 1) + "\"\n"
        #expect(throws: CSVError.fieldTooLong(line: 1, field: 2, limit: 1 << 20)) { try Self.read(big) }
    }

    @Test(arguments: [
        ("a,b,c\n1,2,3\n", ","), ("a;b;c\n1;\"2,5\";3\n", ";"), ("a\tb\tc\n1\t2\t3\n", "\t"), ("a|b|c\n1|2|3\n", "|"),
        ("Vārds;Komentārs\nAnna;\"labi, paldies\"\nJānis;\"ļoti, ļoti labi\"\n", ";"),
    ])
    func delimiterSniffing(text: String, delimiter: Character) {
        #expect(CSVReader.sniffDelimiter(Array(text.utf8)) == delimiter.asciiValue!)
    }
}

/// Property: any table written by an RFC 4180 writer reads back unchanged, for every delimiter.
struct CSVRoundTripTests {
    /// U+0D00 is a combining mark: after a quote it makes one grapheme with it (found by the fuzzer).
    static let pieces = ["a", "ā", "Ļ", " ", ",", ";", "\t", "|", "\"", "\r", "\n", "\r\n", "x y", "=1+1", "🙂", "", "\u{0D00}"]

    static func write(_ table: [[String]], delimiter: Character) -> String {
        table.map { row in
            if row == [""] { return "\"\"" }
            return row.map { field in
                let bytes = Array(field.utf8)
                let special = bytes.contains { $0 == delimiter.asciiValue! || $0 == 34 || $0 == 10 || $0 == 13 }
                guard special else { return field }
                return String(decoding: [34] + bytes.flatMap { $0 == 34 ? [34, 34] : [$0] } + [34], as: UTF8.self)
            }.joined(separator: String(delimiter))
        }.joined(separator: "\r\n")
    }

    @Test(arguments: [",", ";", "\t", "|"] as [Character])
    func randomTablesSurviveWriteThenRead(delimiter: Character) throws {
        var random = SplitMix64(state: UInt64(delimiter.asciiValue!))
        for _ in 0..<300 {
            let columns = Int.random(in: 1...6, using: &random)
            let table = (0..<Int.random(in: 1...8, using: &random)).map { _ in
                (0..<columns).map { _ in
                    (0..<Int.random(in: 0...4, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
                }
            }
            let text = Self.write(table, delimiter: delimiter)
            #expect(try CSVReaderTests.read(text, delimiter: delimiter) == table, "\(text.debugDescription)")
        }
    }
}
