import AtbalstsCore
import Foundation

/// Maps one CSV record to a response or to a quarantined row (SPEC 9).
///
/// The work per row is a walk over a plan made once per file, and answers are looked up in caches
/// keyed by the raw cell text: an export repeats the same few labels tens of thousands of times.
struct ResponseMapper {
    /// What one mapped item asks of a row, in plain integers: the per-cell loop copies each step,
    /// and a step carrying a `String` or an array was retained and released per cell. The item's
    /// id (`stepItems`) and a multi-select's columns (`optionColumns`) are looked up by index, on
    /// the slow path only.
    private struct Step {
        enum Kind: UInt8 {
            /// One column, a label on scale `table`.
            case scaled
            /// One column of joined labels, matched by choice table `table`; its "other" text
            /// goes to text slot `textSlot` (-1: none).
            case multi
            /// One column per option, `optionColumns[table]`.
            case multiColumns
        }

        var kind: Kind
        var column: Int
        var slot: Int
        var options: Int
        var table: Int
        var textSlot: Int
    }

    /// A multi-select answer read: the chosen options as bits, the text of an "other" answer, or
    /// the parts that match no option (SPEC 9: the answer is unreadable).
    enum Choice {
        case chosen(UInt64)
        case other(UInt64, text: String)
        case unreadable(parts: [String])
    }

    let headers: [String]
    let meta: MetaColumns
    let pseudonymizer: Pseudonymizer
    private let slotCount: Int
    private let steps: [Step]
    private let institutionColumn: Int
    private let institutionByKey: [String: String]
    private let textColumns: [Int?]
    /// The text slot whose answer is the respondent's key, not a text (an observed teacher's
    /// e-mail or id, SPEC 12.2): pseudonymised and never kept.
    private let keyTextSlot: Int?
    private let scales: [Scale]
    private let labelTables: [[String: Int]]
    /// Per multi-select: labels longest first (a label may contain the separator), with indices.
    private let choiceLabels: [[(label: String, index: Int)]]
    private let choiceLabelBytes: [[(label: [UInt8], index: Int)]]
    private let separator: String
    /// Text items, then one "other" text per multi-select that has the option.
    private let textSlotCount: Int
    /// A label's value; nil: the label is unreadable (SPEC 9).
    private var labelCache: [ByteCache<Int?>]
    /// In front of it: the few labels each scale's cells hold (`LabelFront`).
    private let labelFront: LabelFront
    /// The chosen options as bits (an instrument's multi item has at most 64), nil: no match.
    private var choiceCache: [ByteCache<UInt64?>]
    /// Per multi-select: the bit of its "other" option, and texts that mean "other" (`Cits`).
    private let otherOption: [Int?]
    private let otherLabels: [[String]]
    private var institutionCache = ByteCache<String?>()
    /// Submission dates must fall in this window (SPEC 5 `wave_dates`).
    private let term: ClosedRange<String>?
    private var noted = ReadFindings()
    /// Non-blank answers per step: counted in an array, not a dictionary, in the per-row loop.
    private var answeredPerStep: [Int]
    private let stepItems: [String?]
    /// Per `multiColumns` step: the column of each option, nil where the export has none.
    private let optionColumns: [[Int?]]
    /// The last column (0-based) any row is read from: the reader need not keep later fields.
    let lastColumn: Int
    /// An accepted row's e-mail is only normalised, into `pendingArena`, its key left to the
    /// thread that stores the batch (`takePendingKeys`, `PendingKeys`).
    var deferringKeys = false
    private let pendingArena = PendingEmails()
    /// A row's "other" texts while its answers are read. `texts` written inside that loop was
    /// made unique once per row, before the loop: a copy of `noTexts` for every row (issue 19).
    private var otherAnswers: [(slot: Int, text: String)] = []
    /// The row's texts, (slot, text) in slot order: handed to the batch, which keeps its own.
    private var rowTexts: [(slot: Int, text: String)] = []
    /// Two per accepted row since the last batch: its address's start and end, or -1 and -1.
    private var pendingBounds: [Int32] = []

    /// What reading found so far (SPEC 9), with the answered counts per item filled in.
    var findings: ReadFindings {
        var result = noted
        for (index, item) in stepItems.enumerated() where answeredPerStep[index] > 0 {
            if let item { result.answered[item, default: 0] += answeredPerStep[index] }
        }
        return result
    }

    init(
        instrument: Instrument, headers: [String], mapping: ColumnMapping, meta: MetaColumns,
        format: SourceFormat, register: [Institution], options sourceOptions: SourceOptions,
        pseudonymizer: Pseudonymizer
    ) throws(IngestError) {
        let labels = sourceOptions.labels
        guard let institutionItem = instrument.items.firstIndex(where: { $0.kind == .institution }),
            let column = mapping.columnForItem[institutionItem]
        else { throw IngestError(cause: .missingInstitutionColumn) }
        self.headers = headers
        self.meta = meta
        self.pseudonymizer = pseudonymizer
        institutionColumn = column
        slotCount = instrument.slots.count
        separator = format.multiSeparator
        var byKey: [String: String] = [:]
        for institution in register {
            byKey[normalizedForMatching(institution.code)] = institution.code
            byKey[normalizedForMatching(institution.name)] = institution.code
            for alias in institution.aliases { byKey[normalizedForMatching(alias)] = institution.code }
        }
        // The pipeline's own spellings win over the register's (SPEC 5 `institutions:`).
        for (typed, code) in sourceOptions.institutions { byKey[normalizedForMatching(typed)] = code }
        institutionByKey = byKey
        term = sourceOptions.term
        textColumns = instrument.items.indices.filter { instrument.items[$0].kind == .text }.map { mapping.columnForItem[$0] }
        let textCount = textColumns.count
        keyTextSlot = instrument.textItemIDs.firstIndex { Instrument.pseudonymisedItemIDs.contains($0) }

        var scales: [Scale] = []
        var tables: [[String: Int]] = []
        var choices: [[(label: String, index: Int)]] = []
        var others: [Int?] = []
        var otherTexts: [[String]] = []
        var steps: [Step] = []
        var items: [String?] = []
        var optionColumns: [[Int?]] = []
        var slot = 0
        var otherTextIndex = textCount
        for (itemIndex, item) in instrument.items.enumerated() {
            switch item.kind {
            case .scaled(let scale, _):
                if let column = mapping.columnForItem[itemIndex] {
                    let index =
                        scales.firstIndex(of: scale)
                        ?? {
                            scales.append(scale)
                            tables.append(Self.labelTable(scale, extra: labels[scale.id] ?? [:]))
                            return scales.count - 1
                        }()
                    steps.append(Step(kind: .scaled, column: column, slot: slot, options: 1, table: index, textSlot: -1))
                    items.append(item.id)
                }
                slot += 1
            case .multi(let options):
                let other = options.firstIndex { $0.id == Instrument.otherOptionID }
                let textSlot: Int? = other == nil ? nil : otherTextIndex
                if other != nil { otherTextIndex += 1 }
                if let columns = mapping.optionColumns[itemIndex] {
                    optionColumns.append(columns)
                    steps.append(
                        Step(
                            kind: .multiColumns, column: -1, slot: slot, options: options.count,
                            table: optionColumns.count - 1, textSlot: -1))
                    items.append(nil)
                } else if let column = mapping.columnForItem[itemIndex] {
                    var candidates = options.indices.flatMap { [(options[$0].label.lv, $0), (options[$0].label.en, $0)] }
                    var otherWords = ["cits", "citi", "cita", "other"]
                    for (text, target) in labels[item.id] ?? [:] {
                        guard case .option(let id) = target, let index = options.firstIndex(where: { $0.id == id }) else { continue }
                        if index == other { otherWords.append(normalizedForMatching(text)) }
                        candidates.append((text, index))
                    }
                    choices.append(candidates.sorted { $0.0.utf8.count > $1.0.utf8.count })
                    others.append(other)
                    otherTexts.append(otherWords)
                    steps.append(
                        Step(
                            kind: .multi, column: column, slot: slot, options: options.count, table: choices.count - 1,
                            textSlot: textSlot ?? -1))
                    items.append(item.id)
                }
                slot += options.count
            case .institution, .text:
                continue
            }
        }
        self.steps = steps
        // Every column a row is read from: its answers, institution, texts, and meta columns.
        let used =
            steps.map(\.column) + [institutionColumn] + textColumns.compactMap { $0 } + optionColumns.flatMap { $0.compactMap { $0 } }
            + [meta.email, meta.submittedAt, meta.completedAt].compactMap { $0 }
        lastColumn = used.max() ?? 0
        answeredPerStep = Array(repeating: 0, count: steps.count)
        stepItems = items
        self.optionColumns = optionColumns
        self.scales = scales
        labelTables = tables
        choiceLabels = choices
        choiceLabelBytes = choices.map { labels in labels.map { (Array($0.label.utf8), $0.index) } }
        otherOption = others
        otherLabels = otherTexts
        textSlotCount = otherTextIndex
        labelCache = Array(repeating: ByteCache(), count: scales.count)
        labelFront = LabelFront(tables: scales.count)
        choiceCache = Array(repeating: ByteCache(), count: choices.count)
    }

    /// Normalised label → value; a pipeline's `labels:` map another questionnaire's answers in.
    private static func labelTable(_ scale: Scale, extra: [String: LabelTarget]) -> [String: Int] {
        var table: [String: Int] = [:]
        for option in scale.options {
            table[normalizedForMatching(option.label.lv)] = option.value
            table[normalizedForMatching(option.label.en)] = option.value
        }
        for (label, target) in extra {
            if case .value(let value) = target { table[normalizedForMatching(label)] = value }
        }
        return table
    }

    /// `time` (`yyyy-MM-dd HH:mm:ss`) at or after the term's start and on or before its last
    /// day. Compared as bytes, as `String` compares these ASCII texts: `prefix(10)` walked the
    /// text by characters, 2 % of the parsing thread at 300,000 rows.
    static func falls(_ time: String, within term: ClosedRange<String>) -> Bool {
        var time = time
        return time.withUTF8 { falls($0, within: term) }
    }

    /// The same over the time's bytes, compared with `memcmp` as `String` compares these ASCII
    /// texts (the generic comparison over `String.UTF8View` was 2 % of the parsing thread).
    static func falls(_ time: UnsafeBufferPointer<UInt8>, within term: ClosedRange<String>) -> Bool {
        func compare(_ left: UnsafeBufferPointer<UInt8>, _ right: String) -> Int {
            var right = right
            return right.withUTF8 { right in
                let common = Swift.min(left.count, right.count)
                let order = common == 0 ? 0 : Int(memcmp(left.baseAddress!, right.baseAddress!, common))
                return order != 0 ? order : left.count - right.count
            }
        }
        return compare(time, term.lowerBound) >= 0
            && compare(UnsafeBufferPointer(rebasing: time.prefix(10)), term.upperBound) <= 0
    }

    /// Appends the record's response to `batch`, or returns why the row is quarantined.
    mutating func map(_ record: RawRecord, into batch: inout ResponseBatch) -> QuarantinedRow? {
        record.withFields { fields in map(record, fields, into: &batch) }
    }

    private mutating func map(
        _ record: RawRecord, _ fields: RecordFields, into batch: inout ResponseBatch
    ) -> QuarantinedRow? {
        func reject(_ column: Int?, _ reason: QuarantineReason) -> QuarantinedRow {
            QuarantinedRow(
                line: record.line, column: column.map { headers[$0] },
                value: column.map { Redaction.redact(record.string($0)) }, reason: reason)
        }
        guard record.count == headers.count else {
            return reject(nil, .wrongFieldCount(expected: headers.count, found: record.count))
        }
        if let completed = meta.completedAt, fields.isBlank(completed) {
            return reject(completed, .incompleteResponse)
        }
        let institution = institution(record, fields.field(institutionColumn), institutionColumn)
        if institution == nil, !fields.field(institutionColumn).isEmpty {
            noted.unknownInstitutions.add(record.string(institutionColumn).trimmingCharacters(in: .whitespaces))
        }
        // A row quarantined for its institution is still read, quietly: its unknown answers
        // belong in `check --suggest`, or the next run would find them one fix later.
        let counting = institution != nil
        let steps = self.steps
        // The answers go straight into the batch's table, and the counts are written through
        // a pointer: a write through the array checked each time that it was not shared (some
        // 70 calls a row). The counts are taken out of `self` meanwhile, since the loop calls
        // mutating methods of it.
        var answered: [Int] = []
        swap(&answered, &answeredPerStep)
        defer { swap(&answered, &answeredPerStep) }
        rowTexts.removeAll(keepingCapacity: true)
        batch.startRow { values in
            answered.withUnsafeMutableBufferPointer { answered in
                for stepIndex in 0..<steps.count {
                    let step = steps[stepIndex]
                    switch step.kind {
                    case .scaled:
                        let column = step.column
                        if fields.isBlank(column) { continue }
                        if counting { answered[stepIndex] += 1 }
                        if let value = value(fields.field(column), scale: step.table) {
                            values[step.slot] = Int16(value)
                        } else {
                            // SPEC 9: missing for this item only; the respondent's other answers count.
                            let text = Redaction.redact(record.string(column).trimmingCharacters(in: .whitespaces))
                            noted.noteUnreadable(
                                line: record.line, itemID: stepItems[stepIndex]!, column: headers[column], whole: text,
                                parts: [text], counting: counting)
                        }
                    case .multi:
                        let column = step.column
                        if fields.isBlank(column) { continue }
                        if counting { answered[stepIndex] += 1 }
                        let chosen: UInt64
                        switch chosenOptions(fields.field(column), record, column, choices: step.table) {
                        case .chosen(let bits): chosen = bits
                        case .other(let bits, let text):
                            chosen = bits
                            // Kept like a comment (SPEC 9), redacted like one (SPEC 8).
                            if step.textSlot >= 0, !text.isEmpty { otherAnswers.append((step.textSlot, Redaction.redact(text))) }
                        case .unreadable(let parts):
                            noted.noteUnreadable(
                                line: record.line, itemID: stepItems[stepIndex]!, column: headers[column],
                                whole: Redaction.redact(record.string(column)), parts: parts.map(Redaction.redact),
                                counting: counting)
                            continue
                        }
                        for option in 0..<step.options { values[step.slot + option] = Int16(chosen >> option & 1) }
                    case .multiColumns:
                        if let chosen = Self.chosenOptions(record, columns: optionColumns[step.table]) {
                            for option in 0..<step.options { values[step.slot + option] = Int16(chosen >> option & 1) }
                        }
                    }
                }
            }
        }
        guard let institution else {
            otherAnswers.removeAll(keepingCapacity: true)
            batch.dropRow()
            return reject(institutionColumn, fields.field(institutionColumn).isEmpty ? .noInstitution : .unknownInstitution)
        }
        // Texts in slot order: the text items', then the "other" answers' (set after the loop:
        // an array written inside it was made unique before it, once per row).
        for (index, column) in textColumns.enumerated() where index != keyTextSlot {
            guard let column, !fields.isBlank(column) else { continue }
            // SPEC 8: no e-mail address is stored, not even one written into a comment.
            rowTexts.append((index, Redaction.redact(record.string(column))))
        }
        rowTexts.append(contentsOf: otherAnswers)
        otherAnswers.removeAll(keepingCapacity: true)
        var keyed: String?
        if let slot = keyTextSlot {
            keyed = textColumns[slot].flatMap { pseudonymizer.key(forIdentifierBytes: fields.field($0)) }
        }
        var pending: (start: Int, end: Int)?
        let key: String
        if let keyed {
            key = keyed
        } else if let column = meta.email, deferringKeys {
            switch pseudonymizer.pendingKey(forEmailBytes: fields.field(column), into: pendingArena) {
            case .pending(let start, let end):
                // Worked out on the storing thread (`PendingKeys`); empty until then.
                pending = (start, end)
                key = ""
            case .keyed(let text): key = text
            case .none: key = Pseudonymizer.randomKey()
            }
        } else {
            key = meta.email.flatMap { pseudonymizer.key(forEmailBytes: fields.field($0)) } ?? Pseudonymizer.randomKey()
        }
        batch.finishRow(line: record.line, key: key, institution: institution, texts: rowTexts) { time in
            guard let column = meta.submittedAt, !fields.isBlank(column) else { return false }
            guard normalizedTimestamp(bytes: fields.field(column), into: time) else {
                let shown = Redaction.redact(record.string(column))
                noted.unreadableTimes.add(shown)
                // Stored with the unreadable answers, so Datu kvalitāte lists it, not only the terminal.
                noted.unreadableAnswers.append(
                    UnreadableAnswer(line: record.line, itemID: ItemID.submissionTime, column: headers[column], value: shown))
                return false
            }
            if let term, !Self.falls(UnsafeBufferPointer(time), within: term) {
                noted.datesOutsideTerm.add(String(decoding: time[..<10], as: UTF8.self))
            }
            return true
        }
        if deferringKeys {
            pendingBounds.append(Int32(pending?.start ?? -1))
            pendingBounds.append(Int32(pending?.end ?? -1))
        }
        return nil
    }

    /// A batch for this file's rows.
    func emptyBatch() -> ResponseBatch { ResponseBatch(width: slotCount, textSlots: textSlotCount) }

    /// The keys of the rows appended since the last call, for the batch they make (`EmailKeys`).
    mutating func takePendingKeys() -> EmailKeys {
        defer {
            pendingBounds = []
            pendingBounds.reserveCapacity(512)
        }
        return pseudonymizer.keys(of: pendingArena, bounds: pendingBounds)
    }

    private mutating func institution(_ record: RawRecord, _ bytes: UnsafeBufferPointer<UInt8>, _ column: Int) -> String? {
        if let known = institutionCache.value(for: bytes) { return known }
        let code = institutionByKey[normalizedForMatching(record.string(column))]
        institutionCache.insert(code, for: bytes)
        return code
    }

    /// The label's value on scale `index`; nil when it is unreadable.
    private mutating func value(_ bytes: UnsafeBufferPointer<UInt8>, scale index: Int) -> Int? {
        if let front = labelFront.value(table: index, for: bytes) { return front }
        if let cached = labelCache[index].value(for: bytes) {
            labelFront.insert(table: index, cached, for: bytes)
            return cached
        }
        let value = try? Self.value(of: String(decoding: bytes, as: UTF8.self), scale: scales[index], table: labelTables[index]).get()
        labelCache[index].insert(value, for: bytes)
        labelFront.insert(table: index, value, for: bytes)
        return value
    }

    private static func value(of text: String, scale: Scale, table: [String: Int]) -> Result<Int, LabelError> {
        if let known = table[normalizedForMatching(text)] { return .success(known) }
        if let position = answerCode(text), scale.options.indices.contains(position) {
            // LimeSurvey answer codes A1, A2 … follow the scale's order.
            return .success(scale.options[position].value)
        }
        guard let number = Int(text.trimmingCharacters(in: .whitespaces)) else {
            return .failure(LabelError("unknown answer label for scale \(scale.id)"))
        }
        guard scale.options.contains(where: { $0.value == number }) else {
            let range = scale.valueRange
            return .failure(LabelError("value \(number) out of range \(range.lowerBound)–\(range.upperBound)"))
        }
        return .success(number)
    }

    /// `A3` → 2 (zero-based position), nil for anything else.
    static func answerCode(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 2, trimmed.first == "A", let number = Int(trimmed.dropFirst()), number >= 1 else { return nil }
        return number - 1
    }

    /// One column per option: "Y" (LimeSurvey), "Jā", "1" or the option's own text mean chosen; an
    /// empty cell or "N"/"Nē"/"0" not. All empty: the question was not answered.
    private static func chosenOptions(_ record: RawRecord, columns: [Int?]) -> UInt64? {
        var chosen: UInt64 = 0
        var answered = false
        for (option, column) in columns.enumerated() {
            guard let column else { continue }
            let text = normalizedForMatching(record.string(column))
            if text.isEmpty { continue }
            answered = true
            if !["n", "ne", "no", "0"].contains(text) { chosen |= 1 << option }
        }
        return answered ? chosen : nil
    }

    private mutating func chosenOptions(
        _ bytes: UnsafeBufferPointer<UInt8>, _ record: RawRecord, _ column: Int, choices: Int
    ) -> Choice {
        let cached = choiceCache[choices].value(for: bytes)
        if let cached, let bits = cached { return .chosen(bits) }
        if cached == nil {
            // Exact bytes first; the Unicode comparison (canonically equivalent spellings) when they fail.
            let chosen =
                Self.split(Array(bytes)[...], labels: choiceLabelBytes[choices], separator: Array(separator.utf8))
                ?? Self.split(record.string(column), labels: choiceLabels[choices], separator: separator)
                .map { $0.reduce(UInt64(0)) { $0 | 1 << $1 } }
            choiceCache[choices].insert(chosen, for: bytes)
            if let chosen { return .chosen(chosen) }
        }
        return Self.partialSplit(
            record.string(column), labels: choiceLabels[choices], separator: separator,
            other: otherOption[choices], otherWords: otherLabels[choices])
    }

    /// The slow path for an answer that is not only known options: known options are taken
    /// longest first, an "other" answer (`Cits: …`, or a text the pipeline maps to `other`) takes
    /// the rest of the cell as its text, and anything else is an unknown part.
    static func partialSplit(
        _ text: String, labels: [(label: String, index: Int)], separator: String, other: Int?, otherWords: [String]
    ) -> Choice {
        let trimmedSeparator = separator.trimmingCharacters(in: .whitespaces)
        var chosen: UInt64 = 0
        var unknown: [String] = []
        var otherText: String?
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        func otherAnswer(_ part: Substring) -> String? {
            guard other != nil else { return nil }
            let normalized = normalizedForMatching(String(part))
            for word in otherWords {
                if normalized == word { return "" }
                for mark in [":", " -", " –", " ("] where normalized.hasPrefix(word + mark) {
                    let start = part.index(part.startIndex, offsetBy: min(part.count, word.count + mark.count))
                    return part[start...].trimmingCharacters(in: CharacterSet(charactersIn: " :-–()"))
                }
            }
            return nil
        }
        while !rest.isEmpty {
            if let (label, index) = labels.first(where: { candidate in
                guard rest.hasPrefix(candidate.label) else { return false }
                let after = rest.dropFirst(candidate.label.count)
                return after.isEmpty || after.hasPrefix(separator) || after.hasPrefix(trimmedSeparator)
            }) {
                chosen |= 1 << index
                rest = rest.dropFirst(label.count)
            } else if let text = otherAnswer(rest) {
                // "Cits: …" is the last choice a form writes; its text may hold the separator.
                otherText = text
                rest = rest.dropFirst(rest.count)
            } else {
                let end = rest.range(of: separator)?.lowerBound ?? rest.endIndex
                unknown.append(rest[..<end].trimmingCharacters(in: .whitespaces))
                rest = rest[end...]
            }
            if rest.hasPrefix(separator) {
                rest = rest.dropFirst(separator.count)
            } else if rest.hasPrefix(trimmedSeparator) {
                rest = rest.dropFirst(trimmedSeparator.count)
            }
            rest = rest.drop { $0 == " " }
        }
        if !unknown.isEmpty { return .unreadable(parts: unknown) }
        if let otherText, let other { return .other(chosen | 1 << other, text: otherText) }
        return .chosen(chosen)
    }

    /// `split` on bytes: the same longest-first matching, with a byte-equal label.
    static func split(_ text: ArraySlice<UInt8>, labels: [(label: [UInt8], index: Int)], separator: [UInt8]) -> UInt64? {
        func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 }
        var trimmedSeparator = separator[...]
        while let first = trimmedSeparator.first, isSpace(first) { trimmedSeparator.removeFirst() }
        while let last = trimmedSeparator.last, isSpace(last) { trimmedSeparator.removeLast() }
        var rest = text
        while let first = rest.first, isSpace(first) { rest.removeFirst() }
        while let last = rest.last, isSpace(last) { rest.removeLast() }
        var chosen: UInt64 = 0
        while !rest.isEmpty {
            guard
                let (label, index) = labels.first(where: { candidate in
                    guard rest.starts(with: candidate.label) else { return false }
                    let after = rest.dropFirst(candidate.label.count)
                    return after.isEmpty || after.starts(with: separator) || after.starts(with: trimmedSeparator)
                })
            else { return nil }
            chosen |= 1 << index
            rest = rest.dropFirst(label.count)
            if rest.starts(with: separator) {
                rest = rest.dropFirst(separator.count)
            } else if rest.starts(with: trimmedSeparator) {
                rest = rest.dropFirst(trimmedSeparator.count)
            }
            while rest.first == 32 { rest.removeFirst() }
        }
        return chosen
    }

    /// Options are matched longest label first, because a label may itself contain the
    /// separator (Google Forms joins choices with ", "; SPEC 4.1).
    static func split(_ text: String, labels: [(label: String, index: Int)], separator: String) -> Set<Int>? {
        let trimmedSeparator = separator.trimmingCharacters(in: .whitespaces)
        var chosen = Set<Int>()
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        while !rest.isEmpty {
            guard
                let (label, index) = labels.first(where: { candidate in
                    guard rest.hasPrefix(candidate.label) else { return false }
                    let after = rest.dropFirst(candidate.label.count)
                    return after.isEmpty || after.hasPrefix(separator) || after.hasPrefix(trimmedSeparator)
                })
            else { return nil }
            chosen.insert(index)
            rest = rest.dropFirst(label.count)
            if rest.hasPrefix(separator) {
                rest = rest.dropFirst(separator.count)
            } else if rest.hasPrefix(trimmedSeparator) {
                rest = rest.dropFirst(trimmedSeparator.count)
            }
            rest = rest.drop { $0 == " " }
        }
        return chosen
    }
}

struct LabelError: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
