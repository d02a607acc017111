import AtbalstsCore

/// `WellbeingSummary`s of several groups counted side by side in flat arrays, each response
/// scored once however many groups it joins: what `WellbeingScores` and `WellbeingSummary.add`
/// do per response, without an array of stress sources per response (issue 19). Sums are added
/// in response order within each group, as `add` does, so every mean is the same to the bit.
struct WellbeingTally {
    let slots: WellbeingSlots
    let groups: Int
    /// The yes/no measures: stressed, after hours, then each stress source.
    private let flagSlots: [Int]
    private let flagLevels: [Int16]
    private var respondents: [Int]
    private var who5Count: [Int]
    private var who5Sum: [Double]
    private var poorWellbeing: [Int]
    private var depressionScreen: [Int]
    private var cbiCount: [Int]
    private var cbiSum: [Double]
    private var highBurnout: [Int]
    private var flagAnswered: [Int]
    private var flagYes: [Int]
    /// The current response's scores, shared by the groups it joins.
    private var who5: Double?
    private var cbi: Double?
    private var flags: [Int8]

    private static let stressed = 0
    private static let afterHours = 1
    private static let firstSource = 2

    init(slots: WellbeingSlots, groups: Int) {
        self.slots = slots
        self.groups = groups
        flagSlots = [slots.stress ?? -1, slots.afterHours ?? -1] + slots.stressSources
        flagLevels =
            [Int16(WellbeingScores.stressedLevel), Int16(WellbeingScores.weeklyLevel)]
            + slots.stressSources.map { _ in Int16(WellbeingScores.stressedLevel) }
        respondents = Array(repeating: 0, count: groups)
        who5Count = respondents
        who5Sum = Array(repeating: 0, count: groups)
        poorWellbeing = respondents
        depressionScreen = respondents
        cbiCount = respondents
        cbiSum = who5Sum
        highBurnout = respondents
        flagAnswered = Array(repeating: 0, count: groups * flagSlots.count)
        flagYes = flagAnswered
        flags = Array(repeating: -1, count: flagSlots.count)
    }

    /// Scores `row` (SPEC 7, as `WellbeingScores`); `add(to:)` then counts it in a group.
    @inline(__always) mutating func score(_ row: ResponseTable.Row) {
        var who5Sum = 0
        var who5Count = 0
        for slot in slots.who5 where row[slot] != AnswerValues.missing {
            who5Sum += Int(row[slot])
            who5Count += 1
        }
        who5 = who5Count == 5 ? Double(who5Sum * 4) : nil
        var cbiSum = 0
        var cbiCount = 0
        for (slot, reversed) in zip(slots.cbi, slots.cbiReversed) where row[slot] != AnswerValues.missing {
            let value = Int(row[slot])
            cbiSum += reversed ? 100 - value : value
            cbiCount += 1
        }
        cbi = cbiCount >= 4 ? Double(cbiSum) / Double(cbiCount) : nil
        for (flag, slot) in flagSlots.enumerated() {
            let value = slot < 0 ? AnswerValues.missing : row[slot]
            flags[flag] = value == AnswerValues.missing ? -1 : (value >= flagLevels[flag] ? 1 : 0)
        }
    }

    @inline(__always) mutating func add(to group: Int) {
        respondents[group] += 1
        if let who5 {
            who5Count[group] += 1
            who5Sum[group] += who5
            if who5 <= WellbeingScores.poorWellbeing { poorWellbeing[group] += 1 }
            if who5 <= WellbeingScores.depressionScreen { depressionScreen[group] += 1 }
        }
        if let cbi {
            cbiCount[group] += 1
            cbiSum[group] += cbi
            if cbi >= WellbeingScores.highBurnout { highBurnout[group] += 1 }
        }
        let first = group * flags.count
        for (flag, value) in flags.enumerated() where value >= 0 {
            flagAnswered[first + flag] += 1
            flagYes[first + flag] += Int(value)
        }
    }

    func summary(of group: Int) -> WellbeingSummary {
        let first = group * flagSlots.count
        func share(_ flag: Int) -> Share { Share(answered: flagAnswered[first + flag], yes: flagYes[first + flag]) }
        var summary = WellbeingSummary(sourceCount: slots.stressSources.count)
        summary.respondents = respondents[group]
        summary.who5 = Mean(count: who5Count[group], sum: who5Sum[group])
        summary.poorWellbeing = Share(answered: who5Count[group], yes: poorWellbeing[group])
        summary.depressionScreen = Share(answered: who5Count[group], yes: depressionScreen[group])
        summary.cbi = Mean(count: cbiCount[group], sum: cbiSum[group])
        summary.highBurnout = Share(answered: cbiCount[group], yes: highBurnout[group])
        summary.stressed = share(Self.stressed)
        summary.afterHoursWeekly = share(Self.afterHours)
        summary.stressSources = slots.stressSources.indices.map { share(Self.firstSource + $0) }
        return summary
    }

    func summaries(_ groups: Range<Int>) -> [WellbeingSummary] { groups.map { summary(of: $0) } }
}
