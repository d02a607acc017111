import AtbalstsCore

/// One way of splitting respondents into groups (SPEC 2 "group").
public enum Dimension: String, Sendable, CaseIterable {
    case municipality, institution, role, learningArea = "learning_area", experience
}

/// A group's wellbeing and whether it is too small to show (SPEC 8, primary and secondary).
public struct WellbeingGroup: Sendable {
    public let key: String
    public let label: Bilingual
    public let summary: WellbeingSummary
    public let suppressed: Bool

    public init(key: String, label: Bilingual, summary: WellbeingSummary, suppressed: Bool) {
        self.key = key
        self.label = label
        self.summary = summary
        self.suppressed = suppressed
    }
}

public struct WellbeingBreakdown: Sendable {
    public let dimension: Dimension
    public let groups: [WellbeingGroup]
}

/// Reliability of one multi-item scale (SPEC 7: reported in the methodology).
public struct ScaleReliability: Sendable, Hashable {
    public let scale: String
    public let items: Int
    public let alpha: Double?
    public let completeCases: Int
}

/// The wellbeing numbers of one wave (SPEC 7), per municipality, institution, role, learning area
/// and experience band.
public struct WellbeingIndicators: Sendable {
    public let available: Bool
    public let municipality: WellbeingSummary
    public let breakdowns: [WellbeingBreakdown]
    public let reliability: [ScaleReliability]
    public let stressSources: [ReferenceEntry]

    public init(
        responses: [ScoredResponse], register: [Institution], instrument: Instrument, settings: ScoringSettings
    ) {
        let slots = WellbeingSlots(instrument: instrument)
        available = slots.isComplete
        stressSources = instrument.items.filter { $0.group == "stress_source" }.compactMap { item in
            item.row.map { ReferenceEntry(id: $0, label: Bilingual(lv: item.rowLabel, en: item.englishName)) }
        }
        let sourceCount = slots.stressSources.count
        let scores = responses.map { WellbeingScores($0.values, slots: slots) }

        var municipality = WellbeingSummary(sourceCount: sourceCount)
        scores.forEach { municipality.add($0) }
        self.municipality = municipality

        // Each breakdown adds a response to its groups by position: no per-response arrays or
        // String keys, which at national scale (30,000 × 4 breakdowns) cost more than the sums.
        func breakdown(
            _ dimension: Dimension, _ keys: [(String, Bilingual)],
            groups: (ScoredResponse, (Int) -> Void) -> Void
        ) -> WellbeingBreakdown {
            var summaries = Array(repeating: WellbeingSummary(sourceCount: sourceCount), count: keys.count)
            for (response, score) in zip(responses, scores) {
                groups(response) { summaries[$0].add(score) }
            }
            let hidden = suppressedCells(groupSizes: summaries.map(\.respondents), minGroupSize: settings.minGroupSize)
            return WellbeingBreakdown(
                dimension: dimension,
                groups: keys.indices.map { index in
                    WellbeingGroup(key: keys[index].0, label: keys[index].1, summary: summaries[index], suppressed: hidden[index])
                })
        }

        var position: [String: Int] = [:]
        for (index, institution) in register.enumerated() where position[institution.code] == nil {
            position[institution.code] = index
        }
        var breakdowns = [
            breakdown(.institution, register.map { ($0.code, Bilingual(lv: $0.name, en: $0.name)) }) { response, add in
                if let index = position[response.institution] { add(index) }
            }
        ]
        for (dimension, itemID) in [(Dimension.role, "role"), (.experience, "experience")] {
            guard let slot = instrument.slotIndex(itemID), let scale = instrument.item(itemID)?.scale else { continue }
            let values = scale.options.map(\.value)
            breakdowns.append(
                breakdown(dimension, scale.options.map { (String($0.value), $0.label) }) { response, add in
                    if let value = response.values[slot], let index = values.firstIndex(of: value) { add(index) }
                })
        }
        if let item = instrument.items.firstIndex(where: { $0.id == "learning_areas" }),
           case .multi(let options) = instrument.items[item].kind
        {
            let first = instrument.slots.firstIndex { $0.itemIndex == item }!
            breakdowns.append(
                breakdown(.learningArea, options.map { ($0.id, $0.label) }) { response, add in
                    for option in options.indices where response.values[first + option] == 1 { add(option) }
                })
        }
        self.breakdowns = breakdowns

        let needSlots = instrument.needSlots.filter { $0 >= 0 }
        let reversedNone = [Bool](repeating: false, count: needSlots.count)
        reliability = [("who5", slots.who5, [Bool](repeating: false, count: slots.who5.count)),
                       ("cbi", slots.cbi, slots.cbiReversed), ("need", needSlots, reversedNone)]
            .map { name, scaleSlots, reversed in
                let complete = CompleteCases(responses, slots: scaleSlots, reversed: reversed)
                return ScaleReliability(
                    scale: name, items: scaleSlots.count, alpha: complete.alpha, completeCases: complete.count)
            }
    }
}

/// SPEC 8 for one measure down a breakdown: a cell is hidden when its group is, or when fewer than
/// `minGroupSize` people answered it; a lone hidden cell takes the next smallest with it.
public func suppressedMeasure(groups: [WellbeingGroup], count: (WellbeingSummary) -> Int, minGroupSize: Int) -> [Bool] {
    suppressedCells(
        groupSizes: groups.map { $0.suppressed ? 0 : count($0.summary) }, minGroupSize: minGroupSize)
}
