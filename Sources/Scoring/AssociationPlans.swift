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
        plans(table: ResponseTable(responses, instrument: instrument), instrument: instrument, settings: settings)
    }

    public static func plans(table: ResponseTable, instrument: Instrument, settings: ScoringSettings) -> [AssociationPlan] {
        let everyone = OptionCounts(table, itemID: ItemID.supportForms, instrument: instrument)
        let learningAreas = DevelopmentPlan.learningAreaSlots(instrument)
        let tallies = LearningAreaTallies(table, learningAreas: learningAreas.map(\.slot), instrument: instrument)
        return learningAreas.indices.compactMap { index -> AssociationPlan? in
            let learningArea = learningAreas[index]
            guard tallies.members[index] >= settings.minGroupSize else { return nil }
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

/// What every learning area's plan needs, counted in one pass over the responses: its members,
/// their need levels per area, the support forms they chose, and the forms chosen by those of
/// them at the highest need in each area. Flat arrays: a pass per learning area and need area
/// (a filter, then four counts) was a third of scoring at national scale.
struct LearningAreaTallies {
    /// The support forms; nil when the instrument has no such question.
    let options: [ReferenceEntry]?
    let areaCount: Int
    private(set) var members: [Int]
    private var needAnswered: [Int]
    private var needHigh: [Int]
    private var needLevelSum: [Int]
    /// Per learning area: respondents who answered the forms question, and each form's choices.
    private var formsAnswered: [Int]
    private var formsChosen: [Int]
    /// Per learning area and need area, among members at the highest need there: likewise.
    private var highAnswered: [Int]
    private var highChosen: [Int]

    init(_ responses: [ScoredResponse], learningAreas: [Int], instrument: Instrument) {
        self.init(ResponseTable(responses, instrument: instrument), learningAreas: learningAreas, instrument: instrument)
    }

    init(_ table: ResponseTable, learningAreas: [Int], instrument: Instrument) {
        let multi = instrument.multiSelect(ItemID.supportForms)
        let needSlots = instrument.needSlots
        options = multi?.options
        areaCount = needSlots.count
        let groups = learningAreas.count
        let optionCount = options?.count ?? 0
        members = Array(repeating: 0, count: groups)
        needAnswered = Array(repeating: 0, count: groups * areaCount)
        needHigh = needAnswered
        needLevelSum = needAnswered
        formsAnswered = members
        formsChosen = Array(repeating: 0, count: groups * optionCount)
        highAnswered = needAnswered
        highChosen = Array(repeating: 0, count: groups * areaCount * optionCount)
        let first = multi?.slots.lowerBound ?? 0
        let hasForms = multi != nil
        let areaCount = areaCount
        table.forEachRow { row in
            for (group, memberSlot) in learningAreas.enumerated() where row[memberSlot] == 1 {
                members[group] += 1
                for (area, slot) in needSlots.enumerated() {
                    let level = row[slot]
                    guard level != AnswerValues.missing else { continue }
                    needAnswered[group * areaCount + area] += 1
                    needLevelSum[group * areaCount + area] += Int(level)
                    if level == NeedCounts.highLevel { needHigh[group * areaCount + area] += 1 }
                }
                guard hasForms, row[first] != AnswerValues.missing else { continue }
                formsAnswered[group] += 1
                row.countChosen(first: first, options: optionCount, into: &formsChosen, at: group * optionCount)
                for (area, slot) in needSlots.enumerated() where row[slot] == NeedCounts.highLevel {
                    let cell = group * areaCount + area
                    highAnswered[cell] += 1
                    row.countChosen(first: first, options: optionCount, into: &highChosen, at: cell * optionCount)
                }
            }
        }
    }

    /// The members' need counts, one entry per need area.
    func needs(of group: Int) -> [NeedCounts] {
        (0..<areaCount).map { area in
            let cell = group * areaCount + area
            return NeedCounts(answered: needAnswered[cell], high: needHigh[cell], levelSum: needLevelSum[cell])
        }
    }

    /// The members' choices of support forms — or only those of the members at the highest need
    /// in `area` — as `OptionCounts` counts them; nil when the instrument has no such question.
    func forms(of group: Int, highNeedIn area: Int? = nil) -> OptionCounts? {
        guard let options else { return nil }
        let count = options.count
        guard let area else {
            return OptionCounts(
                options: options, answered: formsAnswered[group], chosen: Array(formsChosen[group * count..<(group + 1) * count]))
        }
        let cell = group * areaCount + area
        return OptionCounts(options: options, answered: highAnswered[cell], chosen: Array(highChosen[cell * count..<(cell + 1) * count]))
    }
}
