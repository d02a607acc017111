import Foundation
import Ingest
import TestSupport
import Testing

let comma = UInt8(ascii: ",")

func records(_ file: String, delimiter: UInt8 = comma, maxFieldBytes: Int = 1 << 20) throws -> [CSVRecord] {
    try CSVReader.readAll(utf8: try Fixtures.bytes(file), delimiter: delimiter, maxFieldBytes: maxFieldBytes)
}

struct CSVConformanceTests {
    /// The cases of the csv-spectrum suite, with fixture content of our own.
    @Test(arguments: [
        (
            "spectrum-comma_in_quotes.csv",
            [["school", "city", "address"], ["Riga 1", "Riga", "1 Freedom St., Riga, LV-1010"]]
        ),
        ("spectrum-empty.csv", [["id", "comment", "score"], ["1", "", ""], ["2", "ok", "5"]]),
        ("spectrum-empty_crlf.csv", [["id", "comment", "score"], ["1", "", ""], ["2", "ok", "5"]]),
        ("spectrum-escaped_quotes.csv", [["id", "quote"], ["1", "she said \"yes\" twice"], ["2", "plain"]]),
        ("spectrum-json.csv", [["id", "payload"], ["7", "{\"school\": \"Riga 1\", \"scores\": [4, 5]}"]]),
        (
            "spectrum-newlines.csv",
            [["id", "comment", "score"], ["1", "short", "4"], ["2", "first line\nsecond line", "5"], ["3", "end", "3"]]
        ),
        (
            "spectrum-newlines_crlf.csv",
            [["id", "comment", "score"], ["1", "short", "4"], ["2", "first line\r\nsecond line", "5"], ["3", "end", "3"]]
        ),
        ("spectrum-quotes_and_newlines.csv", [["id", "comment"], ["1", "line one\n\"quoted\" part\nlast"], ["2", "x"]]),
        ("spectrum-simple.csv", [["school", "teachers", "year"], ["Riga 1", "40", "2024"]]),
        ("spectrum-simple_crlf.csv", [["school", "teachers", "year"], ["Riga 1", "40", "2024"]]),
        ("spectrum-utf8.csv", [["vārds", "pilsēta", "piezīme"], ["Ļena", "Liepāja", "ʤ ā č ē 🙂"]]),
    ])
    func csvSpectrum(file: String, expected: [[String]]) throws {
        #expect(try records(file).map(\.fields) == expected)
    }

    /// Reader behaviour from CPython's Lib/test/test_csv.py; the expected fields are what
    /// CPython's csv.reader returns for the same fixture bytes.
    @Test(arguments: [
        ("quoted-newline.csv", [["a", "b\nc", "d"]]),
        ("lone-cr-endings.csv", [["a", "b"], ["1", "2"]]),
        ("mixed-endings.csv", [["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]]),
        ("trailing-delimiter.csv", [["a", "b", ""], ["1", "2", ""]]),
        ("empty-quoted-field.csv", [["", "x"], [""]]),
        ("no-trailing-newline.csv", [["a", "b"], ["1", "2"]]),
        ("only-delimiters.csv", [["", "", ""]]),
        ("quote-inside-unquoted.csv", [["ab\"c", "d"]]),
        ("text-after-closing-quote.csv", [["abc", "d"], ["ab\"c\"", "e"]]),
        ("spaces-kept.csv", [[" a ", " \"b\" "]]),
        ("crlf-in-quotes.csv", [["id", "comment"], ["1", "one\r\ntwo"], ["2", "cr\ronly"]]),
        ("ragged-row.csv", [["a", "b", "c"], ["1", "2"], ["3", "4", "5", "6"], ["7", "8", "9"]]),
    ])
    func cpythonReaderCases(file: String, expected: [[String]]) throws {
        #expect(try records(file).map(\.fields) == expected)
    }

    /// Where CPython returns an empty record for a blank line, this reader skips it.
    @Test func blankLinesAreSkipped() throws {
        let read = try records("blank-lines.csv")
        #expect(read.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(read.map(\.line) == [1, 3, 6])
    }

    @Test func emptyInputHasNoRecords() throws {
        for input in ["", "\n", "\r\n\r\n", "\r"] {
            #expect(try CSVReader.readAll(utf8: Array(input.utf8), delimiter: comma).isEmpty)
        }
    }

    @Test func lineNumbersCountEveryLineBreakInsideQuotesToo() throws {
        let read = try records("line-numbers.csv")
        #expect(read.map(\.line) == [1, 2, 5, 6, 8])
        #expect(read[1].fields == ["1", "three\nline\r\ncomment"])
        #expect(read[4].fields == ["4", "last"])
    }

    @Test func recordsComeOneAtATime() throws {
        var reader = CSVReader(utf8: try Fixtures.bytes("unterminated-quote.csv"), delimiter: comma)
        #expect(try reader.next() == CSVRecord(fields: ["a", "b"], line: 1))
        #expect(try reader.next() == CSVRecord(fields: ["1", "2"], line: 2))
        #expect(throws: CSVError.unterminatedQuote(line: 3)) { try reader.next() }

        var complete = CSVReader(utf8: Array("x\ny".utf8), delimiter: comma)
        #expect(try complete.next()?.fields == ["x"])
        #expect(try complete.next()?.fields == ["y"])
        #expect(try complete.next() == nil)
        #expect(try complete.next() == nil)
    }

    @Test func rawRecordsHoldTheSameFields() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.directory.path)
            .filter { $0.hasSuffix(".csv") && !$0.hasPrefix("unterminated") && !$0.hasPrefix("cp125") }
        #expect(files.count > 20)
        for file in files {
            let bytes = try Fixtures.bytes(file)
            var reader = CSVReader(utf8: bytes, delimiter: CSVReader.sniffDelimiter(bytes))
            var raw = RawRecord()
            var read: [CSVRecord] = []
            while try reader.next(into: &raw) { read.append(CSVRecord(fields: raw.strings, line: raw.line)) }
            let expected = try CSVReader.readAll(utf8: bytes, delimiter: CSVReader.sniffDelimiter(bytes))
            #expect(read == expected, "\(file)")
            #expect(reader.bytesRead == reader.byteCount)
        }
    }

    @Test func rawRecordFieldsByIndex() throws {
        var reader = CSVReader(utf8: Array("a,\" \t\",\"x\"\"y\"\n2,,3".utf8), delimiter: comma)
        var raw = RawRecord()
        #expect(try reader.next(into: &raw))
        #expect(raw.count == 3 && raw.line == 1)
        #expect(raw.string(2) == "x\"y")
        #expect(Array(raw.field(0)) == [UInt8(ascii: "a")])
        #expect(raw.isBlank(1) && !raw.isBlank(2))
        #expect(reader.bytesRead == 14 && reader.byteCount == 18)
        #expect(try reader.next(into: &raw))
        #expect(raw.strings == ["2", "", "3"] && raw.line == 2 && raw.isBlank(1))
        #expect(try !reader.next(into: &raw))
        #expect(raw.count == 0)
    }

    @Test func anUnterminatedQuoteNamesTheLineItOpensOn() {
        let error = #expect(throws: CSVError.self) { try records("unterminated-quote.csv") }
        #expect(error == .unterminatedQuote(line: 3))
        #expect(error?.description == "the quoted field opened on line 3 is never closed")
        // In a record that already spans lines, the line of the opening quote itself.
        #expect(throws: CSVError.unterminatedQuote(line: 3)) {
            try CSVReader.readAll(utf8: Array("h\n\"two\nlines\",\"open\nstill open".utf8), delimiter: comma)
        }
    }

    @Test(arguments: [
        ("a,b\n1,123456789\n", 2, 2),
        ("a,b\n\"1\n2\",\"123456789\"\n", 2, 2),
        ("a,b\n1,\"1234\"\"5678\"\n", 2, 2),
        ("a,b\n1,\"1234\"56789\n", 2, 2),
        ("a,b,123456789\n", 1, 3),
    ])
    func aFieldOverTheLimitIsAnError(text: String, line: Int, field: Int) {
        let error = #expect(throws: CSVError.self) {
            try CSVReader.readAll(utf8: Array(text.utf8), delimiter: comma, maxFieldBytes: 8)
        }
        #expect(error == .fieldTooLong(line: line, field: field, limit: 8))
        #expect(error?.description == "field \(field) of the record on line \(line) is longer than 8 bytes")
    }

    @Test func aFieldAtTheLimitIsRead() throws {
        let text = "12345678,\"1234\"\"567\",\"1234\"5678\n"
        let read = try CSVReader.readAll(utf8: Array(text.utf8), delimiter: comma, maxFieldBytes: 8)
        #expect(read.map(\.fields) == [["12345678", "1234\"567", "12345678"]])
    }

    @Test(
        arguments: [
            ("spectrum-simple.csv", ","), ("spectrum-newlines_crlf.csv", ","), ("semicolon-commas-in-quotes.csv", ";"),
            ("tab-separated.tsv", "\t"), ("pipe-separated.csv", "|"), ("ragged-row.csv", ","), ("single-column.csv", ","),
            ("utf8-semicolon.csv", ";"),
        ] as [(String, Unicode.Scalar)])
    func delimiterSniffing(file: String, delimiter: Unicode.Scalar) throws {
        #expect(CSVReader.sniffDelimiter(try Fixtures.bytes(file)) == UInt8(ascii: delimiter))
    }

    @Test func sniffingPrefersTheMostFieldsAndFallsBackToComma() {
        #expect(CSVReader.sniffDelimiter(Array("a;b,c;d\n1;2,3;4\n".utf8)) == UInt8(ascii: ";"))
        #expect(CSVReader.sniffDelimiter([]) == comma)
        #expect(CSVReader.sniffDelimiter(Array("\"a;b\"\n\"c|d\"\n".utf8)) == comma)
    }

    @Test func sniffingLooksOnlyAtTheStartOfALargeFile() {
        let row = "Rīga;\"" + String(repeating: "garš, ļoti garš komentārs ", count: 40) + "\";5\r\n"
        let text = Array(("skola;komentārs;vērtējums\r\n" + String(repeating: row, count: 400)).utf8)
        #expect(text.count > 256 * 1024)
        #expect(CSVReader.sniffDelimiter(text) == UInt8(ascii: ";"))
    }
}

/// `RawRecord` keeps its field bounds in storage written through a pointer
/// (`FieldBoundsStorage`); it must still behave as a value.
struct RawRecordValueTests {
    @Test func aCopyKeepsItsFieldsWhileTheRecordReadsOn() throws {
        // 40 fields, then 100: more than the first storage holds, so it grows while copies look on.
        let first = (0..<40).map { "a\($0)" }
        let second = (0..<100).map { "b\($0)" }
        let third = ["c", "\"d,\"\"e\"\"\"", "f"]
        let text = [first, second, third].map { $0.joined(separator: ",") }.joined(separator: "\n")
        var reader = CSVReader(utf8: Array(text.utf8), delimiter: UInt8(ascii: ","))
        var record = RawRecord()
        var copies: [RawRecord] = []
        // Each copy shares the record's storage until the next read begins, which must leave it be.
        while try reader.next(into: &record) { copies.append(record) }
        #expect(copies.map(\.strings) == [first, second, ["c", "d,\"e\"", "f"]])
        #expect(copies.map(\.count) == [40, 100, 3])
    }
}
