// The fuzz target (fuzz/run.sh) compiles this file without the package's modules.
#if canImport(AtbalstsCore)
    import AtbalstsCore
#endif
/// How a source's bytes are to be read (pipeline `encoding:`); `auto` detects.
public enum EncodingChoice: String, Sendable, CaseIterable {
    case auto
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case windows1257 = "windows-1257"
    case windows1252 = "windows-1252"
}

/// The encoding a text was read with, named as people know it.
public enum DetectedEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 (BOM)"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case windows1257 = "Windows-1257"
    case windows1252 = "Windows-1252"
    /// An `.xlsx` workbook: its text is XML, UTF-8 or UTF-16 as the XML declares.
    case xlsx = "XLSX"
}

/// The text re-encoded as UTF-8 bytes, any byte-order mark removed.
public struct DecodedText: Sendable {
    public let utf8: [UInt8]
    public let encoding: DetectedEncoding
}

/// Bytes that cannot be decoded. They are never replaced by U+FFFD, so that a wrong code page is
/// noticed instead of silently spoiling answers. A value: the words are chosen where it is shown,
/// in the language of that place, not on the thread that found the bytes.
public struct TextDecodingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What is wrong with the bytes at the offset.
    public enum Fault: Equatable, Sendable {
        /// A byte that starts no well-formed UTF-8 sequence, and why.
        case invalidUTF8(byte: UInt8, UTF8Problem)
        /// UTF-16 with an odd number of bytes: the last one has no partner.
        case oddLength(lastByte: UInt8)
        case unpairedSurrogate(UInt16)
        /// A byte the code page leaves undefined (Windows-1257 0x98, …).
        case undefinedByte(UInt8)
    }

    /// Offset into the bytes given to `decodeText`, byte-order mark included.
    public let byteOffset: Int
    public let encoding: String
    public let fault: Fault

    public init(byteOffset: Int, encoding: String, fault: Fault) {
        self.byteOffset = byteOffset
        self.encoding = encoding
        self.fault = fault
    }

    /// The offending unit and, where it helps, why: `byte 0xC0 (overlong form)`.
    public var reason: String {
        switch fault {
        case .invalidUTF8(let byte, let problem):
            return say("byte \(hex(byte)) (\(problem.text))", lv: "baitu \(hex(byte)) (\(problem.text))")
        case .oddLength(let last):
            return say("last byte \(hex(last)) of an odd length", lv: "pēdējo baitu \(hex(last)) nepāra garumā")
        case .unpairedSurrogate(let unit):
            let shown = hex(UInt32(unit), digits: 4)
            return say("unpaired surrogate \(shown)", lv: "nesapārotu aizstājējkodu \(shown)")
        case .undefinedByte(let byte):
            return say("byte \(hex(byte))", lv: "baitu \(hex(byte))")
        }
    }

    public var description: String {
        say(
            "\(reason) at byte offset \(byteOffset) cannot be decoded as \(encoding)",
            lv: "baita nobīde \(byteOffset): \(reason) nevar atkodēt kā \(encoding)")
    }
}

/// Detection order for `.auto`: byte-order mark (UTF-8, UTF-16LE, UTF-16BE), then strict UTF-8,
/// then `legacy`, a Windows code page (Latvian exports default to Windows-1257). A UTF-8
/// byte-order mark promises UTF-8, so invalid bytes after one are an error, not a reason to fall back.
public func decodeText(
    _ bytes: [UInt8], choice: EncodingChoice = .auto, legacy: EncodingChoice = .windows1257
) throws(TextDecodingError) -> DecodedText {
    switch choice {
    case .auto:
        if bytes.starts(with: utf8BOM) { return try decodeUTF8(bytes) }
        if bytes.starts(with: [0xFF, 0xFE]) { return try decodeUTF16(bytes, bigEndian: false, from: 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return try decodeUTF16(bytes, bigEndian: true, from: 2) }
        if firstInvalidUTF8(bytes) == nil { return DecodedText(utf8: bytes, encoding: .utf8) }
        return try decodeText(bytes, choice: legacy == .auto ? .windows1257 : legacy)
    case .utf8:
        return try decodeUTF8(bytes)
    case .utf16:
        if bytes.starts(with: [0xFE, 0xFF]) { return try decodeUTF16(bytes, bigEndian: true, from: 2) }
        return try decodeUTF16(bytes, bigEndian: false, from: bytes.starts(with: [0xFF, 0xFE]) ? 2 : 0)
    case .windows1257:
        return DecodedText(utf8: try CodePage.windows1257.decode(bytes), encoding: .windows1257)
    case .windows1252:
        return DecodedText(utf8: try CodePage.windows1252.decode(bytes), encoding: .windows1252)
    }
}

private let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

private func decodeUTF8(_ bytes: [UInt8]) throws(TextDecodingError) -> DecodedText {
    let start = bytes.starts(with: utf8BOM) ? 3 : 0
    if let (offset, problem) = firstInvalidUTF8(bytes, from: start) {
        throw TextDecodingError(byteOffset: offset, encoding: "UTF-8", fault: .invalidUTF8(byte: bytes[offset], problem))
    }
    return start == 0
        ? DecodedText(utf8: bytes, encoding: .utf8) : DecodedText(utf8: Array(bytes[start...]), encoding: .utf8BOM)
}

/// Strict UTF-8 after the Unicode Standard's table 3-7 of well-formed byte sequences: no overlong
/// forms, no surrogates, nothing above U+10FFFF, no truncated sequences. Returns where the first
/// ill-formed sequence starts.
func firstInvalidUTF8(_ bytes: [UInt8], from start: Int = 0) -> (offset: Int, problem: UTF8Problem)? {
    bytes.withUnsafeBufferPointer { firstInvalidUTF8($0, from: start) }
}

/// `firstInvalidUTF8` over `buffer`, whose end is taken as the end of the text.
func firstInvalidUTF8(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> (offset: Int, problem: UTF8Problem)? {
    let count = buffer.count
    var index = start
    while index < count {
        index = skipASCII(buffer, from: index)
        guard index < count else { break }
        let lead = buffer[index]
        // Two bytes (ā, č, ē, š …) are most of a Latvian text's non-ASCII: checked first.
        if lead >= 0xC2, lead <= 0xDF, index + 1 < count, buffer[index + 1] & 0xC0 == 0x80 {
            index += 2
            continue
        }
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        let length: Int
        switch lead {
        case 0x00..<0x80:
            index += 1
            continue
        case 0x80...0xBF: return (index, .strayContinuation)
        case 0xC0, 0xC1: return (index, .overlong)
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xED:
            length = 3
            high = 0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return (index, .neverValid)
        }
        guard index + 1 < count, buffer[index + 1] & 0xC0 == 0x80 else { return (index, .incomplete) }
        let second = buffer[index + 1]
        if second < low { return (index, .overlong) }
        if second > high { return (index, lead == 0xED ? .surrogate : .aboveMaximum) }
        for next in index + 2..<index + length where next >= count || buffer[next] & 0xC0 != 0x80 {
            return (index, .incomplete)
        }
        index += length
    }
    return nil
}

public enum UTF8Problem: Equatable, Sendable {
    case strayContinuation, overlong, surrogate, aboveMaximum, neverValid, incomplete

    var text: String {
        switch self {
        case .strayContinuation: say("continuation byte without a lead byte", lv: "turpinājuma baits bez sākuma baita")
        case .overlong: say("overlong form", lv: "pārāk garš pieraksts")
        case .surrogate: say("surrogate", lv: "aizstājējkods")
        case .aboveMaximum: say("above U+10FFFF", lv: "virs U+10FFFF")
        case .neverValid: say("never valid in UTF-8", lv: "UTF-8 nekad nav derīgs")
        case .incomplete: say("incomplete sequence", lv: "nepabeigta virkne")
        }
    }
}

/// The first offset at or after `index` that holds a non-ASCII byte, or the end; eight bytes a step.
@inline(__always)
private func skipASCII(_ buffer: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
    guard let base = buffer.baseAddress else { return index }
    var index = index
    while index + 8 <= buffer.count {
        let high = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self).littleEndian & 0x8080_8080_8080_8080
        if high != 0 { return index + high.trailingZeroBitCount >> 3 }
        index += 8
    }
    while index < buffer.count, buffer[index] < 0x80 { index += 1 }
    return index
}

private func decodeUTF16(_ bytes: [UInt8], bigEndian: Bool, from start: Int) throws(TextDecodingError) -> DecodedText {
    let name = bigEndian ? "UTF-16BE" : "UTF-16LE"
    guard (bytes.count - start) % 2 == 0 else {
        throw TextDecodingError(byteOffset: bytes.count - 1, encoding: name, fault: .oddLength(lastByte: bytes[bytes.count - 1]))
    }
    var failure: TextDecodingError?
    let units = (bytes.count - start) / 2
    // A unit needs at most three UTF-8 bytes, a surrogate pair (two units) four.
    let utf8 = bytes.withUnsafeBufferPointer { input in
        [UInt8](unsafeUninitializedCapacity: units * 3) { output, initialized in
            func unit(_ at: Int) -> UInt32 {
                let first = UInt32(input[at])
                let second = UInt32(input[at + 1])
                return bigEndian ? first << 8 | second : second << 8 | first
            }
            var index = start
            var written = 0
            while index < input.count {
                var scalar = unit(index)
                switch scalar {
                case 0xD800...0xDBFF:
                    let low = index + 2 < input.count ? unit(index + 2) : 0
                    guard (0xDC00...0xDFFF).contains(low) else {
                        failure = surrogateError(scalar, at: index, name)
                        initialized = written
                        return
                    }
                    scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
                    index += 4
                case 0xDC00...0xDFFF:
                    failure = surrogateError(scalar, at: index, name)
                    initialized = written
                    return
                default:
                    index += 2
                }
                written += writeUTF8(scalar, into: output, at: written)
            }
            initialized = written
        }
    }
    if let failure { throw failure }
    return DecodedText(utf8: utf8, encoding: bigEndian ? .utf16BE : .utf16LE)
}

private func surrogateError(_ unit: UInt32, at offset: Int, _ name: String) -> TextDecodingError {
    TextDecodingError(byteOffset: offset, encoding: name, fault: .unpairedSurrogate(UInt16(truncatingIfNeeded: unit)))
}

/// Writes the scalar's UTF-8 form and returns how many bytes that took.
@inline(__always)
private func writeUTF8(_ scalar: UInt32, into output: UnsafeMutableBufferPointer<UInt8>, at index: Int) -> Int {
    switch scalar {
    case 0..<0x80:
        output[index] = UInt8(scalar)
        return 1
    case 0x80..<0x800:
        output[index] = UInt8(0xC0 | scalar >> 6)
        output[index + 1] = UInt8(0x80 | scalar & 0x3F)
        return 2
    case 0x800..<0x10000:
        output[index] = UInt8(0xE0 | scalar >> 12)
        output[index + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
        output[index + 2] = UInt8(0x80 | scalar & 0x3F)
        return 3
    default:
        output[index] = UInt8(0xF0 | scalar >> 18)
        output[index + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
        output[index + 2] = UInt8(0x80 | scalar >> 6 & 0x3F)
        output[index + 3] = UInt8(0x80 | scalar & 0x3F)
        return 4
    }
}

func hex(_ value: some BinaryInteger, digits: Int = 2) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: max(0, digits - text.count)) + text
}

/// A single-byte Windows code page, kept as each byte's UTF-8 form so decoding is a table copy.
private struct CodePage: Sendable {
    let name: String
    /// UTF-8 length per byte; 0 where the published table leaves the byte undefined.
    let lengths: [UInt8]
    /// UTF-8 bytes per byte, first byte in the lowest eight bits.
    let forms: [UInt32]

    init(name: String, scalars: [UInt16]) {
        precondition(scalars.count == 256)
        self.name = name
        var lengths = [UInt8](repeating: 0, count: 256)
        var forms = [UInt32](repeating: 0, count: 256)
        for (byte, scalar) in scalars.enumerated() where scalar != undefined {
            var form = [UInt8](repeating: 0, count: 4)
            let length = form.withUnsafeMutableBufferPointer { writeUTF8(UInt32(scalar), into: $0, at: 0) }
            lengths[byte] = UInt8(length)
            forms[byte] = form.reversed().reduce(0) { $0 << 8 | UInt32($1) }
        }
        self.lengths = lengths
        self.forms = forms
    }

    static let windows1257 = CodePage(name: "Windows-1257", scalars: windows1257Scalars)
    static let windows1252 = CodePage(name: "Windows-1252", scalars: windows1252Scalars)

    func decode(_ bytes: [UInt8]) throws(TextDecodingError) -> [UInt8] {
        if bytes.withUnsafeBufferPointer({ skipASCII($0, from: 0) }) == bytes.count { return bytes }
        return try bytes.withUnsafeBufferPointer { (input) throws(TextDecodingError) in
            try lengths.withUnsafeBufferPointer { (lengths) throws(TextDecodingError) in
                try forms.withUnsafeBufferPointer { (forms) throws(TextDecodingError) in
                    try decode(input, lengths, forms)
                }
            }
        }
    }

    /// Table lookups without branches: text mixes ASCII and letters too finely for branches to
    /// predict. The first pass finds the exact size and any undefined byte; the second stores each
    /// byte's four-byte form, of which the next byte overwrites what is unused.
    private func decode(
        _ input: UnsafeBufferPointer<UInt8>, _ lengths: UnsafeBufferPointer<UInt8>, _ forms: UnsafeBufferPointer<UInt32>
    ) throws(TextDecodingError) -> [UInt8] {
        var size = 0
        var undefinedCount = 0
        for byte in input {
            let length = Int(lengths[Int(byte)])
            size += length
            undefinedCount += length == 0 ? 1 : 0
        }
        if undefinedCount > 0, let offset = input.firstIndex(where: { lengths[Int($0)] == 0 }) {
            throw TextDecodingError(byteOffset: offset, encoding: name, fault: .undefinedByte(input[offset]))
        }
        return [UInt8](unsafeUninitializedCapacity: size + 3) { output, initialized in
            let base = UnsafeMutableRawPointer(output.baseAddress!)
            var written = 0
            for byte in input {
                base.storeBytes(of: forms[Int(byte)].littleEndian, toByteOffset: written, as: UInt32.self)
                written += Int(lengths[Int(byte)])
            }
            initialized = written
        }
    }
}

private let undefined: UInt16 = 0xFFFF

/// 0x00–0x7F, the same in both code pages as in ASCII.
private let asciiScalars: [UInt16] = Array(0..<0x80)

/// Windows-1257, byte → Unicode scalar, after the Unicode Consortium's published mapping
/// CP1257.TXT (Microsoft's best-fit additions left out: unmapped bytes are errors).
private let windows1257Scalars: [UInt16] =
    asciiScalars + [
        0x20AC, undefined, 0x201A, undefined, 0x201E, 0x2026, 0x2020, 0x2021,  // 0x80
        undefined, 0x2030, undefined, 0x2039, undefined, 0x00A8, 0x02C7, 0x00B8,  // 0x88
        undefined, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 0x90
        undefined, 0x2122, undefined, 0x203A, undefined, 0x00AF, 0x02DB, undefined,  // 0x98
        0x00A0, undefined, 0x00A2, 0x00A3, 0x00A4, undefined, 0x00A6, 0x00A7,  // 0xA0
        0x00D8, 0x00A9, 0x0156, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00C6,  // 0xA8
        0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,  // 0xB0
        0x00F8, 0x00B9, 0x0157, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00E6,  // 0xB8
        0x0104, 0x012E, 0x0100, 0x0106, 0x00C4, 0x00C5, 0x0118, 0x0112,  // 0xC0
        0x010C, 0x00C9, 0x0179, 0x0116, 0x0122, 0x0136, 0x012A, 0x013B,  // 0xC8
        0x0160, 0x0143, 0x0145, 0x00D3, 0x014C, 0x00D5, 0x00D6, 0x00D7,  // 0xD0
        0x0172, 0x0141, 0x015A, 0x016A, 0x00DC, 0x017B, 0x017D, 0x00DF,  // 0xD8
        0x0105, 0x012F, 0x0101, 0x0107, 0x00E4, 0x00E5, 0x0119, 0x0113,  // 0xE0
        0x010D, 0x00E9, 0x017A, 0x0117, 0x0123, 0x0137, 0x012B, 0x013C,  // 0xE8
        0x0161, 0x0144, 0x0146, 0x00F3, 0x014D, 0x00F5, 0x00F6, 0x00F7,  // 0xF0
        0x0173, 0x0142, 0x015B, 0x016B, 0x00FC, 0x017C, 0x017E, 0x02D9,  // 0xF8
    ]

/// Windows-1252, byte → Unicode scalar, after the Unicode Consortium's published mapping
/// CP1252.TXT (Microsoft's best-fit additions left out: unmapped bytes are errors).
private let windows1252Scalars: [UInt16] =
    asciiScalars + [
        0x20AC, undefined, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 0x80
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, undefined, 0x017D, undefined,  // 0x88
        undefined, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 0x90
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, undefined, 0x017E, 0x0178,  // 0x98
        0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,  // 0xA0
        0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,  // 0xA8
        0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,  // 0xB0
        0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,  // 0xB8
        0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7,  // 0xC0
        0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF,  // 0xC8
        0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7,  // 0xD0
        0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF,  // 0xD8
        0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7,  // 0xE0
        0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF,  // 0xE8
        0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7,  // 0xF0
        0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF,  // 0xF8
    ]
