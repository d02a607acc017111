import AtbalstsCore

/// Distinct texts with how often each was seen, in first-seen order.
public struct ValueCounts: Sendable, Equatable {
    public private(set) var counts: [String: Int] = [:]
    private var order: [String] = []

    public init() {}

    public mutating func add(_ value: String, count: Int = 1) {
        if counts[value] == nil { order.append(value) }
        counts[value, default: 0] += count
    }

    public var total: Int { counts.values.reduce(0, +) }
    public var isEmpty: Bool { order.isEmpty }

    /// Most frequent first; ties in first-seen order.
    public var ranked: [(value: String, count: Int)] {
        order.enumerated()
            .sorted { (counts[$0.element]!, -$0.offset) > (counts[$1.element]!, -$1.offset) }
            .map { ($0.element, counts[$0.element]!) }
    }
}

/// What reading one file found beyond accepted and quarantined rows: the material for the loud
/// failure (SPEC 9), the data-quality sheet and `atbalsts check PIPELINE --suggest`.
public struct ReadFindings: Sendable {
    /// Per item id: the answers that matched no label (multi-select: the unknown parts).
    public var unreadable: [String: ValueCounts] = [:]
    /// Per item id: how many answers could not be read (the share's numerator).
    public var unreadableCount: [String: Int] = [:]
    /// Per item id: non-blank answers (the share's denominator).
    public var answered: [String: Int] = [:]
    /// Every unreadable answer with its line, for storage.
    public var unreadableAnswers: [UnreadableAnswer] = []
    /// Institution names as typed that match no register code, name, alias or `institutions:` entry.
    public var unknownInstitutions = ValueCounts()
    /// Instrument items with no column that `not_asked` does not name.
    public var missingItems: [String] = []
    /// Headers that answer no item (the candidates for a missing item).
    public var unmappedHeaders: [String] = []
    /// Submission dates outside the wave's term (`yyyy-MM-dd`).
    public var datesOutsideTerm = ValueCounts()
    /// Submission times that could not be read (kept as no time, noted).
    public var unreadableTimes = ValueCounts()
    /// Item ids in instrument order that have unreadable answers.
    public var unreadableItems: [String] { unreadableCount.keys.sorted() }

    public init() {}

    /// `counting` false: the row is quarantined anyway; its values are noted for suggestions only.
    mutating func noteUnreadable(line: Int, itemID: String, column: String, whole: String, parts: [String], counting: Bool) {
        var counts = unreadable[itemID] ?? ValueCounts()
        for part in parts { counts.add(part) }
        unreadable[itemID] = counts
        guard counting else { return }
        unreadableCount[itemID, default: 0] += 1
        unreadableAnswers.append(UnreadableAnswer(line: line, itemID: itemID, column: column, value: whole))
    }
}
