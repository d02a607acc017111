import AtbalstsCore

enum RowOutcome {
    case accepted(ImportedResponse)
    case quarantined(QuarantinedRow)
}

/// Maps one CSV record to a response or to a quarantined row (SPEC 9).
struct ResponseMapper {
    let instrument: Instrument
    let headers: [String]
    let mapping: ColumnMapping
    let meta: MetaColumns
    let format: SourceFormat
    let pseudonymizer: Pseudonymizer
    private let institutionColumn: Int
    private let institutionByKey: [String: String]
    private let textItems: [Int]
    private var labelTables: [String: [String: Int]]
    private var labelCache: [String: [String: Int]] = [:]

    init(
        instrument: Instrument, headers: [String], mapping: ColumnMapping, meta: MetaColumns,
        format: SourceFormat, register: [Institution], labels: [String: [String: Int]],
        pseudonymizer: Pseudonymizer
    ) throws(IngestError) {
        guard let institutionItem = instrument.items.firstIndex(where: { $0.kind == .institution }),
              let column = mapping.columnForItem[institutionItem]
        else { throw IngestError(cause: .missingInstitutionColumn) }
        self.instrument = instrument
        self.headers = headers
        self.mapping = mapping
        self.meta = meta
        self.format = format
        self.pseudonymizer = pseudonymizer
        institutionColumn = column
        var byKey: [String: String] = [:]
        for institution in register {
            byKey[normalizedForMatching(institution.code)] = institution.code
            byKey[normalizedForMatching(institution.name)] = institution.code
        }
        institutionByKey = byKey
        textItems = instrument.items.indices.filter { instrument.items[$0].kind == .text }
        var tables: [String: [String: Int]] = [:]
        for item in instrument.items {
            guard let scale = item.scale, tables[scale.id] == nil else { continue }
            var table: [String: Int] = [:]
            for option in scale.options {
                table[normalizedForMatching(option.label.lv)] = option.value
                table[normalizedForMatching(option.label.en)] = option.value
            }
            // A pipeline's `labels:` map another questionnaire's answers onto this scale.
            for (label, value) in labels[scale.id] ?? [:] { table[normalizedForMatching(label)] = value }
            tables[scale.id] = table
        }
        labelTables = tables
    }

    mutating func map(_ record: CSVRecord) -> RowOutcome {
        let fields = record.fields
        func reject(_ column: Int?, _ reason: String) -> RowOutcome {
            .quarantined(
                QuarantinedRow(
                    line: record.line, column: column.map { headers[$0] },
                    value: column.map { Redaction.redact(fields[$0]) }, reason: reason))
        }
        guard fields.count == headers.count else {
            return reject(nil, "expected \(headers.count) fields, found \(fields.count)")
        }
        if let completed = meta.completedAt,
           fields[completed].trimmingCharacters(in: .whitespaces).isEmpty
        {
            return reject(completed, "incomplete response (no submit date)")
        }
        let institutionText = fields[institutionColumn]
        guard let institution = institutionByKey[normalizedForMatching(institutionText)] else {
            let reason = institutionText.isEmpty ? "no institution given" : "unknown institution"
            return reject(institutionColumn, reason)
        }

        var values = AnswerValues(count: instrument.slots.count)
        var slot = 0
        for (itemIndex, item) in instrument.items.enumerated() {
            switch item.kind {
            case .scaled(let scale, _):
                defer { slot += 1 }
                guard let column = mapping.columnForItem[itemIndex] else { continue }
                let text = fields[column]
                if isBlank(text) { continue }
                switch value(of: text, on: scale) {
                case .success(let value): values[slot] = value
                case .failure(let error): return reject(column, error.reason)
                }
            case .multi(let options):
                defer { slot += options.count }
                if let columns = mapping.optionColumns[itemIndex] {
                    if let chosen = chosenOptions(fields, columns: columns) {
                        for option in options.indices { values[slot + option] = chosen.contains(option) ? 1 : 0 }
                    }
                    continue
                }
                guard let column = mapping.columnForItem[itemIndex] else { continue }
                let text = fields[column]
                if isBlank(text) { continue }
                guard let chosen = chosenOptions(text, options: options) else {
                    return reject(column, "answer does not match the options of \(item.id)")
                }
                for option in options.indices { values[slot + option] = chosen.contains(option) ? 1 : 0 }
            case .institution, .text:
                continue
            }
        }
        let texts: [String?] = textItems.map { item in
            guard let column = mapping.columnForItem[item], !isBlank(fields[column]) else { return nil }
            // SPEC 8: no e-mail address is stored, not even one written into a comment.
            return Redaction.redact(fields[column])
        }
        let email = meta.email.map { fields[$0] } ?? ""
        let key = pseudonymizer.key(forEmail: email) ?? Pseudonymizer.randomKey()
        return .accepted(
            ImportedResponse(
                line: record.line, respondentKey: key,
                submittedAt: meta.submittedAt.flatMap { normalizedTimestamp(fields[$0]) },
                institution: institution, values: values, texts: texts))
    }

    /// `A3` → 2 (zero-based position), nil for anything else.
    static func answerCode(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 2, trimmed.first == "A", let number = Int(trimmed.dropFirst()), number >= 1 else { return nil }
        return number - 1
    }

    private func isBlank(_ text: String) -> Bool {
        text.isEmpty || text.allSatisfy { $0 == " " || $0 == "\t" }
    }

    private mutating func value(of text: String, on scale: Scale) -> Result<Int, LabelError> {
        if let cached = labelCache[scale.id]?[text] { return .success(cached) }
        let value: Int
        if let known = labelTables[scale.id]?[normalizedForMatching(text)] {
            value = known
        } else if let position = Self.answerCode(text), scale.options.indices.contains(position) {
            // LimeSurvey answer codes A1, A2 … follow the scale's order.
            value = scale.options[position].value
        } else if let number = Int(text.trimmingCharacters(in: .whitespaces)) {
            guard scale.options.contains(where: { $0.value == number }) else {
                let range = scale.valueRange
                return .failure(
                    LabelError("value \(number) out of range \(range.lowerBound)–\(range.upperBound)"))
            }
            value = number
        } else {
            return .failure(LabelError("unknown answer label for scale \(scale.id)"))
        }
        labelCache[scale.id, default: [:]][text] = value
        return .success(value)
    }

    /// One column per option: "Y" (LimeSurvey), "Jā", "1" or the option's own text mean chosen; an
    /// empty cell or "N"/"Nē"/"0" not. All empty: the question was not answered.
    private func chosenOptions(_ fields: [String], columns: [Int?]) -> Set<Int>? {
        var chosen = Set<Int>()
        var answered = false
        for (option, column) in columns.enumerated() {
            guard let column else { continue }
            let text = normalizedForMatching(fields[column])
            if text.isEmpty { continue }
            answered = true
            if !["n", "ne", "no", "0"].contains(text) { chosen.insert(option) }
        }
        return answered ? chosen : nil
    }

    /// Options are matched longest label first, because a label may itself contain the
    /// separator (Google Forms joins choices with ", "; SPEC 4.1).
    private func chosenOptions(_ text: String, options: [ReferenceEntry]) -> Set<Int>? {
        let separator = format.multiSeparator
        let trimmedSeparator = separator.trimmingCharacters(in: .whitespaces)
        let candidates = options.indices.flatMap { index in
            [(index, options[index].label.lv), (index, options[index].label.en)]
        }.sorted { $0.1.count > $1.1.count }
        var chosen = Set<Int>()
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        while !rest.isEmpty {
            guard let (index, label) = candidates.first(where: { option in
                guard rest.hasPrefix(option.1) else { return false }
                let after = rest.dropFirst(option.1.count)
                return after.isEmpty || after.hasPrefix(separator) || after.hasPrefix(trimmedSeparator)
            }) else { return nil }
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
