import AtbalstsCore
import Foundation
import TestSupport
import Testing

@testable import Ingest

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

    /// Offsets and problems against a byte-at-a-time reading of the Unicode Standard's table 3-7,
    /// on long texts of ASCII runs and two-, three- and four-byte letters (the fast paths: eight
    /// ASCII bytes a step, two-byte sequences first) with a broken byte somewhere, or none.
    @Test func offsetsAgreeWithAByteAtATimeReading() {
        var random = SplitMix64(state: 0x7E7)
        let letters: [[UInt8]] = [
            Array("ā".utf8), Array("Ž".utf8), Array("€".utf8), Array("🙂".utf8), [0xC2, 0x80], [0xDF, 0xBF],
        ]
        let broken: [[UInt8]] = [
            [0x80], [0xC0, 0x80], [0xC1], [0xC2], [0xDF, 0x41], [0xE0, 0x80], [0xED, 0xA0], [0xF4, 0x90], [0xF5], [0xFF],
        ]
        for round in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...30, using: &random) {
                if Bool.random(using: &random) {
                    bytes += Array(repeating: UInt8(ascii: "a"), count: Int.random(in: 0...19, using: &random))
                } else {
                    bytes += letters.randomElement(using: &random)!
                }
            }
            if round % 3 != 0 {
                let at = Int.random(in: 0...bytes.count, using: &random)
                bytes.insert(contentsOf: broken.randomElement(using: &random)!, at: at)
            }
            let found = firstInvalidUTF8(bytes)
            let expected = Self.referenceFirstInvalid(bytes)
            #expect(found?.offset == expected?.offset && found?.problem == expected?.problem, "round \(round): \(bytes.map(hex))")
            let start = Int.random(in: 0...bytes.count, using: &random)
            #expect(firstInvalidUTF8(bytes, from: start)?.offset == Self.referenceFirstInvalid(bytes, from: start)?.offset)
        }
    }

    static func referenceFirstInvalid(_ bytes: [UInt8], from start: Int = 0) -> (offset: Int, problem: UTF8Problem)? {
        var index = start
        while index < bytes.count {
            let lead = bytes[index]
            let (length, low, high): (Int, UInt8, UInt8)
            switch lead {
            case 0x00...0x7F:
                index += 1
                continue
            case 0x80...0xBF: return (index, .strayContinuation)
            case 0xC0, 0xC1: return (index, .overlong)
            case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
            case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
            case 0xED: (length, low, high) = (3, 0x80, 0x9F)
            case 0xE1...0xEF: (length, low, high) = (3, 0x80, 0xBF)
            case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
            case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
            case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
            default: return (index, .neverValid)
            }
            guard index + 1 < bytes.count, bytes[index + 1] & 0xC0 == 0x80 else { return (index, .incomplete) }
            if bytes[index + 1] < low { return (index, .overlong) }
            if bytes[index + 1] > high { return (index, lead == 0xED ? .surrogate : .aboveMaximum) }
            for next in index + 2..<index + length where next >= bytes.count || bytes[next] & 0xC0 != 0x80 {
                return (index, .incomplete)
            }
            index += length
        }
        return nil
    }
}
