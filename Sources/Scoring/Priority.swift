/// Weights of the priority components (SPEC 5 `priority_weights`).
public struct PriorityWeights: Hashable, Sendable {
    public var highNeed = 0.4
    public var intensity = 0.2
    public var gap = 0.2
    public var breadth = 0.1
    public var trend = 0.1
    /// Observed weakness in lesson observation (SPEC 12.2); 0 by default, so it changes no score.
    public var observed = 0.0

    public init() {}
}

/// The components of one need area's priority; nil components are dropped from the score.
public struct PriorityInput: Hashable, Sendable {
    public let areaID: String
    public let counts: NeedCounts
    public let breadth: Double?
    public let gap: Double?
    public let trend: Double?
    /// Share of weak observations in the domains that inform the area (SPEC 12.2), where published.
    public var observed: Double?

    public init(areaID: String, counts: NeedCounts, breadth: Double?, gap: Double?, trend: Double?) {
        self.areaID = areaID
        self.counts = counts
        self.breadth = breadth
        self.gap = gap
        self.trend = trend
    }
}

public struct Priority: Hashable, Sendable {
    public let input: PriorityInput
    public let rank: Int
    /// 0–100, one decimal; nil when nobody answered the area.
    public let score: Double?
    public let wilson: WilsonInterval?
    /// The Wilson interval does not overlap the neighbouring rank's (SPEC 7).
    public let stable: Bool

    public var highNeedShare: Double? { input.counts.highNeed.share }
    public var intensity: Double? { input.counts.intensity }
}

/// SPEC 7: score = 100 · Σ wₖcₖ / Σ wₖ over the components present, one decimal.
public func priorityScore(_ input: PriorityInput, weights: PriorityWeights) -> Double? {
    let components: [(Double, Double?)] = [
        (weights.highNeed, input.counts.highNeed.share),
        (weights.intensity, input.counts.intensity),
        (weights.gap, input.gap),
        (weights.breadth, input.breadth),
        (weights.trend, input.trend),
        (weights.observed, input.observed),
    ]
    let present = components.compactMap { weight, value in value.map { (weight, $0) } }
    let totalWeight = present.reduce(0) { $0 + $1.0 }
    guard totalWeight > 0 else { return nil }
    let score = 100 * present.reduce(0) { $0 + $1.0 * $1.1 } / totalWeight
    return roundedToTenth(score)
}

/// Half away from zero, the way a reader rounds by hand.
public func roundedToTenth(_ value: Double) -> Double {
    (value * 10).rounded(.toNearestOrAwayFromZero) / 10
}

/// Ranks areas by score, ties by high-need share then area id (SPEC 7). Areas nobody answered
/// have no score and are ranked last.
public func rankPriorities(_ inputs: [PriorityInput], weights: PriorityWeights) -> [Priority] {
    let scored = inputs.map { (input: $0, score: priorityScore($0, weights: weights) ?? -1) }
    let ordered = scored.sorted { a, b in
        if a.score != b.score { return a.score > b.score }
        let shareA = a.input.counts.highNeed.share ?? -1
        let shareB = b.input.counts.highNeed.share ?? -1
        if shareA != shareB { return shareA > shareB }
        return a.input.areaID < b.input.areaID
    }
    let intervals = ordered.map { $0.input.counts.highNeed.wilson }
    return ordered.enumerated().map { index, entry in
        // The last rank has no next one; it is compared with the rank above it.
        let neighbour = index + 1 < intervals.count ? index + 1 : index - 1
        var stable = false
        if let own = intervals[index], neighbour >= 0, let other = intervals[neighbour] {
            stable = !own.overlaps(other)
        }
        return Priority(
            input: entry.input, rank: index + 1, score: entry.score >= 0 ? entry.score : nil, wilson: intervals[index],
            stable: stable)
    }
}
