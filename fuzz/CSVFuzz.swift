// libFuzzer target over the byte decoder and the CSV reader (issue 3). Built by fuzz/run.sh with
// `swiftc -sanitize=fuzzer,address` from the two Ingest sources, so it fuzzes the shipped code.
//
// Invariants checked on every input:
// - decoding and reading never crash, whatever the bytes;
// - every record the reader returns survives an RFC 4180 write → read round trip unchanged;
// - the byte-level records the importer uses (`next(into:)`) hold the same fields and lines;
// - keeping only a record's first fields and counting the rest (`keptFields`) reads the same.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let decoded = try? decodeText(bytes) else { return 0 }
    let delimiter = CSVReader.sniffDelimiter(decoded.utf8)
    var reader = CSVReader(utf8: decoded.utf8, delimiter: delimiter, maxFieldBytes: 1 << 16)
    var records: [[String]] = []
    while let record = try? reader.next() { records.append(record.fields) }
    var rawReader = CSVReader(utf8: decoded.utf8, delimiter: delimiter, maxFieldBytes: 1 << 16)
    var raw = RawRecord()
    var rawRecords: [[String]] = []
    while (try? rawReader.next(into: &raw)) == true { rawRecords.append(raw.strings) }
    if rawRecords != records {
        fatalError("raw records differ: \(records) against \(rawRecords)")
    }
    // Keeping only the first two fields of each record, the rest only counted, changes neither
    // how many fields a record has nor the two kept.
    var countingReader = CSVReader(utf8: decoded.utf8, delimiter: delimiter, maxFieldBytes: 1 << 16)
    countingReader.keptFields = 2
    var counted = RawRecord()
    var countedRecords: [[String]] = []
    while (try? countingReader.next(into: &counted)) == true {
        countedRecords.append((0..<min(2, counted.count)).map(counted.string) + Array(repeating: "", count: max(0, counted.count - 2)))
    }
    let expectedCounted = rawRecords.map { Array($0.prefix(2)) + Array(repeating: "", count: max(0, $0.count - 2)) }
    if countedRecords != expectedCounted {
        fatalError("counted records differ: \(expectedCounted) against \(countedRecords)")
    }
    guard !records.isEmpty else { return 0 }
    let written = Array(records.map { write($0, delimiter: delimiter) }.joined(separator: "\r\n").utf8)
    var again = CSVReader(utf8: written, delimiter: delimiter, maxFieldBytes: 1 << 20)
    var reread: [[String]] = []
    while let record = try? again.next() { reread.append(record.fields) }
    if reread != records {
        fatalError("round trip changed the records: \(records) became \(reread)")
    }
    return 0
}

/// RFC 4180: quote a field holding the delimiter, a quote or a line break; a record of one empty
/// field is written as "" so it is not read as a blank line.
private func write(_ fields: [String], delimiter: UInt8) -> String {
    let separator = String(UnicodeScalar(delimiter))
    if fields == [""] { return "\"\"" }
    // Bytes, not Characters: a quote followed by a combining mark is a single Character.
    return fields.map { field in
        guard field.utf8.contains(where: { $0 == delimiter || $0 == 34 || $0 == 10 || $0 == 13 }) else { return field }
        var bytes: [UInt8] = [34]
        for byte in field.utf8 {
            bytes.append(byte)
            if byte == 34 { bytes.append(34) }
        }
        bytes.append(34)
        return String(decoding: bytes, as: UTF8.self)
    }.joined(separator: separator)
}
