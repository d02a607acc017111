import AtbalstsCore

/// What the wave's plans need, counted in one pass over its table: per learning area — and for
/// everyone, as one more group — the members, their need levels per area, the support forms they
/// chose, and the forms chosen by those of them at the highest need in each area. One pass
/// instead of one per plan row, association and option count (issue 19), each response's chosen
/// forms and need levels read once however many groups it is in. The same pass counts each
/// institution's needs for `NeedIndicators`, from the need levels it has read anyway.
public struct LearningAreaTallies: Sendable {
    /// The support forms; nil when the instrument has no such question.
    let options: [ReferenceEntry]?
    let areaCount: Int
    /// The learning areas' groups are numbered as `learningAreas` was; `everyone` comes last.
    let everyone: Int
    private let optionCount: Int
    /// Need counts per entry of the table's `institutionCodes`.
    let institutionNeeds: NeedTally
    /// Flat counts, laid out by `Section`.
    private let counts: [Int]

    /// One section of `counts` per kind of count, each indexed by group (then need area, then form).
    private enum Section: Int, CaseIterable {
        case members, formsAnswered, needAnswered, needHigh, needLevelSum, highAnswered, formsChosen, highChosen
        /// Laid out as `NeedTally` lays out its counts.
        case institutionNeeds
    }
    private let sectionStart: [Int]

    /// Over the instrument's learning areas (`DevelopmentPlan.learningAreaSlots`).
    public init(_ table: ResponseTable, instrument: Instrument) {
        self.init(table, learningAreas: DevelopmentPlan.learningAreaSlots(instrument).map(\.slot), instrument: instrument)
    }

    init(_ responses: [ScoredResponse], learningAreas: [Int], instrument: Instrument) {
        self.init(ResponseTable(responses, instrument: instrument), learningAreas: learningAreas, instrument: instrument)
    }

    init(_ table: ResponseTable, learningAreas: [Int], instrument: Instrument) {
        let multi = instrument.multiSelect(ItemID.supportForms)
        let needSlots = instrument.needSlots
        let areaCount = needSlots.count
        let optionCount = multi?.options.count ?? 0
        let groups = learningAreas.count + 1
        let everyone = learningAreas.count
        let sizes: [Section: Int] = [
            .members: groups, .formsAnswered: groups, .needAnswered: groups * areaCount, .needHigh: groups * areaCount,
            .needLevelSum: groups * areaCount, .highAnswered: groups * areaCount, .formsChosen: groups * optionCount,
            .highChosen: groups * areaCount * optionCount,
            .institutionNeeds: table.institutionCodes.count * NeedTally.stride(areaCount: areaCount),
        ]
        var sectionStart: [Int] = []
        var total = 0
        for section in Section.allCases {
            sectionStart.append(total)
            total += sizes[section]!
        }
        var counts = [Int](repeating: 0, count: total)
        let hasForms = multi != nil
        let highLevel = Int16(NeedCounts.highLevel)
        let first = multi?.slots.lowerBound ?? 0
        counts.withUnsafeMutableBufferPointer { counts in
            // One response's groups, chosen forms, need levels and areas at the highest level.
            let scratch = UnsafeMutablePointer<Int>.allocate(capacity: 2 * groups + optionCount + 5 * areaCount)
            defer { scratch.deallocate() }
            // The slots, read per response without bounds checks.
            let memberSlots = scratch
            let areaSlots = memberSlots + groups
            memberSlots.initialize(from: learningAreas, count: learningAreas.count)
            areaSlots.initialize(from: needSlots, count: areaCount)
            let groupList = areaSlots + areaCount
            let chosenList = groupList + groups
            let highList = chosenList + optionCount
            // Per need area, what the response adds to each group's counts: branch-free sums.
            let answeredAdds = highList + areaCount
            let highAdds = answeredAdds + areaCount
            let levelAdds = highAdds + areaCount
            let members = counts.baseAddress! + sectionStart[Section.members.rawValue]
            let formsAnswered = counts.baseAddress! + sectionStart[Section.formsAnswered.rawValue]
            let needAnswered = counts.baseAddress! + sectionStart[Section.needAnswered.rawValue]
            let needHigh = counts.baseAddress! + sectionStart[Section.needHigh.rawValue]
            let needLevelSum = counts.baseAddress! + sectionStart[Section.needLevelSum.rawValue]
            let highAnswered = counts.baseAddress! + sectionStart[Section.highAnswered.rawValue]
            let formsChosen = counts.baseAddress! + sectionStart[Section.formsChosen.rawValue]
            let highChosen = counts.baseAddress! + sectionStart[Section.highChosen.rawValue]
            let institutionNeeds = counts.baseAddress! + sectionStart[Section.institutionNeeds.rawValue]
            let institutionStride = NeedTally.stride(areaCount: areaCount)
            // Wrapping adds (`&+=`) in the counts: a count of respondents cannot overflow Int, and
            // without overflow checks the per-area sums vectorize.
            table.forEachRow { row in
                var groupCount = 0
                for group in 0..<everyone where row[memberSlots[group]] == 1 {
                    groupList[groupCount] = group
                    groupCount += 1
                }
                groupList[groupCount] = everyone
                groupCount += 1
                let answeredForms = hasForms && row[first] != AnswerValues.missing
                var chosenCount = 0
                if answeredForms {
                    for option in 0..<optionCount where row[first + option] == 1 {
                        chosenList[chosenCount] = option
                        chosenCount += 1
                    }
                }
                var highCount = 0
                for area in 0..<areaCount {
                    let level = row[areaSlots[area]]
                    let answered = level != AnswerValues.missing
                    answeredAdds[area] = answered ? 1 : 0
                    levelAdds[area] = answered ? Int(level) : 0
                    highAdds[area] = level == highLevel ? 1 : 0
                    if level == highLevel {
                        highList[highCount] = area
                        highCount += 1
                    }
                }
                let institution = institutionNeeds + row.institution * institutionStride
                institution[0] &+= 1
                for area in 0..<areaCount {
                    institution[1 + area] &+= answeredAdds[area]
                    institution[1 + areaCount + area] &+= highAdds[area]
                    institution[1 + 2 * areaCount + area] &+= levelAdds[area]
                }
                for member in 0..<groupCount {
                    let group = groupList[member]
                    members[group] &+= 1
                    let cells = group * areaCount
                    // Everyone's need counts are the institutions' together, added up below.
                    if group != everyone {
                        for area in 0..<areaCount {
                            needAnswered[cells + area] &+= answeredAdds[area]
                            needLevelSum[cells + area] &+= levelAdds[area]
                            needHigh[cells + area] &+= highAdds[area]
                        }
                    }
                    guard answeredForms else { continue }
                    formsAnswered[group] &+= 1
                    for chosen in 0..<chosenCount { formsChosen[group * optionCount + chosenList[chosen]] &+= 1 }
                    for high in 0..<highCount {
                        let cell = cells + highList[high]
                        highAnswered[cell] &+= 1
                        for chosen in 0..<chosenCount { highChosen[cell * optionCount + chosenList[chosen]] &+= 1 }
                    }
                }
            }
            for institution in 0..<table.institutionCodes.count {
                let counts = institutionNeeds + institution * institutionStride
                for area in 0..<areaCount {
                    needAnswered[everyone * areaCount + area] &+= counts[1 + area]
                    needHigh[everyone * areaCount + area] &+= counts[1 + areaCount + area]
                    needLevelSum[everyone * areaCount + area] &+= counts[1 + 2 * areaCount + area]
                }
            }
        }
        options = multi?.options
        self.areaCount = areaCount
        self.everyone = everyone
        self.optionCount = optionCount
        self.counts = counts
        self.sectionStart = sectionStart
        let institutions = sectionStart[Section.institutionNeeds.rawValue]
        institutionNeeds = NeedTally(needSlots: needSlots, counts: Array(counts[institutions...]))
    }

    private func count(_ section: Section, _ index: Int) -> Int { counts[sectionStart[section.rawValue] + index] }

    /// Respondents in `group` (everyone in `everyone`).
    func members(_ group: Int) -> Int { count(.members, group) }

    /// The members' counts in one need area.
    func need(of group: Int, area: Int) -> NeedCounts {
        let cell = group * areaCount + area
        return NeedCounts(
            answered: count(.needAnswered, cell), high: count(.needHigh, cell), levelSum: count(.needLevelSum, cell))
    }

    /// The members' need counts, one entry per need area.
    func needs(of group: Int) -> [NeedCounts] { (0..<areaCount).map { need(of: group, area: $0) } }

    /// The members' choices of support forms — or only those of the members at the highest need
    /// in `area` — as `OptionCounts` counts them; nil when the instrument has no such question.
    func forms(of group: Int, highNeedIn area: Int? = nil) -> OptionCounts? {
        guard let options else { return nil }
        let (answered, first) =
            area.map { area in
                let cell = group * areaCount + area
                return (count(.highAnswered, cell), sectionStart[Section.highChosen.rawValue] + cell * optionCount)
            } ?? (count(.formsAnswered, group), sectionStart[Section.formsChosen.rawValue] + group * optionCount)
        return OptionCounts(options: options, answered: answered, chosen: Array(counts[first..<(first + optionCount)]))
    }

    /// Everyone's choices of support forms, as `OptionCounts(_:itemID:instrument:highNeedIn:)` counts
    /// them for `ItemID.supportForms` and the slot of need area `area`.
    public func everyonesForms(highNeedIn area: Int? = nil) -> OptionCounts? { forms(of: everyone, highNeedIn: area) }
}
