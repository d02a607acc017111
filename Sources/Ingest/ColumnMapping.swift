import AtbalstsCore
import Foundation

/// How the columns of one export correspond to the items of an instrument (SPEC 4.2).
public struct ColumnMapping: Sendable {
    public enum Rule: String, Sendable {
        case explicit = "pipeline"
        case exact = "exact header"
        case normalized = "normalised header"
        case
            code = "LimeSurvey code"
        case rowLabel = "grid row label"
        case english = "English header"
    }

    public struct Match: Sendable {
        public let itemIndex: Int
        public let column: Int
        public let rule: Rule
    }

    /// Column index per item index (nil: the export lacks the item).
    public let columnForItem: [Int?]
    /// For multi-selects exported one column per option (LimeSurvey `Q6[SQ001]`, or
    /// `Question [Option]`): the column of each option, per item index.
    public let optionColumns: [Int: [Int?]]
    public let matches: [Match]
    /// Headers that answer no item and are not submission metadata.
    public let unmapped: [String]

    /// `explicit` maps an item id to a header text, a LimeSurvey code or `/regex/`.
    public init(
        headers: [String], instrument: Instrument, explicit: [String: String] = [:],
        metaColumns: Set<Int> = []
    ) throws(IngestError) {
        var columnForItem = [Int?](repeating: nil, count: instrument.items.count)
        var matches: [Match] = []
        var taken = metaColumns
        let normalizedHeaders = headers.map(normalizedForMatching)
        let codes = headers.map(Self.limeSurveyCode)

        func assign(_ item: Int, _ column: Int, _ rule: Rule) {
            columnForItem[item] = column
            taken.insert(column)
            matches.append(Match(itemIndex: item, column: column, rule: rule))
        }

        for (itemID, target) in explicit.sorted(by: { $0.key < $1.key }) {
            guard let item = instrument.items.firstIndex(where: { $0.id == itemID }) else {
                throw .unknownItem(itemID, instrument: instrument.id)
            }
            guard let column = Self.findExplicit(target, headers: headers, codes: codes) else {
                throw .mappedColumnMissing(
                    item: itemID, target: target, closest: closestText(target, in: headers, atLeast: 0.3))
            }
            assign(item, column, .explicit)
        }
        // Microsoft Forms heads a Likert row with the statement alone; accepted only when no other
        // item of the instrument has the same row label.
        // A form built from the English question list (`atbalsts instrument --questions --language en`)
        // heads its columns with the English texts, which map the same way.
        let gridRows = instrument.items.filter { $0.row != nil }
        let rowLabelCounts = Dictionary(
            gridRows.flatMap { Set([normalizedForMatching($0.rowLabel), normalizedForMatching($0.englishName)]).map { ($0, 1) } },
            uniquingKeysWith: +)
        let passes: [(Rule, (Item, Int) -> Bool)] = [
            (.exact, { item, column in headers[column] == item.header }),
            (
                .normalized,
                { item, column in
                    normalizedHeaders[column] == normalizedForMatching(item.header)
                }
            ),
            (.code, { item, column in item.code != nil && codes[column] == item.code }),
            (
                .rowLabel,
                { item, column in
                    let label = normalizedForMatching(item.rowLabel)
                    return item.row != nil && rowLabelCounts[label] == 1 && normalizedHeaders[column] == label
                }
            ),
            (.english, { item, column in normalizedHeaders[column] == normalizedForMatching(item.englishHeader) }),
            (
                .english,
                { item, column in
                    let label = normalizedForMatching(item.englishName)
                    return item.row != nil && rowLabelCounts[label] == 1 && normalizedHeaders[column] == label
                }
            ),
        ]
        for (rule, matchesItem) in passes {
            for (itemIndex, item) in instrument.items.enumerated() where columnForItem[itemIndex] == nil {
                if let column = headers.indices.first(where: {
                    !taken.contains($0) && matchesItem(item, $0)
                }) {
                    assign(itemIndex, column, rule)
                }
            }
        }
        var optionColumns: [Int: [Int?]] = [:]
        for (itemIndex, item) in instrument.items.enumerated() where columnForItem[itemIndex] == nil {
            guard case .multi(let options) = item.kind else { continue }
            let found = options.enumerated().map { optionIndex, option -> Int? in
                let code = item.code.map { "\($0)[SQ\(String(format: "%03d", optionIndex + 1))]" }
                let normalizedHeader = normalizedForMatching("\(item.header) [\(option.label.lv)]")
                return headers.indices.first { column in
                    !taken.contains(column)
                        && (codes[column] == code || normalizedHeaders[column] == normalizedHeader)
                }
            }
            guard found.contains(where: { $0 != nil }) else { continue }
            optionColumns[itemIndex] = found
            for column in found.compactMap({ $0 }) {
                taken.insert(column)
                matches.append(Match(itemIndex: itemIndex, column: column, rule: codes[column] == headers[column] ? .code : .normalized))
            }
        }
        self.optionColumns = optionColumns
        self.columnForItem = columnForItem
        self.matches = matches.sorted { $0.column < $1.column }
        self.unmapped = headers.indices.filter { !taken.contains($0) }.map { headers[$0] }
    }

    /// Items with no column that the questionnaire was not declared not to ask (SPEC 9: such a
    /// file fails). `notAsked` names items or whole blocks (`who5`, `cbi`).
    public func missingItems(of instrument: Instrument, notAsked: Set<String>) -> [String] {
        instrument.items.indices.compactMap { index in
            let item = instrument.items[index]
            guard columnForItem[index] == nil, optionColumns[index] == nil,
                !notAsked.contains(item.id), !notAsked.contains(item.group)
            else { return nil }
            return item.id
        }
    }

    /// LimeSurvey writes `Q2[SQ001]` or `Q2[SQ001]. Question text`; the code is the part before
    /// the first `. `.
    static func limeSurveyCode(_ header: String) -> String {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.first, first.isLetter, first.isASCII else { return trimmed }
        if let range = trimmed.range(of: ". ") { return String(trimmed[..<range.lowerBound]) }
        return trimmed
    }

    static func findExplicit(_ target: String, headers: [String], codes: [String]) -> Int? {
        if target.count > 2, target.hasPrefix("/"), target.hasSuffix("/"),
            let regex = try? NSRegularExpression(pattern: String(target.dropFirst().dropLast()))
        {
            return headers.firstIndex {
                regex.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil
            }
        }
        return headers.firstIndex(of: target) ?? codes.firstIndex(of: target)
            ?? headers.firstIndex { normalizedForMatching($0) == normalizedForMatching(target) }
    }
}
