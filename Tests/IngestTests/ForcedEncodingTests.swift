import AtbalstsCore
import Foundation
import Ingest
import TestSupport
import Testing

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
