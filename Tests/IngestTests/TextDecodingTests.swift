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

func text(_ decoded: DecodedText) -> String { String(decoding: decoded.utf8, as: UTF8.self) }

func hex(_ byte: UInt8) -> String { String(format: "0x%02X", byte) }

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
