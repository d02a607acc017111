import AtbalstsCore
import Foundation
import Ingest
import TestSupport
import Testing

struct EncodingDetectionTests {
    @Test func utf8ByteOrderMarkIsDetectedAndRemoved() throws {
        let decoded = try decodeText(try Fixtures.bytes("utf8-bom-comma.csv"))
        #expect(decoded.encoding == .utf8BOM)
        #expect(text(decoded) == "skola,vērtējums\nĀdažu vsk.,4\n")
    }

    @Test func utf16LittleEndianTabSeparatedLatvian() throws {
        let decoded = try decodeText(try Fixtures.bytes("utf16le-bom-tab.tsv"))
        #expect(decoded.encoding == .utf16LE)
        #expect(CSVReader.sniffDelimiter(decoded.utf8) == UInt8(ascii: "\t"))
        let records = try CSVReader.readAll(utf8: decoded.utf8, delimiter: UInt8(ascii: "\t"))
        #expect(records.first?.fields == ["burts", "vārds"])
        #expect(records.dropFirst().map(\.fields[0]) == ["ā", "č", "ē", "ģ", "ī", "ķ", "ļ", "ņ", "š", "ū", "ž"])
        #expect(records.last?.fields == ["ž", "žurka"])
    }

    @Test func utf16BigEndianByteOrderMark() throws {
        let decoded = try decodeText(try Fixtures.bytes("utf16be-bom-semicolon.csv"))
        #expect(decoded.encoding == .utf16BE)
        #expect(text(decoded) == "skola;vērtējums\nĶekavas vsk.;5\n")
    }

    @Test func validUTF8IsTakenAsIs() throws {
        let bytes = try Fixtures.bytes("utf8-semicolon.csv")
        let decoded = try decodeText(bytes)
        #expect(decoded.encoding == .utf8)
        #expect(decoded.utf8 == bytes)
        #expect(try decodeText([]).encoding == .utf8)
    }

    @Test func invalidUTF8FallsBackToWindows1257() throws {
        let decoded = try decodeText(try Fixtures.bytes("cp1257-semicolon.csv"))
        #expect(decoded.encoding == .windows1257)
        #expect(decoded.utf8 == (try Fixtures.bytes("utf8-semicolon.csv")))
    }

    @Test func theLegacyCodePageCanBeWindows1252() throws {
        let bytes = try Fixtures.bytes("cp1252-comma.csv")
        let western = try decodeText(bytes, legacy: .windows1252)
        #expect(western.encoding == .windows1252)
        #expect(text(western) == "name,city\nMüller,Köln\nCafé,Besançon\n")
        // The same bytes as Windows-1257: 0xE7 is ē there, not ç.
        #expect(text(try decodeText(bytes)).hasSuffix("Besanēon\n"))
    }

    @Test func anUndecodableByteNamesItsOffset() throws {
        let error = try #require(throws: TextDecodingError.self) {
            try decodeText(try Fixtures.bytes("cp1257-undefined-byte.csv"))
        }
        #expect(error == TextDecodingError(byteOffset: 21, encoding: "Windows-1257", fault: .undefinedByte(0x98)))
        #expect(error.description == "byte 0x98 at byte offset 21 cannot be decoded as Windows-1257")
    }

    @Test func messagesSpeakLatvianWhenAsked() throws {
        try MessageLanguage.$current.withValue(.lv) {
            let undefined = try #require(throws: TextDecodingError.self) {
                try decodeText(try Fixtures.bytes("cp1257-undefined-byte.csv"))
            }
            #expect(undefined.description == "baita nobīde 21: baitu 0x98 nevar atkodēt kā Windows-1257")
            let overlong = try #require(throws: TextDecodingError.self) { try decodeText([0xC0, 0xAF], choice: .utf8) }
            #expect(overlong.description == "baita nobīde 0: baitu 0xC0 (pārāk garš pieraksts) nevar atkodēt kā UTF-8")
            #expect(CSVError.unterminatedQuote(line: 3).description == "3. rindā atvērtas pēdiņas netiek aizvērtas")
        }
    }

    /// The error is a value: the language is the one where it is shown, not where it was thrown
    /// (a parser thread that did not inherit the run's language once printed English in a Latvian run).
    @Test func anErrorThrownInEnglishIsShownInLatvianWherePrinted() throws {
        let thrown = try #require(throws: TextDecodingError.self) {
            try MessageLanguage.$current.withValue(.en) { try decodeText([0x41, 0xC0, 0xAF], choice: .utf8) }
        }
        MessageLanguage.$current.withValue(.lv) {
            #expect(thrown.description == "baita nobīde 1: baitu 0xC0 (pārāk garš pieraksts) nevar atkodēt kā UTF-8")
        }
        let damaged = IngestError(file: "a.xlsx", cause: .damagedWorkbook(part: "xl/workbook.xml", .noWorksheet))
        MessageLanguage.$current.withValue(.lv) { #expect(damaged.description.contains("nav darblapas")) }
        MessageLanguage.$current.withValue(.en) { #expect(damaged.description.contains("no worksheet")) }
    }

    @Test func aUTF8ByteOrderMarkAllowsNoFallback() {
        let expected = TextDecodingError(byteOffset: 4, encoding: "UTF-8", fault: .invalidUTF8(byte: 0xC0, .overlong))
        #expect(throws: expected) { try decodeText([0xEF, 0xBB, 0xBF, 0x41, 0xC0, 0xAF]) }
    }
}
