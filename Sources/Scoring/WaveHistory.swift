import AtbalstsCore

/// One wave's headline numbers, for the Dinamika sheet (SPEC 10).
/// Codable: a past wave's snapshot is stored (`AppDatabase.storeWaveSummary`) so that history
/// does not read every earlier wave's responses again; `returning` may be set afterwards, counted
/// by the database (`AppDatabase.returningRespondents`).
public struct WaveSnapshot: Sendable, Hashable, Codable {
    public let wave: String
    public let respondents: Int
    /// High-need share per need-area id.
    public let highNeed: [String: Double]
    /// High-need answers per need-area id, for the intervals of a change between waves.
    public let highNeedCounts: [String: Proportion]
    public let wellbeing: WellbeingSummary
    /// Respondents whose pseudonym also answered the wave before; nil for the first wave.
    public var returning: Int?

    public init(
        wave: String, responses: [ScoredResponse], previousKeys: Set<String>?, instrument: Instrument
    ) {
        self.init(wave: wave, table: ResponseTable(responses, instrument: instrument), instrument: instrument)
        // Random keys (rows without an e-mail) never match, so they are never counted as returning.
        returning = previousKeys.map { keys in Set(responses.map(\.respondentKey)).intersection(keys).count }
    }

    /// Without returning respondents, which need the keys (`returning` is set afterwards).
    public init(wave: String, table: ResponseTable, instrument: Instrument) {
        let needs = GroupNeeds(table, needSlots: instrument.needSlots)
        var tally = WellbeingTally(slots: WellbeingSlots(instrument: instrument), groups: 1)
        tally.count(table) { _, add in add(0) }
        self.init(wave: wave, respondents: table.count, needs: needs, wellbeing: tally.summary(of: 0), instrument: instrument)
    }

    /// From the wave's need counts and wellbeing, already computed for its workbook.
    public init(wave: String, respondents: Int, needs: GroupNeeds, wellbeing: WellbeingSummary, instrument: Instrument) {
        self.wave = wave
        self.respondents = respondents
        var shares: [String: Double] = [:]
        var counts: [String: Proportion] = [:]
        for (index, area) in instrument.needAreas.enumerated() {
            if let share = needs.areas[index].highNeed.share { shares[area.id] = share }
            counts[area.id] = needs.areas[index].highNeed
        }
        highNeed = shares
        highNeedCounts = counts
        self.wellbeing = wellbeing
        returning = nil
    }
}
