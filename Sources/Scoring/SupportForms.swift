import AtbalstsCore

/// How often each option of a multi-select item was chosen among those who answered it.
public struct OptionCounts: Sendable {
    public let options: [ReferenceEntry]
    public let answered: Int
    public let chosen: [Int]

    public func share(_ option: Int) -> Double? {
        answered == 0 ? nil : Double(chosen[option]) / Double(answered)
    }

    /// Option indices, most chosen first (ties in questionnaire order).
    public var ranked: [Int] {
        options.indices.sorted { chosen[$0] != chosen[$1] ? chosen[$0] > chosen[$1] : $0 < $1 }
    }

    init(options: [ReferenceEntry], answered: Int, chosen: [Int]) {
        self.options = options
        self.answered = answered
        self.chosen = chosen
    }

    /// Counts of `itemID`'s options over `responses` — or only over those at the highest need
    /// level in the area of `highNeedIn` — nil when the instrument lacks the item. Not generic:
    /// called from other modules, a generic version ran unspecialised through witness tables.
    public init?(_ responses: [ScoredResponse], itemID: String, instrument: Instrument, highNeedIn slot: Int? = nil) {
        guard let multi = instrument.multiSelect(itemID) else { return nil }
        let options = multi.options
        let first = multi.slots.lowerBound
        var answered = 0
        var chosen = Array(repeating: 0, count: options.count)
        for response in responses {
            if let slot, response.values[slot] != NeedCounts.highLevel { continue }
            guard response.values[first] != nil else { continue }
            answered += 1
            response.values.countChosen(first: first, options: options.count, into: &chosen)
        }
        self.options = options
        self.answered = answered
        self.chosen = chosen
    }

    /// As `init(_:itemID:instrument:highNeedIn:)`, over a wave's table.
    public init?(_ table: ResponseTable, itemID: String, instrument: Instrument, highNeedIn slot: Int? = nil) {
        guard let multi = instrument.multiSelect(itemID) else { return nil }
        let options = multi.options
        let first = multi.slots.lowerBound
        var answered = 0
        var chosen = Array(repeating: 0, count: options.count)
        table.forEachRow { row in
            if let slot, row[slot] != NeedCounts.highLevel { return }
            guard row[first] != AnswerValues.missing else { return }
            answered += 1
            row.countChosen(first: first, options: options.count, into: &chosen)
        }
        self.options = options
        self.answered = answered
        self.chosen = chosen
    }
}

extension ResponseTable.Row {
    /// As `AnswerValues.countChosen`, in place.
    @inline(__always) func countChosen(first: Int, options: Int, into chosen: inout [Int], at offset: Int = 0) {
        for option in 0..<options where self[first + option] == 1 { chosen[offset + option] += 1 }
    }
}

extension AnswerValues {
    /// Adds one to `chosen[offset + option]` for each chosen option of the multi-select whose
    /// first slot is `first`: the one way every count of support forms is taken.
    @inline(__always) func countChosen(first: Int, options: Int, into chosen: inout [Int], at offset: Int = 0) {
        for option in 0..<options where self[first + option] == 1 { chosen[offset + option] += 1 }
    }
}
