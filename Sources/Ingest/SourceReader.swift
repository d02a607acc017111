import AtbalstsCore
import CByteScan
import Foundation

/// How a pipeline asks for one file to be read (SPEC 5, `sources:`).
public struct SourceOptions: Sendable {
    public var format: SourceFormat = .auto
    public var encoding: EncodingChoice = .auto
    public var legacyEncoding: EncodingChoice = .windows1257
    public var columns: [String: String] = [:]
    /// Scale id → answer text → value; multi-select item id → option text → option id or `other`.
    public var labels: [String: [String: LabelTarget]] = [:]
    /// Items (or whole blocks: `who5`, `cbi`) the questionnaire did not ask (SPEC 5 `not_asked`).
    public var notAsked: Set<String> = []
    /// Institution names as typed in the export → register code (SPEC 5 `institutions`).
    public var institutions: [String: String] = [:]
    /// Submission dates must fall in this window (`yyyy-MM-dd`, inclusive); nil: not checked.
    public var term: ClosedRange<String>?
    /// `.xlsx` only: the sheet to read; nil reads the first.
    public var sheet: String?
    /// Larger files are refused before they are read (settings `max_input_size`).
    public var maxInputSize: Int64 = ByteSize.defaultMaxInput
    /// More rows than this share with undecodable bytes fail the file (settings `max_rejected_share`).
    public var maxRejectedShare = 0.05

    public init() {}
}

/// What a pipeline's `labels:` entry maps an answer text to.
public enum LabelTarget: Hashable, Sendable, CustomStringConvertible {
    /// A value on the item's scale.
    case value(Int)
    /// An option of a multi-select, by id (`other` for the "other" option).
    case option(String)

    public var description: String {
        switch self {
        case .value(let value): return "\(value)"
        case .option(let id): return id
        }
    }
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
    /// The accepted rows, unless they were handed on in batches while reading (`onBatch`).
    public var responses: [ImportedResponse] = []
    public var accepted = 0
    public var quarantine: [QuarantinedRow] = []
    /// Answers that matched no label, unknown institutions, missing items, dates (SPEC 9).
    public var findings = ReadFindings()

    /// rows read = rows accepted + rows quarantined (SPEC 9).
    public var rowsRead: Int { accepted + quarantine.count }
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
        let file = try SourceFile.read(url, name: name, maxSize: options.maxInputSize)
        do {
            return try parse(
                input: file.bytes, plainUTF8: file.plainUTF8, name: name, instrument: instrument, register: register,
                pseudonymizer: pseudonymizer, options: options, sha256: file.sha256(), progress: progress)
        } catch var error {
            error.file = name
            throw error
        }
    }

    /// Parses an export already in memory. With `onBatch`, accepted rows are handed on every
    /// `batchSize` rows instead of being kept (so the caller can store them while the rest is
    /// read); when `onBatch` returns false the caller has given up, and reading stops.
    /// `sha256`, when the caller already has it, saves hashing the bytes again; `plainUTF8`
    /// (`FileBytes`), checking them as UTF-8.
    public static func parse(
        bytes: [UInt8], plainUTF8: Bool = false, name: String, instrument: Instrument, register: [Institution],
        pseudonymizer: Pseudonymizer, options: SourceOptions, sha256: String? = nil,
        progress: ((Double, Int) -> Void)? = nil,
        batchSize: Int = 1_024, onBatch: (([ImportedResponse]) -> Bool)? = nil, readingEveryField: Bool = false
    ) throws(IngestError) -> ParsedSource {
        try parse(
            input: InputBytes(bytes), plainUTF8: plainUTF8, name: name, instrument: instrument, register: register,
            pseudonymizer: pseudonymizer, options: options, sha256: sha256, progress: progress, batchSize: batchSize,
            onBatch: onBatch, readingEveryField: readingEveryField)
    }

    /// `parse` over bytes in memory or a mapped file (`SourceFile.read`). A mapped file found
    /// changed while it was read fails: what was read is not the file. With `onPendingBatch`
    /// instead of `onBatch`, batches are handed on with their e-mails' keys still to work out
    /// (`ResponseBatch`, `PendingKeys`): whoever stores them works the keys out.
    public static func parse(
        input bytes: InputBytes, plainUTF8: Bool = false, name: String, instrument: Instrument, register: [Institution],
        pseudonymizer: Pseudonymizer, options: SourceOptions, sha256: String? = nil,
        progress: ((Double, Int) -> Void)? = nil,
        batchSize: Int = 1_024, onBatch: (([ImportedResponse]) -> Bool)? = nil,
        onPendingBatch: ((ResponseBatch) -> Bool)? = nil, readingEveryField: Bool = false
    ) throws(IngestError) -> ParsedSource {
        do {
            return try parseBytes(
                bytes, plainUTF8: plainUTF8, name: name, instrument: instrument, register: register,
                pseudonymizer: pseudonymizer, options: options, sha256: sha256, progress: progress, batchSize: batchSize,
                onBatch: onBatch, onPendingBatch: onPendingBatch, readingEveryField: readingEveryField)
        } catch {
            // Zeros where a cut-short file's pages were read as a broken CSV: the file changed.
            if bytes.changedWhileRead { throw IngestError(cause: .changedWhileRead) }
            throw error
        }
    }

    private static func parseBytes(
        _ bytes: InputBytes, plainUTF8: Bool, name: String, instrument: Instrument, register: [Institution],
        pseudonymizer: Pseudonymizer, options: SourceOptions, sha256: String?, progress: ((Double, Int) -> Void)?,
        batchSize: Int, onBatch: (([ImportedResponse]) -> Bool)?, onPendingBatch: ((ResponseBatch) -> Bool)?,
        readingEveryField: Bool
    ) throws(IngestError) -> ParsedSource {
        precondition(onBatch == nil || onPendingBatch == nil, "one way to hand batches on")
        var table = try TableInput(input: bytes, options: options, plainUTF8: plainUTF8)
        let headers = table.headers
        let headerRecord = table.headerRecord
        let format = options.format == .auto || options.format == .xlsx ? SourceFormat.detect(headers: headers) : options.format
        let meta = MetaColumns(headers: headers, format: format)
        let mapping = try ColumnMapping(
            headers: headers, instrument: instrument, explicit: options.columns, metaColumns: meta.all)
        guard !mapping.matches.isEmpty else {
            throw IngestError(line: headerRecord.line, cause: .noRecognisableHeader)
        }
        var mapper = try ResponseMapper(
            instrument: instrument, headers: headers, mapping: mapping, meta: meta, format: format,
            register: register, options: options, pseudonymizer: pseudonymizer)
        if !readingEveryField { table.keepOnly(fields: mapper.lastColumn + 1) }
        mapper.deferringKeys = onPendingBatch != nil
        let handsOn = onBatch != nil || onPendingBatch != nil
        func handOn(_ batch: ResponseBatch) -> Bool {
            if let onPendingBatch {
                var batch = batch
                batch.pendingKeys = mapper.takePendingKeys()
                let fraction = table.fractionRead
                if fraction > 0 { batch.expectedRows = Int((Double(source.accepted) / fraction).rounded(.up)) }
                return onPendingBatch(batch)
            }
            return onBatch!(batch.responses)
        }

        var source = ParsedSource(
            fileName: name, sha256: sha256 ?? Digest.sha256Hex(bytes), byteCount: bytes.count, format: format,
            encoding: table.encoding, delimiter: table.delimiter, headers: headers, mapping: mapping)
        var record = RawRecord()
        var batch = mapper.emptyBatch()
        if handsOn { batch.reserveCapacity(batchSize) }
        reading: while true {
            let quarantined: QuarantinedRow?
            switch try table.next(into: &record) {
            case .end: break reading
            case .unusable(let row): quarantined = row
            case .record: quarantined = mapper.map(record, into: &batch)
            }
            if let quarantined {
                source.quarantine.append(quarantined)
            } else {
                source.accepted += 1
                if handsOn, batch.count == batchSize {
                    guard handOn(batch) else { return source }
                    batch.removeAll()
                }
            }
            if let progress, source.rowsRead % 2_000 == 0 { progress(table.fractionRead, source.rowsRead) }
        }
        // Before the last batch: a caller storing them has not yet seen the end of the file.
        if bytes.changedWhileRead { throw IngestError(cause: .changedWhileRead) }
        if handsOn {
            if !batch.isEmpty { _ = handOn(batch) }
        } else {
            source.responses = batch.responses
        }
        source.findings = mapper.findings
        source.findings.missingItems = mapping.missingItems(of: instrument, notAsked: options.notAsked)
        source.findings.unmappedHeaders = mapping.unmapped
        progress?(1, source.rowsRead)
        return source
    }
}

/// Reading a file's bytes, with a failure named in the user's terms. What is no export (a folder,
/// a device, a pipe, a file over the size limit, a program, a PDF, an old `.xls`) is refused from
/// `fstat` and the first bytes, before the file is read (SPEC 4.1).
public enum SourceFile {
    /// Straight into one array with `read(2)`: going through `Data` held the file twice at the
    /// peak (24 MB more at national scale).
    public static func bytes(
        of url: URL, name: String, maxSize: Int64 = ByteSize.defaultMaxInput
    ) throws(IngestError) -> [UInt8] {
        try read(url, name: name, maxSize: maxSize, mappedFrom: .max).bytes.array
    }

    /// The file's bytes, and whether they are plain UTF-8, found out while they were read in.
    /// `checkedFrom`: smaller files are not checked along (their check costs next to nothing
    /// later); `piece`: how much one `read(2)` takes, and so how closely the check follows.
    /// `mappedFrom`: a file of that size or more is mapped instead (`MappedFile`), checked and
    /// hashed in place; one that cannot be mapped is read.
    public static func read(
        _ url: URL, name: String, maxSize: Int64 = ByteSize.defaultMaxInput, checkedFrom: Int = 16 << 20,
        piece: Int = 4 << 20, mappedFrom: Int = 16 << 20
    ) throws(IngestError) -> FileBytes {
        func failure(_ code: Int32) -> IngestError {
            IngestError(file: name, cause: .unreadable(String(cString: strerror(code))))
        }
        func refused(_ kind: NotAnExport) -> IngestError { IngestError(file: name, cause: .notAnExport(kind)) }
        // stat before open: opening a FIFO waits for a writer, opening a socket fails obscurely.
        var status = stat()
        guard stat(url.path, &status) == 0 else { throw failure(errno) }
        if let kind = refusal(status.st_mode, size: Int64(status.st_size), maxSize: maxSize) { throw refused(kind) }
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { throw failure(errno) }
        defer { close(descriptor) }
        // The file may have been swapped between stat and open: judge what was opened.
        guard fstat(descriptor, &status) == 0 else { throw failure(errno) }
        if let kind = refusal(status.st_mode, size: Int64(status.st_size), maxSize: maxSize) { throw refused(kind) }
        var head = [UInt8](repeating: 0, count: 512)
        let headCount = pread(descriptor, &head, head.count, 0)
        if headCount > 0, let kind = NotAnExport.sniff(head.prefix(headCount)) { throw refused(kind) }
        let size = Int(status.st_size)
        if size >= mappedFrom, let file = MappedFile(descriptor: descriptor, size: size) {
            // The check (about 0.03 s at national scale) is waited for: the parser needs its
            // answer first. The hash goes on meanwhile, on the other core.
            let along = ReadAlongCheck(file.base)
            along.arrived(upTo: size)
            let plainUTF8 = along.finishChecking(at: size)
            let bytes = InputBytes(file)
            along.finishHashing(bytes)
            return FileBytes(bytes: bytes, plainUTF8: plainUTF8, hashing: along)
        }

        var readError: Int32 = 0
        var plainUTF8 = false
        var along: ReadAlongCheck?
        /// Up to `count` bytes; fewer only at the end of the file. With `check`, each piece read
        /// is checked as UTF-8 on another thread while the next one is read.
        func chunk(_ count: Int, check: Bool = false) -> [UInt8] {
            [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                initialized = 0
                along = check ? ReadAlongCheck(UnsafePointer(buffer.baseAddress!)) : nil
                while initialized < count {
                    let got = Glibc.read(descriptor, buffer.baseAddress! + initialized, Swift.min(piece, count - initialized))
                    if got < 0 && errno == EINTR { continue }
                    if got < 0 { readError = errno }
                    if got <= 0 { break }
                    initialized += got
                    along?.arrived(upTo: initialized)
                }
                // Waited for here: the parser needs the answer first.
                if let along { plainUTF8 = along.finishChecking(at: initialized) }
            }
        }
        // One byte more than the size: a file that grew while we read is still read to its end,
        // but never past the limit.
        let expected = Swift.max(Int(status.st_size), 0) + 1
        var bytes = chunk(expected, check: expected > checkedFrom)
        // The hash goes on meanwhile; its last step holds the array, so the buffer it reads lives
        // on even if the array changes here (copy on write) or the caller lets it go.
        along?.finishHashing(InputBytes(bytes))
        if bytes.count == expected {
            // It grew while read: what was checked is not all there is.
            plainUTF8 = false
            along = nil
            while readError == 0 {
                guard Int64(bytes.count) <= maxSize else { throw refused(.grewPastLimit(limit: maxSize)) }
                let more = chunk(1 << 20)
                bytes += more
                if more.count < 1 << 20 { break }
            }
        }
        if readError != 0 { throw failure(readError) }
        guard Int64(bytes.count) <= maxSize else { throw refused(.grewPastLimit(limit: maxSize)) }
        return FileBytes(bytes: InputBytes(bytes), plainUTF8: plainUTF8, hashing: along)
    }

    private static func refusal(_ mode: mode_t, size: Int64, maxSize: Int64) -> NotAnExport? {
        switch mode & S_IFMT {
        case S_IFREG: return size > maxSize ? .tooLarge(size: size, limit: maxSize) : nil
        case S_IFDIR: return .folder
        case S_IFCHR, S_IFBLK: return .device
        case S_IFIFO: return .pipe
        case S_IFSOCK: return .socket
        default: return nil
        }
    }
}

/// A file's bytes, with what was found out about them while they were read in.
public struct FileBytes: Sendable {
    /// Read into an array, or mapped (`MappedFile`): then ask `bytes.changedWhileRead` once
    /// done with them.
    public let bytes: InputBytes
    /// Every byte was checked as it arrived (or, mapped, in place): all of it well-formed UTF-8
    /// (a byte-order mark included), no NUL. False when some byte is not, and when the file was
    /// not checked along.
    public let plainUTF8: Bool
    fileprivate let hashing: ReadAlongCheck?

    /// The bytes' SHA-256 (hex), when it was computed as they arrived, or from the mapped pages
    /// while the parser started: waits for the last of it.
    public func sha256() -> String? { hashing?.digest() }
}

/// Checks a file's bytes as UTF-8, and hashes them, each on a thread of its own while the rest is
/// still being read (issue 19): at national scale reading, checking and hashing each took about
/// 0.2 s, one after the other. Only the reading thread calls it; the checks run one after another
/// on `checking`, the hashing on `hashing`, each over bytes the reading thread will not write again.
private final class ReadAlongCheck: @unchecked Sendable {  // the vars: each on its own queue only
    private let base: UnsafePointer<UInt8>
    private let checking = DispatchQueue(label: "atbalsts.read-along-check")
    private let hashing = DispatchQueue(label: "atbalsts.read-along-hash")
    private var checked = 0
    private var plain = true
    private var hashed = 0
    private var hash = SHA256Stream()
    private var sha256: String?

    init(_ base: UnsafePointer<UInt8>) { self.base = base }

    /// The bytes before `end` are in. A sequence the read may have cut is left for the next piece.
    func arrived(upTo end: Int) {
        checking.async { self.check(upTo: Self.boundary(self.base, from: self.checked, before: end)) }
        hashing.async { self.hash(upTo: end) }
    }

    /// Waits for the checks, the last up to `end`, the end of the file: whether all was plain.
    func finishChecking(at end: Int) -> Bool {
        checking.sync {
            check(upTo: end)
            return plain
        }
    }

    /// Hashes the rest of `bytes`, what the pieces were read into, without waiting.
    func finishHashing(_ bytes: InputBytes) {
        hashing.async {
            self.hash(upTo: bytes.count)
            self.sha256 = self.hash.hex()
        }
    }

    /// The SHA-256 in hex, once `finishHashing` is done.
    func digest() -> String? { hashing.sync { sha256 } }

    private func hash(upTo end: Int) {
        hash.update(UnsafeBufferPointer(start: base + hashed, count: end - hashed))
        hashed = end
    }

    private func check(upTo end: Int) {
        guard plain, end > checked else { return }
        let fast = atbalsts_utf8_plain_fast(base + checked, end - checked)
        if fast >= 0 {
            plain = fast == 1
        } else {
            let wellFormed = firstInvalidUTF8(UnsafeBufferPointer(start: base, count: end), from: checked) == nil
            plain = wellFormed && memchr(base + checked, 0, end - checked) == nil
        }
        checked = end
    }

    /// Where to stop checking bytes that end at `end`: before the lead byte of a last sequence
    /// that may go on past it. Stepping back over at most three continuation bytes finds that lead;
    /// more than three are ill-formed wherever the cut falls.
    static func boundary(_ base: UnsafePointer<UInt8>, from start: Int, before end: Int) -> Int {
        var cut = end
        while cut > start, end - cut < 3, base[cut - 1] & 0xC0 == 0x80 { cut -= 1 }
        if cut > start, base[cut - 1] >= 0xC0 { cut -= 1 }
        return cut
    }
}
