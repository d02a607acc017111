import AtbalstsCore
import Foundation
import Testing

@testable import Ingest

/// SPEC 4.1: a byte that cannot be decoded quarantines its row, with its true byte offset; only
/// more such rows than `max_rejected_share` fail the file. A NUL quarantines its row too: SQLite
/// and libxlsxwriter would silently cut the text at it.
struct UnusableBytesTests {
    static let header = "Timestamp,Email address,Izglītības iestāde,Vajadzība [Digitālās prasmes],Atbalsta veidi\n"

    /// `rows` answers in UTF-8, with "ā" in the header and in every row, as a Latvian export has.
    static func export(rows: Int) -> [UInt8] {
        var text = header
        for row in 1...rows { text += "2026/10/01 9:00:00 AM EET,t\(row)@example.lv,Testa skola,Augsta,Kursi\n" }
        return Array(text.utf8)
    }

    func parse(_ bytes: [UInt8], options: SourceOptions = SourceOptions()) throws(IngestError) -> ParsedSource {
        try SourceReader.parse(
            bytes: bytes, name: "t.csv", instrument: SourceReaderTests.instrument, register: SourceReaderTests.register,
            pseudonymizer: Pseudonymizer(key: Array(repeating: 7, count: 32)), options: options)
    }

    /// The bytes of row `row` (1-based, after the header) with `replacement` spliced in at the
    /// start of its e-mail address; returns the file and the byte's offset.
    static func spoiling(_ bytes: [UInt8], row: Int, with replacement: [UInt8]) -> ([UInt8], Int) {
        let needle = Array("t\(row)@".utf8)
        let at = (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }!
        var spoiled = bytes
        spoiled.insert(contentsOf: replacement, at: at)
        return (spoiled, at)
    }

    /// The export in Windows-1257: its only non-ASCII letters are ā (0xE2) and ī (0xEE).
    static func windows1257(_ utf8: [UInt8]) -> [UInt8] {
        Array(
            String(decoding: utf8, as: UTF8.self).unicodeScalars.map { scalar -> UInt8 in
                ["ā": 0xE2, "ī": 0xEE][Character(scalar)] ?? UInt8(scalar.value)
            })
    }

    @Test func oneBadByteQuarantinesItsRowOnlyAndTheFileStaysUTF8() throws {
        let (bytes, offset) = Self.spoiling(Self.export(rows: 40), row: 23, with: [0xFF])
        let source = try parse(bytes)
        #expect(source.encoding == .utf8, "never re-read in a legacy code page")
        #expect(source.accepted == 39)
        #expect(source.quarantine.count == 1)
        let row = try #require(source.quarantine.first)
        #expect(row.line == 24)
        #expect(row.column == "Email address")
        #expect(row.value == Redaction.emailMark, "the address is not shown, though the bad byte is in it")
        #expect(row.reason == .undecodableByte(byte: 0xFF, byteOffset: offset, encoding: "UTF-8"))
        #expect(offset > 1_000, "the true offset, not the header's ā")
    }

    @Test func aByteOrderMarkCountsInTheOffset() throws {
        let (bytes, offset) = Self.spoiling(Self.export(rows: 30), row: 2, with: [0xC3, 0x28])
        let source = try parse([0xEF, 0xBB, 0xBF] + bytes)
        #expect(source.encoding == .utf8BOM)
        #expect(source.quarantine.map(\.reason) == [.undecodableByte(byte: 0xC3, byteOffset: offset + 3, encoding: "UTF-8")])
        #expect(source.accepted == 29)
    }

    @Test func moreBadRowsThanTheShareFailTheFile() throws {
        var bytes = Self.export(rows: 40)
        var first = 0
        for row in [5, 9, 17] {
            let spoiled = Self.spoiling(bytes, row: row, with: [0xFE])
            bytes = spoiled.0
            if row == 5 { first = spoiled.1 }
        }
        let error = try #require(throws: IngestError.self) { try parse(bytes) }
        #expect(error.line == 6)
        #expect(
            error.description.contains(
                "3 of 40 rows hold bytes that cannot be read, more than max_rejected_share allows; the first: byte 0xFE at byte offset \(first) cannot be decoded as UTF-8"
            ),
            "\(error)")
        var lenient = SourceOptions()
        lenient.maxRejectedShare = 0.1
        #expect(try parse(bytes, options: lenient).quarantine.count == 3)
    }

    @Test func aBadByteInTheHeaderFailsTheFile() throws {
        var bytes = Self.export(rows: 40)
        bytes.insert(0xFF, at: 12)
        let error = try #require(throws: IngestError.self) { try parse(bytes) }
        #expect(error.cause == .unusableHeader(UnusableByte(textOffset: 12, fileOffset: 12, byte: 0xFF, encoding: "UTF-8")))
        #expect(error.line == 1)
    }

    /// A Windows-1257 export has almost no well-formed UTF-8 sequences: it is still read as one.
    @Test func aLegacyFileIsStillReadInItsCodePage() throws {
        let source = try parse(Self.windows1257(Self.export(rows: 10)))
        #expect(source.encoding == .windows1257)
        #expect(source.accepted == 10)
        #expect(source.headers[2] == "Izglītības iestāde")
    }

    /// Chosen: a NUL quarantines its row (kept, it would be cut at the NUL by SQLite's C API).
    @Test func aNulQuarantinesItsRowInEveryEncoding() throws {
        let (bytes, offset) = Self.spoiling(Self.export(rows: 30), row: 4, with: [0x00])
        let source = try parse(bytes)
        #expect(source.quarantine.map(\.reason) == [.nulByte(byteOffset: offset)])
        #expect(source.quarantine.first?.line == 5)
        #expect(source.accepted == 29)

        let (legacyBytes, legacyOffset) = Self.spoiling(Self.windows1257(Self.export(rows: 30)), row: 4, with: [0x00])
        let legacy = try parse(legacyBytes)
        #expect(legacy.encoding == .windows1257)
        #expect(legacy.quarantine.map(\.reason) == [.nulByte(byteOffset: legacyOffset)], "ā is two bytes in the text, one in the file")

        let text = String(decoding: bytes, as: UTF8.self)
        let utf16: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let wide = try parse(utf16)
        #expect(wide.encoding == .utf16LE)
        let nulAt = 2 + 2 * text.utf16.prefix { $0 != 0 }.count
        #expect(wide.quarantine.map(\.reason) == [.nulByte(byteOffset: nulAt)])
    }

    @Test func reasonsAreValuesAndMessagesFollowTheLanguage() {
        let byte = UnusableByte(textOffset: 5, fileOffset: 8, byte: 0x81, encoding: "UTF-8")
        MessageLanguage.$current.withValue(.lv) {
            #expect(byte.reason == .undecodableByte(byte: 0x81, byteOffset: 8, encoding: "UTF-8"))
            #expect(byte.description == "baita nobīde 8: baitu 0x81 nevar atkodēt kā UTF-8")
        }
    }
}
