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
