import AtbalstsCore
import Foundation

/// How a pipeline asks for one file to be read (SPEC 5, `sources:`).
public struct SourceOptions: Sendable {
    public var format: SourceFormat = .auto
    public var encoding: EncodingChoice = .auto
    public var legacyEncoding: EncodingChoice = .windows1257
    public var columns: [String: String] = [:]
    public var labels: [String: [String: Int]] = [:]

    public init() {}
}

/// Everything read from one export: accepted responses, quarantined rows and how the file looked.
public struct ParsedSource: Sendable {
    public let fileName: String
    public let sha256: String
    public let byteCount: Int
    public let format: SourceFormat
    public let encoding: DetectedEncoding
    public let delimiter: UInt8
    public let headers: [String]
    public let mapping: ColumnMapping
    public var responses: [ImportedResponse] = []
    public var quarantine: [QuarantinedRow] = []

    /// rows read = rows accepted + rows quarantined (SPEC 9).
    public var rowsRead: Int { responses.count + quarantine.count }
}

public enum SourceReader {
    /// Reads a whole export; throws only for file-level failures, so either the caller gets
    /// every row (accepted or quarantined) or nothing.
    /// `progress` hears (fraction of the file read, rows so far) every few thousand rows.
    public static func read(
        file url: URL, displayName: String? = nil, instrument: Instrument, register: [Institution],
        pseudonymizer: Pseudonymizer, options: SourceOptions = SourceOptions(),
        progress: ((Double, Int) -> Void)? = nil
    ) throws(IngestError) -> ParsedSource {
        let name = displayName ?? url.lastPathComponent
        let bytes = try SourceFile.bytes(of: url, name: name)
        do {
            return try parse(
                bytes: bytes, name: name, instrument: instrument, register: register,
                pseudonymizer: pseudonymizer, options: options, progress: progress)
        } catch var error {
            error.file = name
            throw error
        }
    }

    static func parse(
        bytes: [UInt8], name: String, instrument: Instrument, register: [Institution],
        pseudonymizer: Pseudonymizer, options: SourceOptions, progress: ((Double, Int) -> Void)? = nil
    ) throws(IngestError) -> ParsedSource {
        var table = try TableInput(bytes: bytes, options: options)
        let headers = table.headers
        let headerRecord = table.headerRecord
        let format = options.format == .auto ? SourceFormat.detect(headers: headers) : options.format
        let meta = MetaColumns(headers: headers, format: format)
        let mapping = try ColumnMapping(
            headers: headers, instrument: instrument, explicit: options.columns, metaColumns: meta.all)
        guard !mapping.matches.isEmpty else {
            throw IngestError(line: headerRecord.line, cause: .noRecognisableHeader)
        }
        var mapper = try ResponseMapper(
            instrument: instrument, headers: headers, mapping: mapping, meta: meta, format: format,
            register: register, labels: options.labels, pseudonymizer: pseudonymizer)

        var source = ParsedSource(
            fileName: name, sha256: Digest.sha256Hex(bytes), byteCount: bytes.count, format: format,
            encoding: table.encoding, delimiter: table.delimiter, headers: headers, mapping: mapping)
        var record = RawRecord()
        while try table.next(into: &record) {
            switch mapper.map(record) {
            case .accepted(let response): source.responses.append(response)
            case .quarantined(let row): source.quarantine.append(row)
            }
            if let progress, source.rowsRead % 2_000 == 0 { progress(table.fractionRead, source.rowsRead) }
        }
        progress?(1, source.rowsRead)
        return source
    }
}

/// Reading a file's bytes, with a failure named in the user's terms.
public enum SourceFile {
    public static func bytes(of url: URL, name: String) throws(IngestError) -> [UInt8] {
        do {
            return Array(try Data(contentsOf: url))
        } catch {
            throw IngestError(file: name, cause: .unreadable(reason(error)))
        }
    }

    private static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           let posix = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(posix.rawValue))
        }
        return nsError.localizedDescription
    }
}
