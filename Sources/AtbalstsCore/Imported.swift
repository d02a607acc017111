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

/// Responses handed on together while a file is still being read, with the keys still to work
/// out. Kept as columns (issue 19): a row's answers are a stretch of one flat table and its time
/// 19 bytes of another, so a batch of 256 rows is a handful of arrays, not 256 answer arrays and
/// 256 time strings, each allocated by the thread that parses and freed by the one that stores.
public struct ResponseBatch: Sendable {
    /// Answers per row (`Instrument.slots.count`).
    public let width: Int
    /// Text slots per row (`ImportedResponse.texts`).
    public let textSlots: Int
    public private(set) var lines: [Int] = []
    /// Empty while the row's key is pending (`pendingKeys`).
    public private(set) var keys: [String] = []
    public private(set) var institutions: [String] = []
    /// `count × width` answers, row after row (`AnswerValues.missing` for a blank).
    public private(set) var values: [Int16] = []
    /// Per row, `timeLength` bytes: its time as `yyyy-MM-dd HH:mm:ss`, or zeros for none.
    public private(set) var times: [UInt8] = []
    /// The texts the rows gave, in row order.
    public private(set) var texts: [(row: Int, slot: Int, text: String)] = []
    public var pendingKeys: (any PendingKeys)?
    /// How many rows the whole file may hold, judged from how far into it this batch ends: room
    /// made once for all of them costs less than growing step by step (nil: not known).
    public var expectedRows: Int?

    public static let timeLength = 19

    public init(width: Int, textSlots: Int) {
        self.width = width
        self.textSlots = textSlots
    }

    public init(_ responses: [ImportedResponse], pendingKeys: (any PendingKeys)? = nil) {
        self.init(width: responses.first?.values.raw.count ?? 0, textSlots: responses.first?.texts.count ?? 0)
        for response in responses { append(response) }
        self.pendingKeys = pendingKeys
    }

    public var count: Int { lines.count }
    public var isEmpty: Bool { lines.isEmpty }

    public mutating func reserveCapacity(_ rows: Int) {
        lines.reserveCapacity(rows)
        keys.reserveCapacity(rows)
        institutions.reserveCapacity(rows)
        values.reserveCapacity(rows * width)
        times.reserveCapacity(rows * Self.timeLength)
    }

    /// Starts a row: `fill` writes its `width` answers, each `AnswerValues.missing` on entry. The
    /// row counts once `finishRow` is called; `dropRow` takes its answers back.
    public mutating func startRow<Result>(_ fill: (UnsafeMutableBufferPointer<Int16>) -> Result) -> Result {
        precondition(values.count == count * width, "a row was started and not finished")
        let start = values.count
        values.append(contentsOf: repeatElement(AnswerValues.missing, count: width))
        return values.withUnsafeMutableBufferPointer { fill(UnsafeMutableBufferPointer(rebasing: $0[start...])) }
    }

    /// Takes back the answers of a row started and not finished.
    public mutating func dropRow() {
        values.removeLast(values.count - count * width)
    }

    /// Finishes the row started last. `time` writes its `timeLength` bytes and says whether
    /// there is one; `texts` are the row's (slot, text).
    public mutating func finishRow(
        line: Int, key: String, institution: String, texts rowTexts: [(slot: Int, text: String)] = [],
        time: (UnsafeMutableBufferPointer<UInt8>) -> Bool
    ) {
        precondition(values.count == (count + 1) * width, "no row was started")
        let row = count
        let start = times.count
        times.append(contentsOf: repeatElement(0, count: Self.timeLength))
        let hasTime = times.withUnsafeMutableBufferPointer { time(UnsafeMutableBufferPointer(rebasing: $0[start...])) }
        if !hasTime {
            for index in start..<times.count { times[index] = 0 }
        }
        for (slot, text) in rowTexts {
            precondition(slot < textSlots, "text slot out of range")
            texts.append((row, slot, text))
        }
        lines.append(line)
        keys.append(key)
        institutions.append(institution)
    }

    public mutating func append(_ response: ImportedResponse) {
        precondition(response.values.raw.count == width && response.texts.count == textSlots, "rows of one instrument")
        startRow { values in
            for slot in values.indices { values[slot] = response.values.raw[slot] }
        }
        let given = response.texts.indices.compactMap { slot in response.texts[slot].map { (slot: slot, text: $0) } }
        finishRow(line: response.line, key: response.respondentKey, institution: response.institution, texts: given) { out in
            guard let time = response.submittedAt else { return false }
            let bytes = Array(time.utf8)
            precondition(bytes.count == Self.timeLength && bytes.first != 0, "a time is yyyy-MM-dd HH:mm:ss")
            for index in bytes.indices { out[index] = bytes[index] }
            return true
        }
    }

    /// Empties the batch and keeps its room; what was handed on keeps its own copy.
    public mutating func removeAll() {
        lines.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        institutions.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        times.removeAll(keepingCapacity: true)
        texts.removeAll(keepingCapacity: true)
        pendingKeys = nil
        expectedRows = nil
    }

    /// Row `row`'s time (bytes of `times`), nil when it has none.
    public func time(ofRow row: Int) -> Range<Int>? {
        let start = row * Self.timeLength
        return times[start] == 0 ? nil : start..<(start + Self.timeLength)
    }

    /// The rows as responses (a heap array and strings each): for callers that keep them.
    public var responses: [ImportedResponse] {
        var result: [ImportedResponse] = []
        result.reserveCapacity(count)
        var next = 0
        for row in 0..<count {
            var rowTexts = [String?](repeating: nil, count: textSlots)
            while next < texts.count, texts[next].row == row {
                rowTexts[texts[next].slot] = texts[next].text
                next += 1
            }
            result.append(
                ImportedResponse(
                    line: lines[row], respondentKey: keys[row],
                    submittedAt: time(ofRow: row).map { String(decoding: times[$0], as: UTF8.self) },
                    institution: institutions[row],
                    values: AnswerValues(raw: Array(values[(row * width)..<((row + 1) * width)])), texts: rowTexts))
        }
        return result
    }
}
