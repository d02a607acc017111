// The fuzz target (fuzz/run.sh) compiles this file without the package's modules.
#if canImport(AtbalstsCore)
import AtbalstsCore
#endif
/// Which text encoding a source is read with (SPEC 4.1, pipeline `encoding:`).
public enum EncodingChoice: String, Sendable, CaseIterable {
    case auto
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case windows1257 = "windows-1257"
    case windows1252 = "windows-1252"
}

public enum DetectedEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 (BOM)"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case windows1257 = "Windows-1257"
    case windows1252 = "Windows-1252"
}

/// The text of a file as UTF-8 bytes, any byte-order mark removed.
public struct DecodedText: Sendable {
    public let utf8: [UInt8]
    public let encoding: DetectedEncoding
}

/// A byte that cannot be decoded: never turned into U+FFFD silently (SPEC 4.1).
public struct TextDecodingError: Error, CustomStringConvertible, Equatable, Sendable {
    public let byteOffset: Int
    public let encoding: String
    public let reason: String

    public var description: String { say("byte offset \(byteOffset): \(reason)", lv: "baita nobīde \(byteOffset): \(reason)") }
}

/// Detection order: byte-order mark, strict UTF-8, then the legacy code page (default
/// Windows-1257, the Latvian Windows ANSI code page).
public func decodeText(
    _ bytes: [UInt8], choice: EncodingChoice = .auto, legacy: EncodingChoice = .windows1257
) throws(TextDecodingError) -> DecodedText {
    let hasUTF8BOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
    switch choice {
    case .auto:
        if hasUTF8BOM { return try decodeText(bytes, choice: .utf8) }
        if bytes.starts(with: [0xFF, 0xFE]) { return try decodeUTF16(bytes, littleEndian: true, skip: 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return try decodeUTF16(bytes, littleEndian: false, skip: 2) }
        if firstInvalidUTF8(bytes) == nil { return DecodedText(utf8: bytes, encoding: .utf8) }
        let fallback: EncodingChoice = legacy == .windows1252 ? .windows1252 : .windows1257
        return try decodeText(bytes, choice: fallback)
    case .utf8:
        let skip = hasUTF8BOM ? 3 : 0
        let body = Array(bytes.dropFirst(skip))
        if let invalid = firstInvalidUTF8(body) {
            throw TextDecodingError(
                byteOffset: invalid + skip, encoding: "UTF-8",
                reason: "byte 0x\(hexByte(body[invalid])) is not valid UTF-8")
        }
        return DecodedText(utf8: body, encoding: hasUTF8BOM ? .utf8BOM : .utf8)
    case .utf16:
        if bytes.starts(with: [0xFE, 0xFF]) { return try decodeUTF16(bytes, littleEndian: false, skip: 2) }
        return try decodeUTF16(bytes, littleEndian: true, skip: bytes.starts(with: [0xFF, 0xFE]) ? 2 : 0)
    case .windows1257:
        return DecodedText(
            utf8: try decodeSingleByte(bytes, table: windows1257High, name: "Windows-1257"), encoding: .windows1257)
    case .windows1252:
        return DecodedText(
            utf8: try decodeSingleByte(bytes, table: windows1252High, name: "Windows-1252"), encoding: .windows1252)
    }
}

/// Strict UTF-8 (RFC 3629 table 3-7): no overlong forms, no surrogates, nothing above U+10FFFF.
/// Returns the offset of the first byte that starts an invalid sequence.
func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
    var index = 0
    let count = bytes.count
    while index < count {
        let lead = bytes[index]
        if lead < 0x80 {
            index += 1
            continue
        }
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return index
        }
        guard index + length <= count, bytes[index + 1] >= low, bytes[index + 1] <= high else { return index }
        for next in (index + 2)..<(index + length) where bytes[next] & 0xC0 != 0x80 { return index }
        index += length
    }
    return nil
}

private func decodeUTF16(_ bytes: [UInt8], littleEndian: Bool, skip: Int) throws(TextDecodingError) -> DecodedText {
    let name = littleEndian ? "UTF-16LE" : "UTF-16BE"
    guard (bytes.count - skip) % 2 == 0 else {
        throw TextDecodingError(byteOffset: bytes.count - 1, encoding: name, reason: "odd number of bytes in \(name)")
    }
    func unit(_ at: Int) -> UInt32 {
        littleEndian
            ? UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 : UInt32(bytes[at]) << 8 | UInt32(bytes[at + 1])
    }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var index = skip
    while index < bytes.count {
        let start = index
        var scalar = unit(index)
        index += 2
        if (0xD800...0xDBFF).contains(scalar), index < bytes.count, (0xDC00...0xDFFF).contains(unit(index)) {
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (unit(index) - 0xDC00)
            index += 2
        } else if (0xD800...0xDFFF).contains(scalar) {
            throw TextDecodingError(byteOffset: start, encoding: name, reason: "unpaired surrogate in \(name)")
        }
        appendUTF8(scalar, to: &out)
    }
    return DecodedText(utf8: out, encoding: littleEndian ? .utf16LE : .utf16BE)
}

private func decodeSingleByte(_ bytes: [UInt8], table: [UInt16], name: String) throws(TextDecodingError) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 8)
    for (offset, byte) in bytes.enumerated() {
        if byte < 0x80 {
            out.append(byte)
            continue
        }
        let scalar = table[Int(byte - 0x80)]
        guard scalar != undefined else {
            throw TextDecodingError(
                byteOffset: offset, encoding: name, reason: say("byte 0x\(hexByte(byte)) cannot be decoded as \(name)", lv: "baitu 0x\(hexByte(byte)) nevar atkodēt kā \(name)"))
        }
        appendUTF8(UInt32(scalar), to: &out)
    }
    return out
}

private func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
        out.append(UInt8(scalar))
    case 0x80..<0x800:
        out.append(UInt8(0xC0 | scalar >> 6))
        out.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
        out.append(UInt8(0xE0 | scalar >> 12))
        out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
        out.append(UInt8(0x80 | scalar & 0x3F))
    default:
        out.append(UInt8(0xF0 | scalar >> 18))
        out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
        out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
        out.append(UInt8(0x80 | scalar & 0x3F))
    }
}

func hexByte(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}

private let undefined: UInt16 = 0xFFFF

/// Bytes 0x80–0xFF of Windows-1257, after the Unicode Consortium's published mapping CP1257.TXT.
let windows1257High: [UInt16] = [
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

/// Bytes 0x80–0xFF of Windows-1252, after the Unicode Consortium's published mapping CP1252.TXT.
let windows1252High: [UInt16] = [
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
