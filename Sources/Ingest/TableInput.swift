import AtbalstsCore

/// The front of every reader: bytes → decoded text → delimiter → header record, then records; or,
/// for an `.xlsx` workbook, one sheet's rows. File-level failures come out as `IngestError`s with
/// the line they concern; a row holding a byte that cannot be used comes out as a quarantined
/// row (SPEC 4.1), and only more of those than `max_rejected_share` fail the file.
struct TableInput {
    /// What reading one more row gave.
    enum Row {
        case end
        case record
        case unusable(QuarantinedRow)
    }

    let encoding: DetectedEncoding
    let delimiter: UInt8
    let headerRecord: CSVRecord
    /// One of the two: the CSV text, or the sheet's rows with the next to hand out. Stored
    /// apart, not in an enum, so the reader is advanced in place.
    private var reader: CSVReader?
    private var sheet: SheetTable?
    private var nextSheetRow = 1
    /// Bytes that make their rows unusable, in text order, and the next one not yet passed.
    private let unusable: [UnusableByte]
    private var nextUnusable = 0
    private let maxRejectedShare: Double
    private var rowsRead = 0
    private var unusableRows = 0
    private var firstUnusable: (line: Int, byte: UnusableByte)?

    var headers: [String] { headerRecord.fields }
    /// Fraction of the text read so far.
    var fractionRead: Double {
        if let sheet { return Double(nextSheetRow) / Double(sheet.rowCount) }
        guard let reader, reader.byteCount > 0 else { return 1 }
        return Double(reader.bytesRead) / Double(reader.byteCount)
    }

    /// `plainUTF8`: see `FileBytes`.
    init(bytes: [UInt8], options: SourceOptions, plainUTF8: Bool = false) throws(IngestError) {
        try self.init(input: InputBytes(bytes), options: options, plainUTF8: plainUTF8)
    }

    init(input bytes: InputBytes, options: SourceOptions, plainUTF8: Bool = false) throws(IngestError) {
        guard !bytes.isEmpty else { throw IngestError(cause: .empty) }
        if let kind = NotAnExport.sniff(bytes.prefix(512)) { throw IngestError(cause: .notAnExport(kind)) }
        maxRejectedShare = options.maxRejectedShare
        if NotAnExport.isZip(bytes.prefix(4)) {
            let table = try SheetTable.read(XLSXWorkbook(bytes: bytes.array, partLimit: options.maxInputSize), sheet: options.sheet)
            guard table.rowCount > 0 else { throw IngestError(cause: .empty) }
            encoding = .xlsx
            delimiter = 0  // none: cells, not separated text
            headerRecord = table.record(0)
            sheet = table
            unusable = []
        } else {
            guard options.format != .xlsx else { throw IngestError(cause: .notAWorkbook) }
            let decoded: RowDecodedText
            do {
                decoded = try decodeTextByRow(
                    bytes, choice: options.encoding, legacy: options.legacyEncoding, plainUTF8: plainUTF8)
            } catch {
                throw IngestError(cause: .undecodable(error))
            }
            encoding = decoded.encoding
            delimiter = CSVReader.sniffDelimiter(decoded.utf8.prefix(CSVReader.sniffedBytes), whole: decoded.utf8.count)
            var reader = CSVReader(input: decoded.utf8, delimiter: delimiter)
            guard let header = try Self.next(&reader) else { throw IngestError(cause: .empty) }
            // A header that cannot be read leaves no column to trust: the file fails.
            if let first = decoded.unusable.first, first.textOffset < reader.bytesRead {
                throw IngestError(line: header.line, cause: .unusableHeader(first))
            }
            headerRecord = header
            self.reader = reader
            unusable = decoded.unusable
        }
        try Self.checkDuplicates(headerRecord.fields, line: headerRecord.line)
    }

    /// The next record as strings, or nil at the end.
    mutating func next() throws(IngestError) -> (record: CSVRecord, problem: QuarantinedRow?)? {
        var raw = RawRecord()
        switch try next(into: &raw) {
        case .end: return nil
        case .record: return (CSVRecord(fields: raw.strings, line: raw.line), nil)
        case .unusable(let row): return (CSVRecord(fields: raw.strings, line: raw.line), row)
        }
    }

    /// Rows will be read from their first `fields` fields only: the reader may count the rest
    /// instead of reading them. Not in a text with unusable bytes, whose rows name the column of
    /// the byte, whichever it is.
    mutating func keepOnly(fields: Int) {
        if unusable.isEmpty { reader?.keptFields = fields }
    }

    mutating func next(into record: inout RawRecord) throws(IngestError) -> Row {
        if let sheet {
            guard nextSheetRow < sheet.rowCount else { return .end }
            sheet.record(nextSheetRow, into: &record)
            nextSheetRow += 1
            rowsRead += 1
            return .record
        }
        let start = reader!.bytesRead
        let found: Bool
        do {
            found = try reader!.next(into: &record)
        } catch {
            throw Self.failure(error)
        }
        guard found else {
            try checkShare()
            return .end
        }
        rowsRead += 1
        let end = reader!.bytesRead
        while nextUnusable < unusable.count, unusable[nextUnusable].textOffset < start { nextUnusable += 1 }
        guard nextUnusable < unusable.count, unusable[nextUnusable].textOffset < end else { return .record }
        let byte = unusable[nextUnusable]
        while nextUnusable < unusable.count, unusable[nextUnusable].textOffset < end { nextUnusable += 1 }
        unusableRows += 1
        if firstUnusable == nil { firstUnusable = (record.line, byte) }
        let column = record.fieldIndex(containing: byte.textOffset)
        return .unusable(
            QuarantinedRow(
                line: record.line, column: column.map { headers.indices.contains($0) ? headers[$0] : "\($0 + 1)" },
                value: column.map { Redaction.redact(record.string($0)) }, reason: byte.reason))
    }

    /// More rows with unusable bytes than `max_rejected_share`: the file is likely in another
    /// encoding, or damaged, and fails as a whole.
    private func checkShare() throws(IngestError) {
        guard let firstUnusable, Double(unusableRows) > maxRejectedShare * Double(rowsRead) else { return }
        throw IngestError(
            line: firstUnusable.line, cause: .unusableRows(count: unusableRows, of: rowsRead, first: firstUnusable.byte))
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
