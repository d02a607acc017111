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
        tally.count(table) { _ in 0 }
        self = tally.needs(of: 0)
    }
}

/// `GroupNeeds` of several groups counted side by side in flat arrays, one pass over a table.
struct NeedTally {
    let needSlots: [Int]
    /// Per group: respondents, then answered, high and level sum per need area.
    private var counts: [Int]
    private let stride: Int

    init(groups: Int, needSlots: [Int]) {
        self.init(needSlots: needSlots, counts: Array(repeating: 0, count: groups * Self.stride(areaCount: needSlots.count)))
    }

    /// Counts laid out as `count(_:group:)` lays them out, counted elsewhere.
    init(needSlots: [Int], counts: [Int]) {
        self.needSlots = needSlots
        stride = Self.stride(areaCount: needSlots.count)
        self.counts = counts
    }

    /// Per group: respondents, then answered, high and level sum per need area.
    static func stride(areaCount: Int) -> Int { 1 + 3 * areaCount }

    /// Adds every response of `table` to the group `group` gives it.
    @inline(__always) mutating func count(_ table: ResponseTable, group: (ResponseTable.Row) -> Int) {
        let (needSlots, stride) = (self.needSlots, self.stride)
        let areaCount = needSlots.count
        let highLevel = Int16(NeedCounts.highLevel)
        counts.withUnsafeMutableBufferPointer { counts in
            needSlots.withUnsafeBufferPointer { needSlots in
                // Wrapping adds: a count of respondents cannot overflow Int, and unchecked they vectorize.
                table.forEachRow { row in
                    let base = group(row) * stride
                    counts[base] &+= 1
                    for area in 0..<areaCount {
                        let level = row[needSlots[area]]
                        let answered = level != AnswerValues.missing
                        counts[base + 1 + area] &+= answered ? 1 : 0
                        counts[base + 1 + areaCount + area] &+= level == highLevel ? 1 : 0
                        counts[base + 1 + 2 * areaCount + area] &+= answered ? Int(level) : 0
                    }
                }
            }
        }
    }

    var groups: Int { counts.count / stride }

    func needs(of group: Int) -> GroupNeeds {
        let base = group * stride
        let areaCount = needSlots.count
        var needs = GroupNeeds(areaCount: areaCount)
        needs.respondents = counts[base]
        for area in 0..<areaCount {
            needs.areas[area] = NeedCounts(
                answered: counts[base + 1 + area], high: counts[base + 1 + areaCount + area],
                levelSum: counts[base + 1 + 2 * areaCount + area])
        }
        return needs
    }

    /// All groups together.
    var total: GroupNeeds {
        var needs = GroupNeeds(areaCount: needSlots.count)
        for group in 0..<groups {
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
