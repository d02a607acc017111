// The fuzz target (fuzz/run.sh) compiles this file without the package's modules.
#if canImport(AtbalstsCore)
import AtbalstsCore
#endif
/// One record of a CSV file.
public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    /// 1-based physical line where the record starts.
    public var line: Int

    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}

/// One record's fields as unescaped UTF-8 bytes in one buffer, reused from record to record.
public struct RawRecord: Sendable {
    public internal(set) var bytes: [UInt8] = []
    /// End offset in `bytes` of each field.
    public internal(set) var ends: [Int] = []
    /// 1-based physical line where the record starts.
    public internal(set) var line = 0

    public init() {}

    public var count: Int { ends.count }

    public func range(_ field: Int) -> Range<Int> { (field == 0 ? 0 : ends[field - 1])..<ends[field] }

    public func string(_ field: Int) -> String { String(decoding: bytes[range(field)], as: UTF8.self) }

    public var strings: [String] { (0..<count).map(string) }

    /// Only spaces and tabs, or nothing.
    public func isBlank(_ field: Int) -> Bool { bytes[range(field)].allSatisfy { $0 == 32 || $0 == 9 } }
}

public enum CSVError: Error, CustomStringConvertible, Equatable, Sendable {
    case unterminatedQuote(line: Int)
    case fieldTooLong(line: Int, field: Int, limit: Int)

    public var description: String {
        switch self {
        case .unterminatedQuote(let line):
            return say("a quoted field opened on line \(line) is never closed", lv: "\(line). rindā atvērtas pēdiņas netiek aizvērtas")
        case .fieldTooLong(let line, let field, let limit):
            return say("field \(field) of the record on line \(line) is longer than \(limit) bytes", lv: "\(line). rindas \(field). lauks ir garāks par \(limit) baitiem")
        }
    }
}

/// RFC 4180 over UTF-8 bytes, streaming one record at a time. Bytes, not `Character`s, so that
/// CR LF is never one grapheme. Lenient where CPython's csv is: a quote inside an unquoted field
/// is kept, text after a closing quote is appended. Blank lines between records are skipped.
public struct CSVReader {
    private let bytes: [UInt8]
    private let delimiter: UInt8
    private let maxFieldBytes: Int
    private var position = 0
    private var line = 1

    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    public init(utf8: [UInt8], delimiter: UInt8, maxFieldBytes: Int = 1 << 20) {
        self.bytes = utf8
        self.delimiter = delimiter
        self.maxFieldBytes = maxFieldBytes
    }

    /// Bytes consumed so far: with the text's size, how far a reader has got.
    public var bytesRead: Int { position }
    public var byteCount: Int { bytes.count }

    public static func readAll(utf8: [UInt8], delimiter: UInt8) throws(CSVError) -> [CSVRecord] {
        var reader = CSVReader(utf8: utf8, delimiter: delimiter)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    public mutating func next() throws(CSVError) -> CSVRecord? {
        var raw = RawRecord()
        guard try next(into: &raw) else { return nil }
        return CSVRecord(fields: raw.strings, line: raw.line)
    }

    /// Reads the next record into `record`'s reusable buffer; false at the end of the text. For
    /// readers that look at some fields only: no `String` is made for the others.
    public mutating func next(into record: inout RawRecord) throws(CSVError) -> Bool {
        // Skip blank lines.
        while position < bytes.count, bytes[position] == Self.cr || bytes[position] == Self.lf {
            consumeNewline()
        }
        record.bytes.removeAll(keepingCapacity: true)
        record.ends.removeAll(keepingCapacity: true)
        guard position < bytes.count else { return false }
        record.line = line
        while true {
            try readField(into: &record)
            if position >= bytes.count { break }
            if bytes[position] == delimiter {
                position += 1
                continue
            }
            consumeNewline()
            break
        }
        return true
    }

    private mutating func readField(into record: inout RawRecord) throws(CSVError) {
        let start = record.bytes.count
        let count = bytes.count
        var quoted = position < count && bytes[position] == Self.quote
        if quoted { position += 1 }
        try bytes.withUnsafeBufferPointer { (input) throws(CSVError) in
            while position < count {
                if !quoted {
                    // Copy the run up to the next delimiter or line break in one go.
                    var end = position
                    while end < count {
                        let byte = input[end]
                        if byte == delimiter || byte == Self.cr || byte == Self.lf { break }
                        end += 1
                    }
                    record.bytes.append(contentsOf: input[position..<end])
                    position = end
                    break
                }
                let byte = input[position]
                if byte == Self.quote {
                    if position + 1 < count, input[position + 1] == Self.quote {
                        record.bytes.append(Self.quote)
                        position += 2
                    } else {
                        quoted = false  // text after a closing quote is kept, as CPython does
                        position += 1
                    }
                } else if byte == Self.cr || byte == Self.lf {
                    // A newline inside quotes is data; count it so later line numbers stay right.
                    record.bytes.append(byte)
                    position += 1
                    if byte == Self.cr, position < count, input[position] == Self.lf {
                        record.bytes.append(Self.lf)
                        position += 1
                    }
                    line += 1
                } else {
                    record.bytes.append(byte)
                    position += 1
                }
                if record.bytes.count - start > maxFieldBytes { break }
            }
        }
        if record.bytes.count - start > maxFieldBytes {
            throw .fieldTooLong(line: record.line, field: record.ends.count + 1, limit: maxFieldBytes)
        }
        if quoted { throw .unterminatedQuote(line: record.line) }
        record.ends.append(record.bytes.count)
    }

    private mutating func consumeNewline() {
        guard position < bytes.count else { return }
        if bytes[position] == Self.cr {
            position += 1
            if position < bytes.count, bytes[position] == Self.lf { position += 1 }
        } else if bytes[position] == Self.lf {
            position += 1
        }
        line += 1
    }

    /// Picks among `, ; \t |` the delimiter that splits the first records into the same number of
    /// fields (more than one), preferring the most fields.
    public static func sniffDelimiter(_ utf8: [UInt8]) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]
        var best: (delimiter: UInt8, fields: Int, consistent: Bool) = (UInt8(ascii: ","), 0, false)
        let sample = Array(utf8.prefix(64 * 1024))
        for candidate in candidates {
            var reader = CSVReader(utf8: sample, delimiter: candidate)
            var counts: [Int] = []
            while counts.count < 6, let record = try? reader.next() { counts.append(record.fields.count) }
            // The last sampled record may be cut by the sample boundary.
            if sample.count < utf8.count, counts.count > 1 { counts.removeLast() }
            guard let first = counts.first, first > 1 else { continue }
            let consistent = counts.allSatisfy { $0 == first }
            if (consistent && !best.consistent) || (consistent == best.consistent && first > best.fields) {
                best = (candidate, first, consistent)
            }
        }
        return best.delimiter
    }
}
