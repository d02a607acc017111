import CByteScan

// The fuzz target (fuzz/run.sh) compiles this file without the package's modules.
#if canImport(AtbalstsCore)
    import AtbalstsCore
#endif
/// One record of a CSV file.
public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    /// 1-based physical line where the record starts. LF, CR and CR LF each end one line, also
    /// inside quoted fields, so this is the line an editor shows.
    public var line: Int

    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}

/// One record's fields as unescaped UTF-8 bytes, for readers that look at some fields only and so
/// need no `String` for the others. A field is a range of the input itself (shared, not copied);
/// only a quoted field with doubled quotes, once unescaped, lives in a small buffer of its own,
/// reused from record to record.
public struct RawRecord: Sendable, FieldSink {
    /// The whole input the record was read from.
    private var source = InputBytes([])
    /// Unescaped fields; their offsets in `bounds` come after `source.count`.
    private var unescaped: [UInt8] = []
    /// Each field's start and end, `kept` of them (`FieldBoundsStorage`).
    private var bounds = FieldBoundsStorage(capacity: 32)
    private var kept = 0
    /// Fields after the kept ones that were only counted (`CSVReader.keptFields`).
    private var skipped = 0
    /// 1-based physical line where the record starts.
    public internal(set) var line = 0

    public init() {}

    /// The record's fields, counted ones included.
    public var count: Int { kept + skipped }

    /// The bytes of one field (0-based); only a kept one can be asked for.
    /// (A copy when the input is a mapped file: for a loop over many cells, `withFields`.)
    public func field(_ index: Int) -> ArraySlice<UInt8> {
        precondition(index >= 0 && index < kept, "field \(index) of a record of \(kept) kept fields")
        let (start, end) = bounds.pointer[index]
        return start < source.count ? source.slice(start..<end) : unescaped[(start - source.count)..<(end - source.count)]
    }

    public func string(_ index: Int) -> String {
        withFields { String(decoding: $0.field(index), as: UTF8.self) }
    }

    public var strings: [String] { (0..<count).map(string) }

    /// The field whose bytes include `offset` of the input, if it lies in the input (a field
    /// unescaped into its own buffer does not).
    func fieldIndex(containing offset: Int) -> Int? {
        (0..<kept).first {
            bounds.pointer[$0].start <= offset && offset < bounds.pointer[$0].end && bounds.pointer[$0].start < source.count
        }
    }

    /// Only spaces and tabs, or nothing.
    public func isBlank(_ index: Int) -> Bool { withFields { $0.isBlank(index) } }

    /// The fields as pointers, valid inside `body` only: for a loop over many cells, where an
    /// `ArraySlice` per cell would retain and release the input each time.
    func withFields<Result>(_ body: (RecordFields) throws -> Result) rethrows -> Result {
        try source.withUnsafeBufferPointer { source in
            try unescaped.withUnsafeBufferPointer { unescaped in
                try withExtendedLifetime(bounds) {
                    try body(
                        RecordFields(
                            source: source, unescaped: unescaped, bounds: UnsafeBufferPointer(start: bounds.pointer, count: kept)))
                }
            }
        }
    }

    mutating func begin(_ input: InputBytes) {
        source = input
        unescaped.removeAll(keepingCapacity: true)
        // Once a record, not once a field: storage a copy of this record still shares is left
        // to the copy.
        if !isKnownUniquelyReferenced(&bounds) { bounds = FieldBoundsStorage(capacity: bounds.capacity) }
        kept = 0
        skipped = 0
    }

    mutating func append(offset: Int, count length: Int) {
        add((offset, offset + length))
    }

    /// Fields are only ever added past `kept`, so a copy made earlier still sees its own fields
    /// unchanged; storage that must grow is new storage.
    @inline(__always)
    private mutating func add(_ field: FieldBounds) {
        if kept == bounds.capacity { bounds = bounds.grown(keeping: kept) }
        bounds.pointer[kept] = field
        kept += 1
    }

    mutating func counted(_ fields: Int) { skipped += fields }

    mutating func field(in buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        add((start, end))
    }

    mutating func unescapedField(_ field: UnsafeBufferPointer<UInt8>) {
        let start = source.count + unescaped.count
        unescaped.append(contentsOf: field)
        add((start, start + field.count))
    }
}

/// A record's field bounds, written through a pointer: appending to an array checked that it was
/// not shared once per field, a twentieth of splitting a national export. `RawRecord` checks once
/// per record instead, and never writes where a copy of it could look.
final class FieldBoundsStorage: @unchecked Sendable {  // written only by the record that owns it alone
    let pointer: UnsafeMutablePointer<FieldBounds>
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        pointer = .allocate(capacity: capacity)
    }

    deinit { pointer.deallocate() }

    /// New storage of twice the room, holding the first `count` bounds.
    func grown(keeping count: Int) -> FieldBoundsStorage {
        let grown = FieldBoundsStorage(capacity: capacity * 2)
        grown.pointer.initialize(from: pointer, count: count)
        return grown
    }
}

/// Where `CSVReader` puts a record's fields.
protocol FieldSink {
    /// A field that is the piece `start..<end` of the input.
    mutating func field(in buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    /// A field that had doubled quotes, unescaped into a buffer of its own.
    mutating func unescapedField(_ field: UnsafeBufferPointer<UInt8>)
    /// Fields at the record's end that are counted, not read (`CSVReader.keptFields`).
    mutating func counted(_ fields: Int)
}

/// A record's fields as strings, for `CSVRecord`.
private struct StringFields: FieldSink {
    var strings: [String] = []

    mutating func field(in buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        unescapedField(UnsafeBufferPointer(rebasing: buffer[start..<end]))
    }

    mutating func unescapedField(_ field: UnsafeBufferPointer<UInt8>) {
        strings.append(String(decoding: field, as: UTF8.self))
    }

    mutating func counted(_ fields: Int) { preconditionFailure("every field of a CSVRecord is read") }
}

/// Where a field's bytes start and end: offsets into the input, or past its end into the buffer of
/// unescaped fields.
typealias FieldBounds = (start: Int, end: Int)

/// A `RawRecord`'s fields seen through pointers (`RawRecord.withFields`).
struct RecordFields {
    let source: UnsafeBufferPointer<UInt8>
    let unescaped: UnsafeBufferPointer<UInt8>
    let bounds: UnsafeBufferPointer<FieldBounds>

    var count: Int { bounds.count }

    /// The bytes of one field (0-based), as `RawRecord.field`.
    @inline(__always)
    func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let (start, end) = bounds[index]
        let length = end - start
        if start < source.count { return UnsafeBufferPointer(rebasing: source[start..<(start + length)]) }
        let offset = start - source.count
        return UnsafeBufferPointer(rebasing: unescaped[offset..<(offset + length)])
    }

    /// Only spaces and tabs, or nothing.
    @inline(__always)
    func isBlank(_ index: Int) -> Bool {
        for byte in field(index) where byte != 32 && byte != 9 { return false }
        return true
    }
}

public enum CSVError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `line` is where the quote that is never closed opens.
    case unterminatedQuote(line: Int)
    /// `line` is where the record starts; `field` counts from 1.
    case fieldTooLong(line: Int, field: Int, limit: Int)

    public var description: String {
        switch self {
        case .unterminatedQuote(let line):
            return say(
                "the quoted field opened on line \(line) is never closed",
                lv: "\(line). rindā atvērtas pēdiņas netiek aizvērtas")
        case .fieldTooLong(let line, let field, let limit):
            return say(
                "field \(field) of the record on line \(line) is longer than \(limit) bytes",
                lv: "\(line). rindas \(field). lauks ir garāks par \(limit) baitiem")
        }
    }
}

/// Reads RFC 4180 CSV from UTF-8 bytes one record at a time. It works on bytes, never on
/// `Character`s, in which CR LF, or a quote and a combining mark, would be a single grapheme.
///
/// Where RFC 4180 (section 2) says nothing or a file breaks it, the reader is lenient as CPython's
/// `csv.reader` is by default (`strict=False`):
/// - records may end in LF, CR or CR LF, mixed within one file; the last may have no line break;
/// - a quote inside an unquoted field is kept as a character: `ab"c` reads as `ab"c`;
/// - text after a closing quote is appended to the field, its quotes kept: `"ab"c` reads as `abc`.
/// Two choices differ from CPython. A blank line is skipped, where CPython returns an empty record:
/// exports only have them at the end or between blocks, never as data. A quote still open at the
/// end of the input is an error, where CPython returns what it has: that file is broken.
public struct CSVReader: Sendable {
    private let bytes: InputBytes
    private let delimiter: UInt8
    private let maxFieldBytes: Int
    private var position = 0
    private var line = 1
    /// The previous record's field count, to size the next one's array once.
    private var expectedFields = 0
    /// Reused for quoted fields that need unescaping.
    private var scratch: [UInt8] = []
    /// Fields of a record whose bounds `next(into:)` keeps; the rest are counted up to the
    /// record's end without being read, when nothing in them is quoted (`fieldsToRecordEnd`).
    /// An export's unmapped questions come after the mapped ones: Google Forms appends a form's
    /// later questions, and at national scale splitting 60 such columns was a tenth of the import.
    var keptFields = Int.max
    /// The 64-byte block of the input last looked at, and where in it the delimiter, CR and LF
    /// are (`StructuralBytes`); `blockStart` is -1 before the first.
    private var blockStart = -1
    private var blockMask: UInt64 = 0

    /// `delimiter` is one of `, ; \t |` in practice; a field longer than `maxFieldBytes` (in UTF-8,
    /// after unescaping) is an error rather than a memory hazard.
    public init(utf8: [UInt8], delimiter: UInt8, maxFieldBytes: Int = 1 << 20) {
        self.init(input: InputBytes(utf8), delimiter: delimiter, maxFieldBytes: maxFieldBytes)
    }

    public init(input: InputBytes, delimiter: UInt8, maxFieldBytes: Int = 1 << 20) {
        precondition(![quote, cr, lf].contains(delimiter), "a quote or a line break cannot be the delimiter")
        self.bytes = input
        self.delimiter = delimiter
        self.maxFieldBytes = maxFieldBytes
    }

    public static func readAll(
        utf8: [UInt8], delimiter: UInt8, maxFieldBytes: Int = 1 << 20
    ) throws(CSVError) -> [CSVRecord] {
        var reader = CSVReader(utf8: utf8, delimiter: delimiter, maxFieldBytes: maxFieldBytes)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    /// Bytes consumed so far: with `byteCount`, how far the reader has got.
    public var bytesRead: Int { position }
    public var byteCount: Int { bytes.count }

    /// The next record, or nil at the end of the input.
    public mutating func next() throws(CSVError) -> CSVRecord? {
        let bytes = self.bytes
        return try bytes.withUnsafeBufferPointer { (buffer) throws(CSVError) -> CSVRecord? in
            var fields = StringFields()
            fields.strings.reserveCapacity(expectedFields)
            guard let line = try readRecord(buffer, into: &fields) else { return nil }
            expectedFields = fields.strings.count
            return CSVRecord(fields: fields.strings, line: line)
        }
    }

    /// Reads the next record into `record`, which refers to this reader's input; false at the end.
    public mutating func next(into record: inout RawRecord) throws(CSVError) -> Bool {
        let bytes = self.bytes
        record.begin(bytes)
        let line = try bytes.withUnsafeBufferPointer { (buffer) throws(CSVError) -> Int? in
            try readRecord(buffer, into: &record, keeping: keptFields)
        }
        guard let line else { return false }
        record.line = line
        return true
    }

    /// Hands each field of the next record to `sink` and returns the line the record starts on,
    /// or nil at the end of the input. Generic rather than taking a closure, so that adding a
    /// field is inlined: a closure call per field was a twentieth of the parse thread.
    private mutating func readRecord<Sink: FieldSink>(
        _ buffer: UnsafeBufferPointer<UInt8>, into sink: inout Sink, keeping keptFields: Int = .max
    ) throws(CSVError) -> Int? {
        while position < buffer.count, buffer[position] == cr || buffer[position] == lf { skipLineBreak(buffer) }
        guard position < buffer.count else { return nil }
        let recordLine = line
        var number = 1
        // Tried once a record: after a quote stopped it, the rest is read field by field (trying
        // again at every field would scan up to the same quote each time).
        var counting = keptFields < Int.max
        while true {
            if counting, number > keptFields {
                counting = false
                if let (end, fields) = fieldsToRecordEnd(buffer) {
                    sink.counted(fields)
                    position = end
                    if position < buffer.count { skipLineBreak(buffer) }
                    break
                }
            }
            if position < buffer.count, buffer[position] == quote {
                try readQuotedField(buffer, recordLine: recordLine, number: number, into: &sink)
            } else {
                // Most fields: found in line, not through a call per field.
                let start = position
                position = nextStructural(buffer, from: position)
                try checkLength(position - start, recordLine, number)
                sink.field(in: buffer, start, position)
            }
            guard position < buffer.count else { break }
            if buffer[position] == delimiter {
                position += 1
                number += 1
            } else {
                skipLineBreak(buffer)
                break
            }
        }
        return recordLine
    }

    /// Reads one field that starts with a quote and leaves `position` on the delimiter, line
    /// break or end that follows it.
    private mutating func readQuotedField<Sink: FieldSink>(
        _ buffer: UnsafeBufferPointer<UInt8>, recordLine: Int, number: Int,
        into sink: inout Sink
    ) throws(CSVError) {
        let quoteLine = line
        position += 1
        let start = position
        var doubledQuotes = false
        while true {
            // Inside quotes only a quote or a line break (which counts a line) means anything.
            position = ByteSearch.first(of: quoteWord, crWord, lfWord, in: buffer, from: position)
            guard position < buffer.count else { throw .unterminatedQuote(line: quoteLine) }
            let byte = buffer[position]
            position += 1
            if byte == quote {
                guard position < buffer.count, buffer[position] == quote else { break }
                doubledQuotes = true
                position += 1
            } else if byte == lf || (byte == cr && (position == buffer.count || buffer[position] != lf)) {
                line += 1
            }
        }
        let content = UnsafeBufferPointer(rebasing: buffer[start..<position - 1])
        if !doubledQuotes && isFieldEnd(buffer) {
            try checkLength(content.count, recordLine, number)
            return sink.field(in: buffer, start, position - 1)
        }
        scratch.removeAll(keepingCapacity: true)
        var previousWasQuote = false
        for byte in content {
            // Of each doubled quote, keep one.
            if byte == quote && previousWasQuote {
                previousWasQuote = false
                continue
            }
            previousWasQuote = byte == quote
            scratch.append(byte)
        }
        let tailStart = position
        skipUnquoted(buffer)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[tailStart..<position]))
        try checkLength(scratch.count, recordLine, number)
        scratch.withUnsafeBufferPointer { sink.unescapedField($0) }
    }

    private func checkLength(_ length: Int, _ recordLine: Int, _ number: Int) throws(CSVError) {
        if length > maxFieldBytes { throw .fieldTooLong(line: recordLine, field: number, limit: maxFieldBytes) }
    }

    private func isFieldEnd(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard position < buffer.count else { return true }
        let byte = buffer[position]
        return byte == delimiter || byte == lf || byte == cr
    }

    /// Moves `position` to the next delimiter, CR or LF, or the end.
    private mutating func skipUnquoted(_ buffer: UnsafeBufferPointer<UInt8>) {
        position = nextStructural(buffer, from: position)
    }

    /// The first offset at or after `start` that holds the delimiter, CR or LF, or the end. The
    /// input is looked at in aligned blocks of 64 bytes, each once turned into a mask of where
    /// those bytes are, which the fields inside the block then share: most fields are a few bytes
    /// long, and a search of its own for each cost a third of reading a national export.
    @inline(__always)
    private mutating func nextStructural(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < buffer.count else { return buffer.count }
        var block = start & ~63
        if block != blockStart { loadBlock(buffer, at: block) }
        var bits = blockMask & (~0 << UInt64(start - block))
        while bits == 0 {
            block += 64
            guard block < buffer.count else { return buffer.count }
            loadBlock(buffer, at: block)
            bits = blockMask
        }
        return block + bits.trailingZeroBitCount
    }

    /// From the start of a field at `position`: where its record ends (the CR or LF, or the end
    /// of the input) and how many fields are left in it, counting delimiters 64 bytes at a time.
    /// Nil, and nothing moved, when a quote lies before that end (a quoted field may hold a
    /// delimiter or a line break, and must be read), or when the rest is longer than any one
    /// field may be (so no field too long goes unnoticed).
    private func fieldsToRecordEnd(_ buffer: UnsafeBufferPointer<UInt8>) -> (end: Int, fields: Int)? {
        var fields = 1
        var block = position & ~63
        while block < buffer.count {
            let from = block < position ? UInt64(position - block) : 0
            let after: UInt64 = ~0 << from
            let breaks = StructuralBytes.mask(buffer, at: block, cr, lf, lf) & after
            let quotes = StructuralBytes.mask(buffer, at: block, quote, quote, quote) & after
            let delimiters = StructuralBytes.mask(buffer, at: block, delimiter, delimiter, delimiter) & after
            // Bits before the first line break, or all of them.
            let before: UInt64 = breaks == 0 ? ~0 : (1 << UInt64(breaks.trailingZeroBitCount)) &- 1
            if quotes & before != 0 { return nil }
            fields += (delimiters & before).nonzeroBitCount
            if breaks != 0 {
                let end = block + breaks.trailingZeroBitCount
                return end - position > maxFieldBytes ? nil : (end, fields)
            }
            block += 64
            if block - position > maxFieldBytes { return nil }
        }
        return (buffer.count, fields)
    }

    private mutating func loadBlock(_ buffer: UnsafeBufferPointer<UInt8>, at block: Int) {
        blockStart = block
        blockMask = StructuralBytes.mask(buffer, at: block, delimiter, cr, lf)
    }

    private mutating func skipLineBreak(_ buffer: UnsafeBufferPointer<UInt8>) {
        if buffer[position] == cr, position + 1 < buffer.count, buffer[position + 1] == lf { position += 1 }
        position += 1
        line += 1
    }

    /// Picks among `, ; \t |` the delimiter that splits the first ten records, quotes respected,
    /// most consistently into the header's number of fields, more than one; between equals, the
    /// one giving more fields, that is the one that occurs most often. So `;` wins for
    /// `a;"b, c"`, and a ragged row does not throw the choice. Comma when none splits the header.
    public static func sniffDelimiter(_ utf8: [UInt8]) -> UInt8 {
        sniffDelimiter(utf8.prefix(sniffedBytes), whole: utf8.count)
    }

    /// How much of a text `sniffDelimiter` looks at.
    static let sniffedBytes = 256 * 1024

    /// `sniffDelimiter` from the text's first `sniffedBytes` bytes, of `whole` in all.
    static func sniffDelimiter(_ start: ArraySlice<UInt8>, whole: Int) -> UInt8 {
        let sampleBytes = sniffedBytes
        let sample = Array(start.prefix(sampleBytes))
        var best: (delimiter: UInt8, agreeing: Int, fields: Int)?
        for candidate in [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")] {
            var reader = CSVReader(utf8: sample, delimiter: candidate, maxFieldBytes: sampleBytes)
            var counts: [Int] = []
            while counts.count < 10, let record = try? reader.next() { counts.append(record.fields.count) }
            // The sample may cut the last record short.
            if whole > sampleBytes, counts.count > 1 { counts.removeLast() }
            guard let header = counts.first, header > 1 else { continue }
            let agreeing = counts.count { $0 == header }
            if best.map({ (agreeing, header) > ($0.agreeing, $0.fields) }) ?? true {
                best = (candidate, agreeing, header)
            }
        }
        return best?.delimiter ?? UInt8(ascii: ",")
    }
}

private let quote = UInt8(ascii: "\"")
private let cr = UInt8(ascii: "\r")
private let lf = UInt8(ascii: "\n")
private let quoteWord = ByteSearch.broadcast(quote)
private let crWord = ByteSearch.broadcast(cr)
private let lfWord = ByteSearch.broadcast(lf)

/// Where three bytes are in a block of 64 of the input, as a bit per byte.
enum StructuralBytes {
    /// Bit i is set where `buffer[block + i]` is `a`, `b` or `c`; past the end, none is.
    @inline(__always)
    static func mask(_ buffer: UnsafeBufferPointer<UInt8>, at block: Int, _ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt64 {
        guard let base = buffer.baseAddress else { return 0 }
        if block + 64 <= buffer.count { return atbalsts_bytes_mask64(base + block, a, b, c) }
        var mask: UInt64 = 0
        for index in block..<buffer.count where base[index] == a || base[index] == b || base[index] == c {
            mask |= 1 << UInt64(index - block)
        }
        return mask
    }
}

/// Finding the first of three bytes eight bytes at a time (SWAR): a byte of `x` is zero where
/// `(x - 0x01…01) & ~x & 0x80…80` has its top bit set. Above the first zero byte a borrow can
/// set further bits, but the lowest set bit is always exact, and only the lowest is used.
enum ByteSearch {
    static func broadcast(_ byte: UInt8) -> UInt64 { UInt64(byte) &* 0x0101_0101_0101_0101 }

    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    /// The first offset at or after `start` holding one of the three broadcast bytes, or the end.
    @inline(__always)
    static func first(
        of a: UInt64, _ b: UInt64, _ c: UInt64, in buffer: UnsafeBufferPointer<UInt8>, from start: Int
    ) -> Int {
        guard let base = buffer.baseAddress else { return start }
        let count = buffer.count
        var index = start
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self).littleEndian
            let hits = zeroBytes(word ^ a) | zeroBytes(word ^ b) | zeroBytes(word ^ c)
            if hits != 0 { return index + hits.trailingZeroBitCount >> 3 }
            index += 8
        }
        let (a, b, c) = (UInt8(truncatingIfNeeded: a), UInt8(truncatingIfNeeded: b), UInt8(truncatingIfNeeded: c))
        while index < count {
            let byte = base[index]
            if byte == a || byte == b || byte == c { return index }
            index += 1
        }
        return index
    }
}
