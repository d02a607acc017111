import AtbalstsCore

/// One way of splitting respondents into groups (SPEC 2 "group").
public enum Dimension: String, Sendable, CaseIterable {
    case municipality, institution, role
    case learningArea = "learning_area"
    case experience
}

/// One column of the wellbeing tables (SPEC 7), and what its cell rests on (SPEC 8).
public enum WellbeingMeasure: Hashable, Sendable {
    case who5, poorWellbeing, depressionScreen, cbi, highBurnout, stressed, afterHours
    case stressSource(Int)

    public static func all(sourceCount: Int) -> [WellbeingMeasure] {
        [.who5, .poorWellbeing, .depressionScreen, .cbi, .highBurnout, .stressed, .afterHours]
            + (0..<sourceCount).map { .stressSource($0) }
    }

    /// The people who answered, and for a share how many of them have the attribute.
    public func counts(_ summary: WellbeingSummary) -> CellCounts {
        switch self {
        case .who5: CellCounts(answered: summary.who5.count)
        case .cbi: CellCounts(answered: summary.cbi.count)
        case .poorWellbeing: Self.counts(summary.poorWellbeing)
        case .depressionScreen: Self.counts(summary.depressionScreen)
        case .highBurnout: Self.counts(summary.highBurnout)
        case .stressed: Self.counts(summary.stressed)
        case .afterHours: Self.counts(summary.afterHoursWeekly)
        case .stressSource(let index): Self.counts(summary.stressSources[index])
        }
    }

    private static func counts(_ share: Share) -> CellCounts { CellCounts(answered: share.answered, yes: share.yes) }
}

/// A group's wellbeing and what of it may be shown (SPEC 8).
public struct WellbeingGroup: Sendable {
    public let key: String
    public let label: Bilingual
    public let summary: WellbeingSummary
    /// The group's n, decided over its breakdown.
    public let status: CellStatus
    /// Per measure, decided over the column of its breakdown.
    public let cells: [WellbeingMeasure: CellStatus]

    public var suppressed: Bool { status.isHidden }

    public init(
        key: String, label: Bilingual, summary: WellbeingSummary, status: CellStatus, cells: [WellbeingMeasure: CellStatus]
    ) {
        self.key = key
        self.label = label
        self.summary = summary
        self.status = status
        self.cells = cells
    }

    /// A total with no breakdown around it: primary and extremes only; `asked` from the wave.
    public init(total summary: WellbeingSummary, key: String, label: Bilingual, asked: WellbeingSummary, minGroupSize: Int) {
        let measures = WellbeingMeasure.all(sourceCount: summary.stressSources.count)
        self.init(
            key: key, label: label, summary: summary,
            status: disclosedTotal(CellCounts(answered: summary.respondents), minGroupSize: minGroupSize),
            cells: Dictionary(
                uniqueKeysWithValues: measures.map { measure in
                    (
                        measure,
                        disclosedTotal(
                            measure.counts(summary), minGroupSize: minGroupSize, asked: measure.counts(asked).answered > 0)
                    )
                }))
    }
}

public struct WellbeingBreakdown: Sendable {
    public let dimension: Dimension
    public let groups: [WellbeingGroup]

    public init(dimension: Dimension, groups: [WellbeingGroup]) {
        self.dimension = dimension
        self.groups = groups
    }
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
    /// The instrument has the wellbeing block and someone in the wave answered it.
    public let available: Bool
    public let municipality: WellbeingSummary
    /// The measures some respondent of the wave answered; the others show "not asked".
    public let asked: Set<WellbeingMeasure>
    public let breakdowns: [WellbeingBreakdown]
    public let reliability: [ScaleReliability]
    public let stressSources: [ReferenceEntry]

    public init(
        responses: [ScoredResponse], register: [Institution], instrument: Instrument, settings: ScoringSettings,
        wave: WellbeingSummary? = nil
    ) {
        self.init(
            table: ResponseTable(responses, instrument: instrument), register: register, instrument: instrument,
            settings: settings, wave: wave)
    }

    public init(
        table: ResponseTable, register: [Institution], instrument: Instrument, settings: ScoringSettings,
        wave: WellbeingSummary? = nil
    ) {
        let slots = WellbeingSlots(instrument: instrument)
        stressSources = instrument.items.filter { $0.group == ItemID.stressSource }.compactMap { item in
            item.row.map { ReferenceEntry(id: $0, label: Bilingual(lv: item.rowLabel, en: item.englishName)) }
        }
        let sourceCount = slots.stressSources.count

        // Each breakdown's groups by position in one tally, group 0 the municipality: every
        // response is scored once and added to its groups in one pass (issue 19).
        typealias Grouping = (dimension: Dimension, keys: [(String, Bilingual)], first: Int)
        var groupings: [Grouping] = []
        var groupCount = 1
        func grouping(_ dimension: Dimension, _ keys: [(String, Bilingual)]) -> Int {
            groupings.append((dimension, keys, groupCount))
            groupCount += keys.count
            return groupings.last!.first
        }
        let institutionFirst = grouping(.institution, register.map { ($0.code, Bilingual(lv: $0.name, en: $0.name)) })
        // A code named twice in the register counts in its first row only.
        let institutionOf = table.firstPositions(in: register.map(\.code))
        var scales: [(slot: Int, values: [Int], first: Int)] = []
        for (dimension, itemID) in [(Dimension.role, ItemID.role), (.experience, ItemID.experience)] {
            guard let slot = instrument.slotIndex(itemID), let scale = instrument.item(itemID)?.scale else { continue }
            let first = grouping(dimension, scale.options.map { (String($0.value), $0.label) })
            scales.append((slot, scale.options.map(\.value), first))
        }
        let multi = instrument.multiSelect(ItemID.learningAreas)
        let learningAreaFirst = multi.map { multi in grouping(.learningArea, multi.options.map { ($0.id, $0.label) }) }
        let learningAreaSlots = multi.map { Array($0.slots) } ?? []

        var tally = WellbeingTally(slots: slots, groups: groupCount)
        tally.count(table) { row, add in
            add(0)
            let institution = institutionOf[row.institution]
            if institution >= 0 { add(institutionFirst + institution) }
            for scale in scales {
                if let value = row.value(scale.slot), let index = scale.values.firstIndex(of: value) {
                    add(scale.first + index)
                }
            }
            if let learningAreaFirst {
                for (option, slot) in learningAreaSlots.enumerated() where row[slot] == 1 {
                    add(learningAreaFirst + option)
                }
            }
        }

        let municipality = tally.summary(of: 0)
        self.municipality = municipality
        // "Not asked" is decided over the wave, not inside one institution (SPEC 8).
        let askedIn = wave ?? municipality
        let minGroup = settings.minGroupSize
        let measures = WellbeingMeasure.all(sourceCount: sourceCount)
        asked = Set(measures.filter { $0.counts(askedIn).answered > 0 })
        // A questionnaire without the wellbeing block has nothing to show: the sheet says so
        // instead of a page of marks (issue 13).
        available = slots.isComplete && !asked.isEmpty

        breakdowns = groupings.map { dimension, keys, first in
            let summaries = tally.summaries(first..<(first + keys.count))
            let rows = disclosedCells(summaries.map { CellCounts(answered: $0.respondents) }, minGroupSize: minGroup)
            let columns = measures.map { measure in
                disclosedMeasure(
                    summaries.map { measure.counts($0) }, rows: rows, minGroupSize: minGroup,
                    asked: measure.counts(askedIn).answered > 0)
            }
            return WellbeingBreakdown(
                dimension: dimension,
                groups: keys.indices.map { index in
                    WellbeingGroup(
                        key: keys[index].0, label: keys[index].1, summary: summaries[index], status: rows[index],
                        cells: Dictionary(uniqueKeysWithValues: measures.indices.map { (measures[$0], columns[$0][index]) }))
                })
        }

        let needSlots = instrument.needSlots
        let reversedNone = [Bool](repeating: false, count: needSlots.count)
        let reliabilityScales = [
            (ItemID.who5, slots.who5, [Bool](repeating: false, count: slots.who5.count)),
            (ItemID.cbi, slots.cbi, slots.cbiReversed), (ItemID.needGroup, needSlots, reversedNone),
        ]
        let complete = CompleteCases.scales(table, reliabilityScales.map { ($0.1, $0.2) })
        reliability = zip(reliabilityScales, complete).map { scale, complete in
            ScaleReliability(scale: scale.0, items: scale.1.count, alpha: complete.alpha, completeCases: complete.count)
        }
    }
}
