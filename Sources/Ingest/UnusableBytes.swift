import AtbalstsCore
import Foundation

/// A byte that makes its row unusable (SPEC 4.1): one that cannot be decoded, or a NUL, which
/// SQLite and libxlsxwriter would take for the end of the text and silently cut it there. The
/// row is quarantined with the byte's true offset in the file; the rest of the file is read.
public struct UnusableByte: Equatable, Sendable {
    /// Where it lies in the decoded UTF-8 text, to find its row.
    let textOffset: Int
    public let fileOffset: Int
    public let byte: UInt8
    /// The encoding it cannot be decoded in; nil for a NUL.
    public let encoding: String?

    /// Why its row is quarantined.
    var reason: QuarantineReason {
        guard let encoding else { return .nulByte(byteOffset: fileOffset) }
        return .undecodableByte(byte: byte, byteOffset: fileOffset, encoding: encoding)
    }

    /// For messages in the user's language.
    public var description: String {
        guard let encoding else {
            return say("NUL byte at byte offset \(fileOffset)", lv: "baita nobīde \(fileOffset): NUL baits")
        }
        return say(
            "byte \(hex(byte)) at byte offset \(fileOffset) cannot be decoded as \(encoding)",
            lv: "baita nobīde \(fileOffset): baitu \(hex(byte)) nevar atkodēt kā \(encoding)")
    }
}

/// Decoded text with the bytes that make rows unusable, in text order.
struct RowDecodedText {
    /// The text as UTF-8: a view of the input itself when it was UTF-8 already and plain.
    let utf8: InputBytes
    let encoding: DetectedEncoding
    let unusable: [UnusableByte]

    init(_ text: DecodedText, unusable: [UnusableByte]) {
        utf8 = InputBytes(text.utf8)
        encoding = text.encoding
        self.unusable = unusable
    }

    init(plain utf8: InputBytes, encoding: DetectedEncoding) {
        self.utf8 = utf8
        self.encoding = encoding
        unusable = []
    }
}

/// `decodeText`, but a text that is UTF-8 but for a few bytes stays UTF-8 with those bytes listed
/// for their rows to be quarantined, instead of failing or being re-read in a legacy code page,
/// which would turn every `ā` into mojibake (SPEC 4.1). It is UTF-8 when it has more well-formed
/// multi-byte sequences than ill-formed ones: a Windows-1257 text has almost none of the former.
/// Legacy code pages and UTF-16 stay strict: their errors mean a wrong `encoding:`.
///
/// `plainUTF8`: the bytes are known to be well-formed UTF-8 without a NUL (`FileBytes`), so they
/// are not checked again when read as UTF-8, and the text is the input itself, not a copy.
func decodeTextByRow(
    _ bytes: [UInt8], choice: EncodingChoice, legacy: EncodingChoice, plainUTF8: Bool = false
) throws(TextDecodingError) -> RowDecodedText {
    try decodeTextByRow(InputBytes(bytes), choice: choice, legacy: legacy, plainUTF8: plainUTF8)
}

func decodeTextByRow(
    _ input: InputBytes, choice: EncodingChoice, legacy: EncodingChoice, plainUTF8: Bool = false
) throws(TextDecodingError) -> RowDecodedText {
    let bom = input.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    if plainUTF8, choice == .auto || choice == .utf8 {
        // A UTF-16 byte-order mark (FF FE, FE FF) is never well-formed UTF-8: no need to look for one.
        return RowDecodedText(plain: input.dropFirst(bom), encoding: bom > 0 ? .utf8BOM : .utf8)
    }
    let bytes = input.array
    let hasUTF16Mark = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
    /// nil: not read as UTF-8.
    var invalid: [UnusableByte]?
    switch choice {
    case .utf8:
        invalid = invalidUTF8(bytes, from: bom)
    case .auto where !hasUTF16Mark:
        if bom > 0 {
            invalid = invalidUTF8(bytes, from: bom)
        } else if firstInvalidUTF8(bytes) == nil {
            invalid = []
        } else {
            let census = utf8Census(bytes)
            if census.wellFormed > census.illFormed { invalid = invalidUTF8(bytes, from: 0) }
        }
    default:
        break
    }
    let decoded: DecodedText
    var unusable: [UnusableByte] = []
    if let invalid {
        decoded =
            bom > 0
            ? DecodedText(utf8: Array(bytes[bom...]), encoding: .utf8BOM) : DecodedText(utf8: bytes, encoding: .utf8)
        unusable = invalid.map {
            UnusableByte(textOffset: $0.fileOffset - bom, fileOffset: $0.fileOffset, byte: $0.byte, encoding: $0.encoding)
        }
    } else {
        decoded = try decodeText(bytes, choice: choice, legacy: legacy)
    }
    let nuls = nulBytes(in: decoded, original: bytes)
    return RowDecodedText(decoded, unusable: nuls.isEmpty ? unusable : (unusable + nuls).sorted { $0.textOffset < $1.textOffset })
}

/// Every ill-formed sequence's first byte; a sequence cut short is one problem, its stray
/// continuation bytes further ones (they lie in the same row).
private func invalidUTF8(_ bytes: [UInt8], from start: Int) -> [UnusableByte] {
    var found: [UnusableByte] = []
    var position = start
    while let (offset, _) = firstInvalidUTF8(bytes, from: position) {
        found.append(UnusableByte(textOffset: offset, fileOffset: offset, byte: bytes[offset], encoding: "UTF-8"))
        position = offset + 1
    }
    return found
}

/// Well-formed multi-byte sequences and ill-formed ones. Between two problems the bytes are valid
/// UTF-8, where every byte from 0xC0 up starts a multi-byte sequence.
private func utf8Census(_ bytes: [UInt8]) -> (wellFormed: Int, illFormed: Int) {
    var wellFormed = 0
    var illFormed = 0
    var position = 0
    func leads(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 + ($1 >= 0xC0 ? 1 : 0) } }
    while let (offset, _) = firstInvalidUTF8(bytes, from: position) {
        wellFormed += leads(position..<offset)
        illFormed += 1
        position = offset + 1
    }
    wellFormed += leads(position..<bytes.count)
    return (wellFormed, illFormed)
}

/// NULs in the decoded text with their offsets in the file. A NUL comes only from a NUL, so the
/// k-th in the text is the k-th in the file: a NUL byte, or a NUL unit in UTF-16.
private func nulBytes(in decoded: DecodedText, original: [UInt8]) -> [UnusableByte] {
    let inText = decoded.utf8.withUnsafeBufferPointer { buffer -> [Int] in
        guard let base = buffer.baseAddress else { return [] }
        var found: [Int] = []
        var position = 0
        while position < buffer.count, let hit = memchr(base + position, 0, buffer.count - position) {
            let offset = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
            found.append(offset)
            position = offset + 1
        }
        return found
    }
    guard !inText.isEmpty else { return [] }
    let inFile: [Int]
    switch decoded.encoding {
    case .utf16LE, .utf16BE:
        let marked = original.starts(with: [0xFF, 0xFE]) || original.starts(with: [0xFE, 0xFF])
        inFile = stride(from: marked ? 2 : 0, to: original.count - 1, by: 2).filter {
            original[$0] == 0 && original[$0 + 1] == 0
        }
    case .utf8BOM:
        inFile = inText.map { $0 + 3 }
    case .utf8:
        inFile = inText
    case .windows1257, .windows1252, .xlsx:
        inFile = original.indices.filter { original[$0] == 0 }
    }
    return zip(inText, inFile).map { UnusableByte(textOffset: $0, fileOffset: $1, byte: 0, encoding: nil) }
}
