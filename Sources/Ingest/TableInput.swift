/// The front of every reader: bytes → decoded text → delimiter → header record, then records.
/// File-level failures come out as `IngestError`s with the line they concern.
struct TableInput {
    let encoding: DetectedEncoding
    let delimiter: UInt8
    let headerRecord: CSVRecord
    private var reader: CSVReader

    var headers: [String] { headerRecord.fields }
    /// Fraction of the text read so far.
    var fractionRead: Double { reader.byteCount == 0 ? 1 : Double(reader.bytesRead) / Double(reader.byteCount) }

    init(bytes: [UInt8], options: SourceOptions) throws(IngestError) {
        guard !bytes.isEmpty else { throw IngestError(cause: .empty) }
        let decoded: DecodedText
        do {
            decoded = try decodeText(bytes, choice: options.encoding, legacy: options.legacyEncoding)
        } catch {
            throw IngestError(cause: .undecodable(error))
        }
        encoding = decoded.encoding
        delimiter = CSVReader.sniffDelimiter(decoded.utf8)
        reader = CSVReader(utf8: decoded.utf8, delimiter: delimiter)
        guard let header = try Self.next(&reader) else { throw IngestError(cause: .empty) }
        headerRecord = header
        try Self.checkDuplicates(header.fields, line: header.line)
    }

    mutating func next() throws(IngestError) -> CSVRecord? { try Self.next(&reader) }

    mutating func next(into record: inout RawRecord) throws(IngestError) -> Bool {
        do {
            return try reader.next(into: &record)
        } catch {
            throw Self.failure(error)
        }
    }

    private static func next(_ reader: inout CSVReader) throws(IngestError) -> CSVRecord? {
        do {
            return try reader.next()
        } catch {
            throw failure(error)
        }
    }

    private static func failure(_ error: CSVError) -> IngestError {
        switch error {
        case .unterminatedQuote(let line), .fieldTooLong(let line, _, _):
            return IngestError(line: line, cause: .csv(error))
        }
    }

    private static func checkDuplicates(_ headers: [String], line: Int) throws(IngestError) {
        var seen: [String: Int] = [:]
        for (column, header) in headers.enumerated() where !header.isEmpty {
            if let first = seen[header] {
                throw IngestError(
                    line: line, cause: .duplicateHeader(header, firstColumn: first, secondColumn: column))
            }
            seen[header] = column
        }
    }
}
