import AtbalstsCore

/// One line of an association's draft work plan: a need area the learning area's teachers rank
/// high, and the direction of the forms they prefer for it.
public struct AssociationAction: Sendable {
    public let needArea: String
    /// 1 for the learning area's highest need, 2 for the next…
    public let needRank: Int
    public let direction: WorkDirection
    /// Support-form ids, most preferred first, that all serve `direction`.
    public let forms: [String]
}

/// The draft work plan of one methodological association (one learning area).
public struct AssociationPlan: Sendable {
    public let learningArea: String
    public let actions: [AssociationAction]
}

/// SPEC 12.1 MA plāni: per learning area with at least `minGroupSize` respondents, its teachers'
/// highest needs (high-need share, then intensity, SPEC 7; only areas at least `minGroupSize` of
/// them answered), each turned into actions by the forms they prefer. A learning area with fewer
/// respondents gets no plan (SPEC 8): not even which one is left out is said with a number.
public enum AssociationPlans {
    public static let needsPerPlan = 3
    public static let formsPerNeed = 2

    public static func plans(responses: [ScoredResponse], instrument: Instrument, settings: ScoringSettings) -> [AssociationPlan] {
        plans(
            tallies: LearningAreaTallies(ResponseTable(responses, instrument: instrument), instrument: instrument),
            instrument: instrument, settings: settings)
    }

    /// - Parameter tallies: the wave's, over the instrument's learning areas.
    public static func plans(tallies: LearningAreaTallies, instrument: Instrument, settings: ScoringSettings) -> [AssociationPlan] {
        let everyone = tallies.everyonesForms()
        let learningAreas = DevelopmentPlan.learningAreaSlots(instrument)
        return learningAreas.indices.compactMap { index -> AssociationPlan? in
            let learningArea = learningAreas[index]
            guard tallies.members(index) >= settings.minGroupSize else { return nil }
            let ownForms = tallies.forms(of: index)
            var actions: [AssociationAction] = []
            for (rank, area) in topNeeds(tallies.needs(of: index), minGroupSize: settings.minGroupSize).enumerated() {
                var preferred = tallies.forms(of: index, highNeedIn: area)
                if (preferred?.answered ?? 0) < settings.minGroupSize { preferred = ownForms }
                if (preferred?.answered ?? 0) < settings.minGroupSize { preferred = everyone }
                let forms =
                    preferred.map { counts in
                        counts.ranked.filter { counts.chosen[$0] > 0 }.prefix(formsPerNeed).map { counts.options[$0].id }
                    } ?? []
                let needArea = instrument.needAreas[area].id
                guard !forms.isEmpty else {
                    actions.append(AssociationAction(needArea: needArea, needRank: rank + 1, direction: .informative, forms: []))
                    continue
                }
                var directions: [WorkDirection] = []
                for form in forms where !directions.contains(WorkDirection.of(supportForm: form)) {
                    directions.append(WorkDirection.of(supportForm: form))
                }
                for direction in directions {
                    actions.append(
                        AssociationAction(
                            needArea: needArea, needRank: rank + 1, direction: direction,
                            forms: forms.filter { WorkDirection.of(supportForm: $0) == direction }))
                }
            }
            // Laid out as municipal plans are: by direction, then by how high the need ranks.
            let order = Dictionary(uniqueKeysWithValues: WorkDirection.allCases.enumerated().map { ($1, $0) })
            actions.sort { a, b in
                a.direction != b.direction ? order[a.direction]! < order[b.direction]! : a.needRank < b.needRank
            }
            return AssociationPlan(learningArea: learningArea.id, actions: actions)
        }
    }

    /// Indices of the need areas a group ranks highest: high-need share, then intensity, then
    /// the instrument's order; only areas at least `minGroupSize` of the group answered.
    static func topNeeds(_ counts: [NeedCounts], minGroupSize: Int) -> [Int] {
        let ranked = counts.indices.filter { counts[$0].answered >= minGroupSize }.sorted { a, b in
            let (x, y) = (counts[a], counts[b])
            if x.highNeed.share != y.highNeed.share { return x.highNeed.share! > y.highNeed.share! }
            if x.intensity != y.intensity { return x.intensity! > y.intensity! }
            return a < b
        }
        return Array(ranked.prefix(needsPerPlan))
    }

    /// The high-need share in `needArea` among the teachers of `learningArea`, with how it may be
    /// shown (SPEC 8: at least `minGroupSize` answers, no 0 % or 100 % in a group under twice that).
    public static func share(
        of needArea: String, in learningArea: String, responses: [ScoredResponse], instrument: Instrument, minGroupSize: Int
    ) -> (share: Proportion, status: CellStatus)? {
        guard let area = instrument.needAreas.firstIndex(where: { $0.id == needArea }),
            let member = DevelopmentPlan.learningAreaSlots(instrument).first(where: { $0.id == learningArea })
        else { return nil }
        var counts = NeedCounts()
        for response in responses where response.values[member.slot] == 1 {
            if let level = response.values[instrument.needSlots[area]] { counts.add(level: level) }
        }
        let status = disclosedTotal(CellCounts(answered: counts.answered, yes: counts.high), minGroupSize: minGroupSize)
        return (counts.highNeed, status)
    }
}
