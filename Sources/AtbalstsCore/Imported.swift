/// A row turned into answers. Nothing in it names the respondent: the key is a pseudonym.
public struct ImportedResponse: Sendable {
    public let line: Int
    public let respondentKey: String
    /// `yyyy-MM-dd HH:mm:ss`, nil when the export has no time.
    public let submittedAt: String?
    public let institution: String
    public var values: AnswerValues
    /// One entry per text item of the instrument, in item order.
    public var texts: [String?]

    public init(
        line: Int, respondentKey: String, submittedAt: String?, institution: String,
        values: AnswerValues, texts: [String?]
    ) {
        self.line = line
        self.respondentKey = respondentKey
        self.submittedAt = submittedAt
        self.institution = institution
        self.values = values
        self.texts = texts
    }
}

/// A row that cannot be used (SPEC 9): kept with where and why, never silently dropped.
public struct QuarantinedRow: Hashable, Sendable {
    public let line: Int
    public let column: String?
    public let value: String?
    public let reason: QuarantineReason

    public init(line: Int, column: String?, value: String?, reason: QuarantineReason) {
        self.line = line
        self.column = column
        self.value = value
        self.reason = reason
    }
}

/// One answer that matched no label of its item (SPEC 9): missing for that item only, the rest of
/// the respondent's answers count. Kept for the data-quality sheet and `<wave>-rejected.csv`.
public struct UnreadableAnswer: Hashable, Sendable {
    public let line: Int
    public let itemID: String
    public let column: String
    public let value: String

    public init(line: Int, itemID: String, column: String, value: String) {
        self.line = line
        self.itemID = itemID
        self.column = column
        self.value = value
    }
}

/// An unreadable answer together with the file it came from.
public struct UnreadableEntry: Sendable, Hashable {
    public let fileName: String
    public let answer: UnreadableAnswer

    public init(fileName: String, answer: UnreadableAnswer) {
        self.fileName = fileName
        self.answer = answer
    }
}

/// How one input file was read: what the data-quality sheet reports about it.
public struct SourceDescription: Sendable, Hashable {
    public let fileName: String
    public let sha256: String
    public let kind: String
    public let instrument: String
    public let format: String
    public let encoding: String
    public let delimiter: String

    public init(
        fileName: String, sha256: String, kind: String, instrument: String, format: String,
        encoding: String, delimiter: String
    ) {
        self.fileName = fileName
        self.sha256 = sha256
        self.kind = kind
        self.instrument = instrument
        self.format = format
        self.encoding = encoding
        self.delimiter = delimiter
    }
}

/// A stored source with its row counts: rows read = accepted + quarantined (SPEC 9).
public struct SourceSummary: Sendable, Hashable {
    public let description: SourceDescription
    public let rowsRead: Int
    public let rowsAccepted: Int
    public let rowsQuarantined: Int
    /// Accepted rows that a later submission of the same respondent replaced.
    public let rowsSuperseded: Int

    public init(
        description: SourceDescription, rowsRead: Int, rowsAccepted: Int, rowsQuarantined: Int,
        rowsSuperseded: Int
    ) {
        self.description = description
        self.rowsRead = rowsRead
        self.rowsAccepted = rowsAccepted
        self.rowsQuarantined = rowsQuarantined
        self.rowsSuperseded = rowsSuperseded
    }
}

/// A quarantined row together with the file it came from.
public struct QuarantineEntry: Sendable, Hashable {
    public let fileName: String
    public let row: QuarantinedRow

    public init(fileName: String, row: QuarantinedRow) {
        self.fileName = fileName
        self.row = row
    }
}

/// Respondent keys that a batch of responses still has to be given (issue 19): the HMAC of each
/// e-mail is worked out where the batch is stored, on the thread with time to spare, rather
/// than on the thread that parses the file. A response whose key is pending has an empty
/// `respondentKey`. Only keys come out of it: what they are made from stays inside the type
/// that conforms (SPEC 8).
public protocol PendingKeys: Sendable {
    /// Calls `body` with the key of the batch's row `row` (0-based) as UTF-8, if that key is
    /// pending; nil when it is not.
    func withKey<Result>(ofRow row: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result?
}

/// Responses handed on together while a file is still being read, with the keys still to work out.
public struct ResponseBatch: Sendable {
    public var responses: [ImportedResponse]
    public var pendingKeys: (any PendingKeys)?
    /// How many rows the whole file may hold, judged from how far into it this batch ends: room
    /// made once for all of them costs less than growing step by step (nil: not known).
    public var expectedRows: Int?

    public init(_ responses: [ImportedResponse], pendingKeys: (any PendingKeys)? = nil) {
        self.responses = responses
        self.pendingKeys = pendingKeys
    }
}
