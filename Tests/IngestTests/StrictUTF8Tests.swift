import AtbalstsCore
import Foundation
import Ingest
import TestSupport
import Testing

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
