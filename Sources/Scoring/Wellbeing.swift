import AtbalstsCore

/// Where the wellbeing items sit among an instrument's slots (`needs-v1` ids; SPEC 4.3).
public struct WellbeingSlots: Sendable {
    public let who5: [Int]
    public let cbi: [Int]
    /// Per CBI slot: scored as 100 − value (the leisure-energy item).
    public let cbiReversed: [Bool]
    public let stress: Int?
    public let stressSources: [Int]
    public let afterHours: Int?

    public init(instrument: Instrument) {
        func slots(_ group: String) -> [Int] {
            instrument.slots.indices.filter { instrument.items[instrument.slots[$0].itemIndex].group == group }
        }
        who5 = slots(ItemID.who5)
        cbi = slots(ItemID.cbi)
        cbiReversed = cbi.map { slot in
            if case .scaled(_, let reversed) = instrument.items[instrument.slots[slot].itemIndex].kind { return reversed }
            return false
        }
        stress = instrument.slotIndex(ItemID.stress)
        stressSources = slots(ItemID.stressSource)
        afterHours = instrument.slotIndex(ItemID.afterHours)
    }

    public var isComplete: Bool { who5.count == 5 && cbi.count == 7 && stress != nil }
}

/// One respondent's wellbeing scores (SPEC 7); nil where the scoring rule has too few answers.
public struct WellbeingScores: Hashable, Sendable {
    /// WHO-5: raw sum 0–25 × 4, only with all five items.
    public let who5: Double?
    /// CBI work-related burnout: mean of the answered items when at least 4 of 7 are answered.
    public let cbi: Double?
    /// "Diezgan daudz" or "ļoti daudz" (TALIS stress levels 2 and 3).
    public let stressed: Bool?
    public let stressSources: [Bool?]
    /// Expected to answer outside working hours weekly or daily.
    public let afterHoursWeekly: Bool?

    public static let poorWellbeing = 50.0
    public static let depressionScreen = 28.0
    public static let highBurnout = 50.0
    static let stressedLevel = 2
    static let weeklyLevel = 3

    public init(_ values: AnswerValues, slots: WellbeingSlots) {
        // Plain loops: this runs for every respondent of every group at national scale.
        var who5Sum = 0
        var who5Count = 0
        for slot in slots.who5 {
            if let value = values[slot] {
                who5Sum += value
                who5Count += 1
            }
        }
        who5 = who5Count == 5 ? Double(who5Sum * 4) : nil
        var cbiSum = 0
        var cbiCount = 0
        for (slot, reversed) in zip(slots.cbi, slots.cbiReversed) {
            if let value = values[slot] {
                cbiSum += reversed ? 100 - value : value
                cbiCount += 1
            }
        }
        cbi = cbiCount >= 4 ? Double(cbiSum) / Double(cbiCount) : nil
        stressed = slots.stress.flatMap { values[$0] }.map { $0 >= Self.stressedLevel }
        stressSources = slots.stressSources.map { slot in values[slot].map { $0 >= Self.stressedLevel } }
        afterHoursWeekly = slots.afterHours.flatMap { values[$0] }.map { $0 >= Self.weeklyLevel }
    }
}

/// A mean with the number of values it rests on.
public struct Mean: Hashable, Sendable, Codable {
    public private(set) var count = 0
    public private(set) var sum = 0.0

    public init() {}

    init(count: Int, sum: Double) {
        self.count = count
        self.sum = sum
    }

    public mutating func add(_ value: Double?) {
        guard let value else { return }
        count += 1
        sum += value
    }

    public var value: Double? { count == 0 ? nil : sum / Double(count) }
}

/// Counts of a yes/no indicator among those who answered.
public struct Share: Hashable, Sendable, Codable {
    public private(set) var answered = 0
    public private(set) var yes = 0

    public init() {}

    init(answered: Int, yes: Int) {
        self.answered = answered
        self.yes = yes
    }

    public mutating func add(_ flag: Bool?) {
        guard let flag else { return }
        answered += 1
        if flag { yes += 1 }
    }

    public var proportion: Proportion { Proportion(yes, of: answered) }
}

/// Wellbeing of one group of respondents.
public struct WellbeingSummary: Hashable, Sendable, Codable {
    public var respondents = 0
    public var who5 = Mean()
    public var poorWellbeing = Share()
    public var depressionScreen = Share()
    public var cbi = Mean()
    public var highBurnout = Share()
    public var stressed = Share()
    public var stressSources: [Share]
    public var afterHoursWeekly = Share()

    public init(sourceCount: Int) { stressSources = Array(repeating: Share(), count: sourceCount) }

    public mutating func add(_ scores: WellbeingScores) {
        respondents += 1
        who5.add(scores.who5)
        poorWellbeing.add(scores.who5.map { $0 <= WellbeingScores.poorWellbeing })
        depressionScreen.add(scores.who5.map { $0 <= WellbeingScores.depressionScreen })
        cbi.add(scores.cbi)
        highBurnout.add(scores.cbi.map { $0 >= WellbeingScores.highBurnout })
        stressed.add(scores.stressed)
        for (index, flag) in scores.stressSources.enumerated() { stressSources[index].add(flag) }
        afterHoursWeekly.add(scores.afterHoursWeekly)
    }
}
