import Foundation
import Testing
@testable import Ingest

struct TextDecodingTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// `0xNN<TAB>0xUUUU` or `0xNN<TAB>UNDEFINED` per byte, from the published mapping tables.
    static func mapping(_ name: String) throws -> [(UInt8, UInt32?)] {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { line in
                let parts = line.split(separator: "\t")
                return (UInt8(parts[0].dropFirst(2), radix: 16)!, parts[1] == "UNDEFINED" ? nil : UInt32(parts[1].dropFirst(2), radix: 16)!)
            }
    }

    @Test(arguments: [("cp1257-mapping.txt", EncodingChoice.windows1257), ("cp1252-mapping.txt", .windows1252)])
    func everyByteDecodesAsThePublishedTableSays(file: String, encoding: EncodingChoice) throws {
        let table = try Self.mapping(file)
        #expect(table.count == 256)
        for (byte, scalar) in table {
            if let scalar {
                let decoded = try decodeText([byte], choice: encoding)
                #expect(String(decoding: decoded.utf8, as: UTF8.self).unicodeScalars.map(\.value) == [scalar], "byte \(byte)")
            } else {
                #expect(throws: TextDecodingError.self, "byte \(byte) has no mapping") { try decodeText([byte], choice: encoding) }
            }
        }
    }

    @Test func latvianLettersInWindows1257() throws {
        // ā č ē ģ ī ķ ļ ņ š ū ž and capitals, as Latvian Windows writes them.
        let bytes: [UInt8] = [0xE2, 0xE8, 0xE7, 0xEC, 0xEE, 0xED, 0xEF, 0xF2, 0xF0, 0xFB, 0xFE, 0xC2, 0xC8, 0xD0, 0xDE]
        let text = try decodeText(bytes, choice: .windows1257)
        #expect(String(decoding: text.utf8, as: UTF8.self) == "āčēģīķļņšūžĀČŠŽ")
    }

    @Test func detectionOrderBOMThenStrictUTF8ThenLegacy() throws {
        let latvian = "Izglītības iestāde;Ļoti labi\n"
        #expect(try decodeText([0xEF, 0xBB, 0xBF] + Array(latvian.utf8)).encoding == .utf8BOM)
        #expect(try decodeText(Array(latvian.utf8)).encoding == .utf8)
        let utf16: [UInt8] = [0xFF, 0xFE] + latvian.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let fromUTF16 = try decodeText(utf16)
        #expect(fromUTF16.encoding == .utf16LE)
        #expect(String(decoding: fromUTF16.utf8, as: UTF8.self) == latvian)
        let cp1257: [UInt8] = Array("Izgl".utf8) + [0xEE] + Array("t".utf8) + [0xEE, 0x62, 0x61, 0x73]
        let legacy = try decodeText(cp1257)
        #expect(legacy.encoding == .windows1257)
        #expect(String(decoding: legacy.utf8, as: UTF8.self) == "Izglītības")
        #expect(try decodeText(cp1257, legacy: .windows1252).encoding == .windows1252)
    }

    @Test func strictUTF8RejectsOverlongsSurrogatesAndTruncation() {
        for (bytes, offset) in [([0x41, 0xC0, 0xAF], 1), ([0xED, 0xA0, 0x80], 0), ([0x41, 0x42, 0xE2, 0x82], 2), ([0xF4, 0x90, 0x80, 0x80], 0)] {
            #expect(firstInvalidUTF8(bytes.map(UInt8.init)) == offset)
            do {
                _ = try decodeText(bytes.map(UInt8.init), choice: .utf8)
                Issue.record("\(bytes) accepted")
            } catch {
                #expect(error.byteOffset == offset)
            }
        }
    }

    @Test func anUndecodableByteIsAnErrorNamingItsOffsetNeverAReplacementCharacter() {
        var bytes = Array("Skola;Joma\nEZ01;".utf8)
        bytes.append(0x98)  // undefined in Windows-1257 and not UTF-8
        do {
            _ = try decodeText(bytes)
            Issue.record("decoded")
        } catch {
            #expect(error.byteOffset == 16)
            #expect(error.description == "byte offset 16: byte 0x98 cannot be decoded as Windows-1257")
        }
    }

    @Test func utf16Problems() {
        #expect(throws: TextDecodingError.self) { try decodeText([0xFF, 0xFE, 0x41], choice: .auto) }
        #expect(throws: TextDecodingError.self) { try decodeText([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]) }
    }
}
