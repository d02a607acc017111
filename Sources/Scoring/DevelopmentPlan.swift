import AtbalstsCore

/// One line of the draft professional development plan (SPEC 10 Pilnveides plāns).
public struct PlanRow: Sendable {
    public let priority: Priority
    /// Institutions with enough respondents whose high-need share reaches the threshold, highest first.
    public let targetInstitutions: [String]
    /// Learning-area ids, likewise.
    public let targetLearningAreas: [String]
    /// Respondents at level "Augsta" in the area.
    public let teachersInNeed: Int
    /// Support-form ids most preferred by those teachers (or by everyone, when they are too few).
    public let forms: [String]
    public let term: Wave
}

public enum DevelopmentPlan {
    public static let targetsPerRow = 3
    public static let learningAreasPerRow = 2
    public static let formsPerRow = 2

    public static func rows(
        priorities: [Priority], top: Int, responses: [ScoredResponse], needs: NeedIndicators,
        instrument: Instrument, settings: ScoringSettings, wave: Wave
    ) -> [PlanRow] {
        rows(
            priorities: priorities, top: top,
            tallies: LearningAreaTallies(ResponseTable(responses, instrument: instrument), instrument: instrument),
            needs: needs, instrument: instrument, settings: settings, wave: wave)
    }

    /// - Parameter tallies: the wave's, over the instrument's learning areas: they hold each
    ///   area's need among the teachers of each learning area, the teachers at its highest level,
    ///   and the forms those of them who answered that question chose.
    public static func rows(
        priorities: [Priority], top: Int, tallies: LearningAreaTallies, needs: NeedIndicators,
        instrument: Instrument, settings: ScoringSettings, wave: Wave
    ) -> [PlanRow] {
        let learningAreas = learningAreaSlots(instrument)
        let everyone = tallies.everyonesForms()
        return priorities.prefix(top).map { priority in
            let area = instrument.needAreas.firstIndex { $0.id == priority.input.areaID }!
            let threshold = settings.highNeedBreadthThreshold
            var institutions: [(String, Double)] = []
            for row in needs.institutions where row.areaStatus[area] == .shown {
                if let share = row.needs.areas[area].highNeed.share, share >= threshold {
                    institutions.append((row.institution.code, share))
                }
            }
            var areas: [(String, Double)] = []
            for index in learningAreas.indices {
                let counts = tallies.need(of: index, area: area)
                if counts.answered >= settings.minGroupSize, let share = counts.highNeed.share, share >= threshold {
                    areas.append((learningAreas[index].id, share))
                }
            }
            institutions.sort(by: Self.highestFirst)
            areas.sort(by: Self.highestFirst)
            var preferred = tallies.everyonesForms(highNeedIn: area)
            if (preferred?.answered ?? 0) < settings.minGroupSize { preferred = everyone }
            return PlanRow(
                priority: priority, targetInstitutions: institutions.prefix(targetsPerRow).map(\.0),
                targetLearningAreas: areas.prefix(learningAreasPerRow).map(\.0),
                teachersInNeed: tallies.need(of: tallies.everyone, area: area).high,
                forms: preferred.map { counts in counts.ranked.prefix(formsPerRow).map { counts.options[$0].id } } ?? [],
                term: proposedTerm(after: wave, rank: priority.rank))
        }
    }

    static func highestFirst(_ a: (String, Double), _ b: (String, Double)) -> Bool {
        a.1 != b.1 ? a.1 > b.1 : a.0 < b.0
    }

    /// The first three priorities start the term after the wave; the rest the term after that.
    public static func proposedTerm(after wave: Wave, rank: Int) -> Wave {
        let next = wave.next
        return rank <= 3 ? next : next.next
    }

    /// Each learning area's id and the slot that says a respondent teaches in it.
    static func learningAreaSlots(_ instrument: Instrument) -> [(id: String, slot: Int)] {
        guard let multi = instrument.multiSelect(ItemID.learningAreas) else { return [] }
        return zip(multi.options, multi.slots).map { ($0.id, $1) }
    }
}
