import AtbalstsCore
import Foundation
import Ingest
import TestSupport
import Testing

/// Fixture files beside this source: the test target declares no resources, so no `Bundle.module`.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}

private func text(_ decoded: DecodedText) -> String { String(decoding: decoded.utf8, as: UTF8.self) }

private func hex(_ byte: UInt8) -> String { String(format: "0x%02X", byte) }

struct CodePageTests {
    /// Lines `0xNN<TAB>0xUUUU` or `0xNN<TAB>UNDEFINED`, generated once with Python's `cp1257` and
    /// `cp1252` codecs, which are built from the Unicode Consortium's published tables.
    static func expectedTable(_ file: String) throws -> [UInt32?] {
        let lines = String(decoding: try Fixtures.bytes(file), as: UTF8.self)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }
        return try lines.enumerated().map { index, line in
            let parts = line.split(separator: "\t")
            guard parts.count == 2, parts[0] == String(format: "0x%02X", index) else { throw BadFixture(line: String(line)) }
            if parts[1] == "UNDEFINED" { return nil }
            guard let scalar = UInt32(parts[1].dropFirst(2), radix: 16) else { throw BadFixture(line: String(line)) }
            return scalar
        }
    }

    struct BadFixture: Error { let line: String }

    static let codePages: [(file: String, choice: EncodingChoice, name: String)] = [
        ("cp1257-mapping.txt", .windows1257, "Windows-1257"), ("cp1252-mapping.txt", .windows1252, "Windows-1252"),
    ]

    @Test(arguments: codePages)
    func everyByteDecodesAsThePublishedTableSays(file: String, choice: EncodingChoice, name: String) throws {
        let table = try Self.expectedTable(file)
        try #require(table.count == 256)
        for byte in UInt8.min...UInt8.max {
            // Behind an ASCII letter, so that the error offset is checked too.
            let input: [UInt8] = [0x41, byte]
            if let scalar = table[Int(byte)] {
                let decoded = try decodeText(input, choice: choice)
                #expect(decoded.utf8 == Array("A\(Unicode.Scalar(scalar)!)".utf8), "byte \(hex(byte))")
                #expect(decoded.encoding.rawValue == name)
            } else {
                let expected = TextDecodingError(byteOffset: 1, encoding: name, fault: .undefinedByte(byte))
                #expect(expected.reason == "byte \(hex(byte))")
                #expect(throws: expected) { try decodeText(input, choice: choice) }
            }
        }
    }

    @Test(arguments: codePages)
    func allDefinedBytesInOneText(file: String, choice: EncodingChoice, name: String) throws {
        let table = try Self.expectedTable(file)
        let defined = (UInt8.min...UInt8.max).filter { table[Int($0)] != nil }
        let expected = String(String.UnicodeScalarView(defined.map { Unicode.Scalar(table[Int($0)]!)! }))
        #expect(text(try decodeText(defined, choice: choice)) == expected)
    }

    @Test func latvianLettersInWindows1257() throws {
        let bytes: [UInt8] = [0xE2, 0xE8, 0xE7, 0xEC, 0xEE, 0xED, 0xEF, 0xF2, 0xF0, 0xFB, 0xFE, 0xC2, 0xCF, 0xD0, 0xDE]
        #expect(text(try decodeText(bytes, choice: .windows1257)) == "āčēģīķļņšūžĀĻŠŽ")
    }

    @Test func longTextsTakeTheFastPathsAndStayRight() throws {
        let legacy = Array(repeating: try Fixtures.bytes("cp1257-semicolon.csv"), count: 500).joined()
        let utf8 = Array(repeating: try Fixtures.bytes("utf8-semicolon.csv"), count: 500).joined()
        let decoded = try decodeText(Array(legacy))
        #expect(decoded.encoding == .windows1257)
        #expect(decoded.utf8 == Array(utf8))
        let ascii = Array(repeating: Array("plain ASCII;1;2;3\r\n".utf8), count: 500).joined()
        #expect(try decodeText(Array(ascii), choice: .windows1257).utf8 == Array(ascii))
    }
}

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

struct ForcedEncodingTests {
    @Test func utf8RejectsLegacyBytesAtTheirOffset() throws {
        let expected = TextDecodingError(byteOffset: 12, encoding: "UTF-8", fault: .invalidUTF8(byte: 0xE2, .incomplete))
        #expect(throws: expected) { try decodeText(try Fixtures.bytes("cp1257-semicolon.csv"), choice: .utf8) }
    }

    @Test func utf8KeepsTrackOfAByteOrderMark() throws {
        let decoded = try decodeText(try Fixtures.bytes("utf8-bom-comma.csv"), choice: .utf8)
        #expect(decoded.encoding == .utf8BOM)
        #expect(decoded.utf8.first == UInt8(ascii: "s"))
    }

    @Test func utf16WithoutByteOrderMarkIsLittleEndian() throws {
        let decoded = try decodeText([0x01, 0x01, 0x3B, 0x00, 0x3D, 0xD8, 0x42, 0xDE], choice: .utf16)
        #expect(decoded.encoding == .utf16LE)
        #expect(text(decoded) == "ā;🙂")
        #expect(try decodeText(try Fixtures.bytes("utf16be-bom-semicolon.csv"), choice: .utf16).encoding == .utf16BE)
    }

    @Test func codePagesDecodeWhateverTheBytes() throws {
        let utf8 = Array("Café".utf8)
        #expect(text(try decodeText(utf8, choice: .windows1252)) == "CafÃ©")
        #expect(try decodeText(utf8, choice: .windows1257).encoding == .windows1257)
        let legacy = try decodeText([0xEF, 0xBB, 0xBF, 0x41], choice: .windows1257)
        #expect(text(legacy) == "ļ»æA")
    }

    @Test(
        arguments: [
            ([0xFF, 0xFE, 0x41], 2, "UTF-16LE", .oddLength(lastByte: 0x41), "last byte 0x41 of an odd length"),
            ([0x41, 0x00, 0x42], 2, "UTF-16LE", .oddLength(lastByte: 0x42), "last byte 0x42 of an odd length"),
            ([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00], 2, "UTF-16LE", .unpairedSurrogate(0xD800), "unpaired surrogate 0xD800"),
            ([0xFF, 0xFE, 0x41, 0x00, 0x00, 0xDC], 4, "UTF-16LE", .unpairedSurrogate(0xDC00), "unpaired surrogate 0xDC00"),
            ([0xFF, 0xFE, 0x41, 0x00, 0x3D, 0xD8], 4, "UTF-16LE", .unpairedSurrogate(0xD83D), "unpaired surrogate 0xD83D"),
            ([0xFE, 0xFF, 0xD8, 0x3D, 0xD8, 0x3D, 0xDE, 0x42], 2, "UTF-16BE", .unpairedSurrogate(0xD83D), "unpaired surrogate 0xD83D"),
        ] as [([UInt8], Int, String, TextDecodingError.Fault, String)])
    func utf16Errors(bytes: [UInt8], offset: Int, encoding: String, fault: TextDecodingError.Fault, reason: String) {
        let expected = TextDecodingError(byteOffset: offset, encoding: encoding, fault: fault)
        #expect(expected.reason == reason)
        #expect(throws: expected) { try decodeText(bytes, choice: .utf16) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            #expect(throws: expected) { try decodeText(bytes) }
        }
    }

    @Test func utf16RoundTripsAnyText() throws {
        var random = SplitMix64(state: 1257)
        let pieces = ["a", "Z", "ā", "Ļ", "ž", "€", "🙂", "𝄞", "\u{FEFF}", "\u{FFFD}", "\u{0}", "\t", "\r\n"]
        for _ in 0..<300 {
            let string = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let units = Array(string.utf16)
            let little: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            let big: [UInt8] = [0xFE, 0xFF] + units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            #expect(try decodeText(little).utf8 == Array(string.utf8))
            #expect(try decodeText(big).utf8 == Array(string.utf8))
        }
    }
}

struct StrictUTF8Tests {
    @Test(
        arguments: [
            ([0x41, 0xC0, 0xAF], 1, .overlong, "overlong form"),
            ([0xC1, 0xBF], 0, .overlong, "overlong form"),
            ([0xE0, 0x80, 0xAF], 0, .overlong, "overlong form"),
            ([0xE0, 0x9F, 0xBF], 0, .overlong, "overlong form"),
            ([0xF0, 0x8F, 0xBF, 0xBF], 0, .overlong, "overlong form"),
            ([0xED, 0xA0, 0x80], 0, .surrogate, "surrogate"),
            ([0x61, 0xED, 0xBF, 0xBF], 1, .surrogate, "surrogate"),
            ([0xF4, 0x90, 0x80, 0x80], 0, .aboveMaximum, "above U+10FFFF"),
            ([0xF5, 0x80, 0x80, 0x80], 0, .neverValid, "never valid in UTF-8"),
            ([0xFE], 0, .neverValid, "never valid in UTF-8"),
            ([0xFF], 0, .neverValid, "never valid in UTF-8"),
            ([0x61, 0x62, 0xE2, 0x82], 2, .incomplete, "incomplete sequence"),
            ([0xE2, 0x41, 0x41], 0, .incomplete, "incomplete sequence"),
            ([0xF0, 0x9F, 0x99], 0, .incomplete, "incomplete sequence"),
            ([0xF0, 0x9F, 0x99, 0x41], 0, .incomplete, "incomplete sequence"),
            ([0xC4], 0, .incomplete, "incomplete sequence"),
            ([0x61, 0x80], 1, .strayContinuation, "continuation byte without a lead byte"),
            ([0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0xBF], 9, .strayContinuation, "continuation byte without a lead byte"),
        ] as [([UInt8], Int, UTF8Problem, String)])
    func forcedUTF8RejectsWithOffset(bytes: [UInt8], offset: Int, problem: UTF8Problem, text: String) {
        let expected = TextDecodingError(byteOffset: offset, encoding: "UTF-8", fault: .invalidUTF8(byte: bytes[offset], problem))
        #expect(expected.reason == "byte \(hex(bytes[offset])) (\(text))")
        #expect(throws: expected) {
            try decodeText(bytes, choice: .utf8)
        }
    }

    /// The edges of each row of the Unicode Standard's table of well-formed UTF-8.
    @Test(
        arguments: [
            [0x00], [0x7F], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xEC, 0xBF, 0xBF], [0xED, 0x80, 0x80],
            [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF3, 0xBF, 0xBF, 0xBF],
            [0xF4, 0x80, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
        ] as [[UInt8]])
    func forcedUTF8AcceptsTheEdges(bytes: [UInt8]) throws {
        let decoded = try decodeText(bytes, choice: .utf8)
        #expect(decoded.utf8 == bytes)
        #expect(try decodeText(bytes).encoding == .utf8)
    }

    /// Whatever the bytes, strict validation agrees with the standard library's.
    @Test func agreesWithTheStandardLibrary() {
        var random = SplitMix64(state: 8)
        let interesting: [UInt8] = [
            0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
            0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
        ]
        for _ in 0..<3000 {
            let ascii = Array(repeating: UInt8(ascii: "x"), count: Int.random(in: 0...17, using: &random))
            let tail = (0..<Int.random(in: 0...6, using: &random)).map { _ in interesting.randomElement(using: &random)! }
            let bytes = ascii + tail + ascii
            let valid = String(validating: bytes, as: UTF8.self) != nil
            let decoded = try? decodeText(bytes, choice: .utf8)
            #expect((decoded != nil) == valid, "\(bytes.map(hex))")
        }
    }
}
