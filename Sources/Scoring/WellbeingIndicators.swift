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

        func breakdown(
            _ dimension: Dimension, _ keys: [(String, Bilingual)], membership: (ScoredResponse) -> [String]
        ) -> WellbeingBreakdown {
            var summaries = Dictionary(uniqueKeysWithValues: keys.map { ($0.0, WellbeingSummary(sourceCount: sourceCount)) })
            for (response, score) in zip(responses, scores) {
                for key in membership(response) where summaries[key] != nil { summaries[key]!.add(score) }
            }
            let sizes = keys.map { summaries[$0.0]!.respondents }
            let hidden = suppressedCells(groupSizes: sizes, minGroupSize: settings.minGroupSize)
            return WellbeingBreakdown(
                dimension: dimension,
                groups: keys.indices.map { index in
                    WellbeingGroup(
                        key: keys[index].0, label: keys[index].1, summary: summaries[keys[index].0]!,
                        suppressed: hidden[index])
                })
        }

        var breakdowns = [
            breakdown(.institution, register.map { ($0.code, Bilingual(lv: $0.name, en: $0.name)) }) { [$0.institution] }
        ]
        for (dimension, itemID) in [(Dimension.role, "role"), (.experience, "experience")] {
            guard let slot = instrument.slotIndex(itemID), let scale = instrument.item(itemID)?.scale else { continue }
            breakdowns.append(
                breakdown(dimension, scale.options.map { (String($0.value), $0.label) }) { response in
                    response.values[slot].map { [String($0)] } ?? []
                })
        }
        if let item = instrument.items.firstIndex(where: { $0.id == "learning_areas" }),
           case .multi(let options) = instrument.items[item].kind
        {
            let first = instrument.slots.firstIndex { $0.itemIndex == item }!
            breakdowns.append(
                breakdown(.learningArea, options.map { ($0.id, $0.label) }) { response in
                    options.indices.filter { response.values[first + $0] == 1 }.map { options[$0].id }
                })
        }
        self.breakdowns = breakdowns

        let needSlots = instrument.needSlots.filter { $0 >= 0 }
        func rows(_ slotList: [Int], reversed: [Bool]? = nil) -> [[Double?]] {
            responses.map { response in
                slotList.enumerated().map { index, slot in
                    response.values[slot].map { Double(reversed?[index] == true ? 100 - $0 : $0) }
                }
            }
        }
        reliability = [
            ("who5", rows(slots.who5)), ("cbi", rows(slots.cbi, reversed: slots.cbiReversed)), ("need", rows(needSlots)),
        ].map { name, data in
            // Counted here, not taken from the alpha result: when alpha is undefined (no variance,
            // one case) the sheet must still say how many complete answers there were.
            let complete = data.count { row in row.allSatisfy { $0 != nil } }
            return ScaleReliability(
                scale: name, items: data.first?.count ?? 0, alpha: cronbachAlpha(data)?.alpha, completeCases: complete)
        }
    }
}

/// SPEC 8 for one measure down a breakdown: a cell is hidden when its group is, or when fewer than
/// `minGroupSize` people answered it; a lone hidden cell takes the next smallest with it.
public func suppressedMeasure(groups: [WellbeingGroup], count: (WellbeingSummary) -> Int, minGroupSize: Int) -> [Bool] {
    suppressedCells(
        groupSizes: groups.map { $0.suppressed ? 0 : count($0.summary) }, minGroupSize: minGroupSize)
}
