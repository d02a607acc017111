import AtbalstsCore

/// `WellbeingSummary`s of several groups counted side by side in flat arrays, each response
/// scored once however many groups it joins: what `WellbeingScores` and `WellbeingSummary.add`
/// do per response, without an array of stress sources per response (issue 19). Sums are added
/// in response order within each group, as `add` does, so every mean is the same to the bit.
struct WellbeingTally {
    let slots: WellbeingSlots
    /// The yes/no measures: stressed, after hours, then each stress source.
    private let flagSlots: [Int]
    private let flagLevels: [Int16]
    /// Per group: `Count` fields, then answered and yes per flag.
    private var counts: [Int]
    /// Per group: WHO-5 sum, CBI sum.
    private var sums: [Double]
    private let stride: Int

    private enum Count: Int, CaseIterable {
        case respondents, who5, poorWellbeing, depressionScreen, cbi, highBurnout
    }
    private static let stressed = 0
    private static let afterHours = 1
    private static let firstSource = 2

    init(slots: WellbeingSlots, groups: Int) {
        self.slots = slots
        flagSlots = [slots.stress ?? -1, slots.afterHours ?? -1] + slots.stressSources
        flagLevels =
            [Int16(WellbeingScores.stressedLevel), Int16(WellbeingScores.weeklyLevel)]
            + slots.stressSources.map { _ in Int16(WellbeingScores.stressedLevel) }
        stride = Count.allCases.count + 2 * flagSlots.count
        counts = Array(repeating: 0, count: groups * stride)
        sums = Array(repeating: 0, count: groups * 2)
    }

    /// Scores every response of `table` (SPEC 7, as `WellbeingScores`) and adds it to each group
    /// `groups` names for it, in order.
    @inline(__always) mutating func count(
        _ table: ResponseTable, groups: (ResponseTable.Row, (Int) -> Void) -> Void
    ) {
        let (who5Slots, cbiSlots, cbiReversed) = (slots.who5, slots.cbi, slots.cbiReversed)
        let (flagSlots, flagLevels, stride) = (self.flagSlots, self.flagLevels, self.stride)
        let flagCount = flagSlots.count
        // Per flag, what the response adds to each group's answered and yes counts.
        let flagAdds = UnsafeMutablePointer<Int>.allocate(capacity: 2 * flagCount + 1)
        defer { flagAdds.deallocate() }
        counts.withUnsafeMutableBufferPointer { counts in
            sums.withUnsafeMutableBufferPointer { sums in
                table.forEachRow { row in
                    var who5Sum = 0
                    var who5Count = 0
                    for slot in who5Slots where row[slot] != AnswerValues.missing {
                        who5Sum += Int(row[slot])
                        who5Count += 1
                    }
                    let who5: Double? = who5Count == 5 ? Double(who5Sum * 4) : nil
                    var cbiSum = 0
                    var cbiCount = 0
                    for (slot, reversed) in zip(cbiSlots, cbiReversed) where row[slot] != AnswerValues.missing {
                        let value = Int(row[slot])
                        cbiSum += reversed ? 100 - value : value
                        cbiCount += 1
                    }
                    let cbi: Double? = cbiCount >= 4 ? Double(cbiSum) / Double(cbiCount) : nil
                    for flag in 0..<flagCount {
                        let value = flagSlots[flag] < 0 ? AnswerValues.missing : row[flagSlots[flag]]
                        flagAdds[flag] = value == AnswerValues.missing ? 0 : 1
                        flagAdds[flagCount + flag] = value != AnswerValues.missing && value >= flagLevels[flag] ? 1 : 0
                    }
                    // Wrapping adds: a count of respondents cannot overflow Int, and unchecked they vectorize.
                    groups(row) { group in
                        let base = group * stride
                        counts[base + Count.respondents.rawValue] &+= 1
                        if let who5 {
                            counts[base + Count.who5.rawValue] &+= 1
                            sums[group * 2] += who5
                            if who5 <= WellbeingScores.poorWellbeing { counts[base + Count.poorWellbeing.rawValue] &+= 1 }
                            if who5 <= WellbeingScores.depressionScreen { counts[base + Count.depressionScreen.rawValue] &+= 1 }
                        }
                        if let cbi {
                            counts[base + Count.cbi.rawValue] &+= 1
                            sums[group * 2 + 1] += cbi
                            if cbi >= WellbeingScores.highBurnout { counts[base + Count.highBurnout.rawValue] &+= 1 }
                        }
                        // Answered, then yes, laid out as in `flagAdds`.
                        let flags = base + Count.allCases.count
                        for index in 0..<(2 * flagCount) { counts[flags + index] &+= flagAdds[index] }
                    }
                }
            }
        }
    }

    func summary(of group: Int) -> WellbeingSummary {
        let base = group * stride
        func count(_ field: Count) -> Int { counts[base + field.rawValue] }
        func share(_ flag: Int) -> Share {
            let answered = base + Count.allCases.count + flag
            return Share(answered: counts[answered], yes: counts[answered + flagSlots.count])
        }
        var summary = WellbeingSummary(sourceCount: slots.stressSources.count)
        summary.respondents = count(.respondents)
        summary.who5 = Mean(count: count(.who5), sum: sums[group * 2])
        summary.poorWellbeing = Share(answered: count(.who5), yes: count(.poorWellbeing))
        summary.depressionScreen = Share(answered: count(.who5), yes: count(.depressionScreen))
        summary.cbi = Mean(count: count(.cbi), sum: sums[group * 2 + 1])
        summary.highBurnout = Share(answered: count(.cbi), yes: count(.highBurnout))
        summary.stressed = share(Self.stressed)
        summary.afterHoursWeekly = share(Self.afterHours)
        summary.stressSources = slots.stressSources.indices.map { share(Self.firstSource + $0) }
        return summary
    }

    func summaries(_ groups: Range<Int>) -> [WellbeingSummary] { groups.map { summary(of: $0) } }
}
