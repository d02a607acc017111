import AtbalstsCore

/// Answers to one need-area item within one group (SPEC 7: "answered" excludes blanks).
public struct NeedCounts: Hashable, Sendable {
    public var answered = 0
    /// Respondents at level 3, "Augsta".
    public var high = 0
    public var levelSum = 0

    public init(answered: Int = 0, high: Int = 0, levelSum: Int = 0) {
        self.answered = answered
        self.high = high
        self.levelSum = levelSum
    }

    public static let highLevel = 3

    public mutating func add(level: Int) {
        answered += 1
        levelSum += level
        if level == Self.highLevel { high += 1 }
    }

    public var highNeed: Proportion { Proportion(high, of: answered) }

    /// Mean level / 3, so that intensity lies in 0…1 like the other components.
    public var intensity: Double? {
        answered == 0 ? nil : Double(levelSum) / Double(answered) / Double(Self.highLevel)
    }
}

/// Need counts of a group of respondents: one entry per need area, in `slots` order.
public struct GroupNeeds: Sendable {
    public var respondents = 0
    public var areas: [NeedCounts]

    public init(areaCount: Int) { areas = Array(repeating: NeedCounts(), count: areaCount) }

    public init<S: Sequence>(_ responses: S, needSlots: [Int]) where S.Element == ScoredResponse {
        self.init(areaCount: needSlots.count)
        for response in responses { add(response.values, needSlots: needSlots) }
    }

    public mutating func add(_ values: AnswerValues, needSlots: [Int]) {
        respondents += 1
        for (area, slot) in needSlots.enumerated() {
            if let level = values[slot] { areas[area].add(level: level) }
        }
    }

    /// The need counts of every response of `table`.
    public init(_ table: ResponseTable, needSlots: [Int]) {
        var tally = NeedTally(groups: 1, needSlots: needSlots)
        table.forEachRow { tally.add($0, to: 0) }
        self = tally.needs(of: 0)
    }
}

/// `GroupNeeds` of several groups counted side by side in flat arrays, one pass over a table.
struct NeedTally {
    let needSlots: [Int]
    private(set) var respondents: [Int]
    private var answered: [Int]
    private var high: [Int]
    private var levelSum: [Int]

    init(groups: Int, needSlots: [Int]) {
        self.needSlots = needSlots
        respondents = Array(repeating: 0, count: groups)
        answered = Array(repeating: 0, count: groups * needSlots.count)
        high = answered
        levelSum = answered
    }

    @inline(__always) mutating func add(_ row: ResponseTable.Row, to group: Int) {
        respondents[group] += 1
        let first = group * needSlots.count
        for (area, slot) in needSlots.enumerated() {
            let level = row[slot]
            guard level != AnswerValues.missing else { continue }
            answered[first + area] += 1
            levelSum[first + area] += Int(level)
            if level == NeedCounts.highLevel { high[first + area] += 1 }
        }
    }

    func needs(of group: Int) -> GroupNeeds {
        var needs = GroupNeeds(areaCount: needSlots.count)
        needs.respondents = respondents[group]
        let first = group * needSlots.count
        for area in needSlots.indices {
            needs.areas[area] = NeedCounts(
                answered: answered[first + area], high: high[first + area], levelSum: levelSum[first + area])
        }
        return needs
    }

    /// All groups together.
    var total: GroupNeeds {
        var needs = GroupNeeds(areaCount: needSlots.count)
        for group in respondents.indices {
            let part = self.needs(of: group)
            needs.respondents += part.respondents
            for area in needSlots.indices {
                needs.areas[area].answered += part.areas[area].answered
                needs.areas[area].high += part.areas[area].high
                needs.areas[area].levelSum += part.areas[area].levelSum
            }
        }
        return needs
    }
}

/// SPEC 7 breadth: among institutions whose high-need share for the area is published (SPEC 8:
/// enough people answered *that* area, not hidden for another), the share whose high-need share
/// reaches `threshold`. nil when no institution's share is published.
public func breadth(
    area: Int, institutions: [GroupNeeds], published: [CellStatus], threshold: Double
) -> Double? {
    let eligible = institutions.indices.filter { published[$0] == .shown }
    guard !eligible.isEmpty else { return nil }
    let wide = eligible.filter { (institutions[$0].areas[area].highNeed.share ?? -1) >= threshold }
    return Double(wide.count) / Double(eligible.count)
}

/// SPEC 7 trend: growth of the high-need share since the previous wave; never negative.
public func trend(current: Double?, previous: Double?) -> Double? {
    guard let current, let previous else { return nil }
    return max(0, current - previous)
}
