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

public enum CSVError: Error, CustomStringConvertible, Equatable, Sendable {
    case unterminatedQuote(line: Int)
    case fieldTooLong(line: Int, field: Int, limit: Int)

    public var description: String {
        switch self {
        case .unterminatedQuote(let line):
            return "a quoted field opened on line \(line) is never closed"
        case .fieldTooLong(let line, let field, let limit):
            return "field \(field) of the record on line \(line) is longer than \(limit) bytes"
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

    public static func readAll(utf8: [UInt8], delimiter: UInt8) throws(CSVError) -> [CSVRecord] {
        var reader = CSVReader(utf8: utf8, delimiter: delimiter)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    public mutating func next() throws(CSVError) -> CSVRecord? {
        // Skip blank lines.
        while position < bytes.count, bytes[position] == Self.cr || bytes[position] == Self.lf {
            consumeNewline()
        }
        guard position < bytes.count else { return nil }
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        while true {
            field.removeAll(keepingCapacity: true)
            try readField(into: &field, startLine: startLine, fieldNumber: fields.count + 1)
            fields.append(String(decoding: field, as: UTF8.self))
            if position >= bytes.count { break }
            let byte = bytes[position]
            if byte == delimiter {
                position += 1
                continue
            }
            consumeNewline()
            break
        }
        return CSVRecord(fields: fields, line: startLine)
    }

    private mutating func readField(into field: inout [UInt8], startLine: Int, fieldNumber: Int) throws(CSVError) {
        var quoted = position < bytes.count && bytes[position] == Self.quote
        if quoted { position += 1 }
        while position < bytes.count {
            let byte = bytes[position]
            if quoted {
                if byte == Self.quote {
                    if position + 1 < bytes.count, bytes[position + 1] == Self.quote {
                        field.append(Self.quote)
                        position += 2
                    } else {
                        quoted = false
                        position += 1
                    }
                    continue
                }
                if byte == Self.cr || byte == Self.lf {
                    // A newline inside quotes is data; count it so later line numbers stay right.
                    field.append(byte)
                    position += 1
                    if byte == Self.cr, position < bytes.count, bytes[position] == Self.lf {
                        field.append(Self.lf)
                        position += 1
                    }
                    line += 1
                } else {
                    field.append(byte)
                    position += 1
                }
            } else {
                if byte == delimiter || byte == Self.cr || byte == Self.lf { break }
                field.append(byte)
                position += 1
            }
            if field.count > maxFieldBytes {
                throw .fieldTooLong(line: startLine, field: fieldNumber, limit: maxFieldBytes)
            }
        }
        if quoted { throw .unterminatedQuote(line: startLine) }
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
