import AtbalstsCore
import Foundation
import TestSupport
import Testing

@testable import Pipeline
@testable import Scoring

/// The wave's indicators count over one flat table in one pass each (issue 19); these check the
/// passes against the plain way they replaced, on seeded random answers: each group filtered
/// out of `[ScoredResponse]`, then counted by itself response by response.
struct ResponseTableTests {
    static func needs() throws -> Instrument {
        try Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds")).instrument("needs-v1")
    }

    /// Blanks everywhere, scale values of each item, 0/1 choices; institutions A…D, E not in any register.
    static func responses(_ instrument: Instrument, seed: UInt64, count: Int = 400) -> [ScoredResponse] {
        var random = SplitMix64(state: seed)
        return (0..<count).map { index -> ScoredResponse in
            var values = AnswerValues(count: instrument.slots.count)
            for slot in instrument.slots.indices where random.next() % 7 != 0 {
                let item = instrument.items[instrument.slots[slot].itemIndex]
                if let options = item.scale?.options {
                    values[slot] = options[Int(random.next() % UInt64(options.count))].value
                } else {
                    values[slot] = Int(random.next() % 2)
                }
            }
            let institution = ["A", "B", "C", "D", "E"][Int(random.next() % 5)]
            return ScoredResponse(respondentKey: "r\(index)", institution: institution, values: values)
        }
    }

    /// A register naming B twice, and not E.
    static let register = ["A", "B", "C", "D", "B"].map {
        Institution(code: $0, name: "Iestāde \($0)", type: "school", teachers: 40)
    }

    @Test(arguments: [1, 2, 3])
    func needIndicatorsCountEachInstitutionAsItsOwnResponsesDo(seed: UInt64) throws {
        let instrument = try Self.needs()
        let responses = Self.responses(instrument, seed: seed)
        let table = ResponseTable(responses, instrument: instrument)
        let needs = NeedIndicators(table: table, register: Self.register, instrument: instrument, settings: ScoringSettings())
        #expect(needs.respondents == responses.count)
        #expect(needs.municipality.areas == GroupNeeds(responses, needSlots: instrument.needSlots).areas)
        for row in needs.institutions {
            let own = GroupNeeds(responses.filter { $0.institution == row.institution.code }, needSlots: instrument.needSlots)
            #expect(row.respondents == own.respondents && row.needs.areas == own.areas, "\(row.institution.code)")
        }
        #expect(table.respondentsByInstitution == Dictionary(grouping: responses, by: \.institution).mapValues(\.count))
        #expect(GroupNeeds(table, needSlots: instrument.needSlots).areas == needs.municipality.areas)
        // The institutions' needs counted in the plans' pass are the same counts.
        let fromTallies = NeedIndicators(
            tallies: LearningAreaTallies(table, instrument: instrument), table: table, register: Self.register,
            instrument: instrument, settings: ScoringSettings())
        #expect(fromTallies.municipality.areas == needs.municipality.areas)
        for (a, b) in zip(fromTallies.institutions, needs.institutions) {
            #expect(a.respondents == b.respondents && a.needs.areas == b.needs.areas && a.areaStatus == b.areaStatus)
        }
        #expect(fromTallies.priorities == needs.priorities)
    }

    /// The wave's own snapshot is made from its workbook's numbers instead of counted again.
    @Test(arguments: [1, 2])
    func aSnapshotFromTheWorkbooksNumbersIsTheCountedOne(seed: UInt64) throws {
        let instrument = try Self.needs()
        let responses = Self.responses(instrument, seed: seed)
        let table = ResponseTable(responses, instrument: instrument)
        let counted = WaveSnapshot(wave: "2026-27-autumn", responses: responses, previousKeys: nil, instrument: instrument)
        let needs = NeedIndicators(table: table, register: Self.register, instrument: instrument, settings: ScoringSettings())
        let wellbeing = WellbeingIndicators(
            table: table, register: Self.register, instrument: instrument, settings: ScoringSettings())
        let reused = WaveSnapshot(
            wave: "2026-27-autumn", respondents: table.count, needs: needs.municipality, wellbeing: wellbeing.municipality,
            instrument: instrument)
        #expect(reused == counted)
    }

    @Test(arguments: [1, 2, 3])
    func optionCountsOverTheTableAreTheCountsOfTheResponses(seed: UInt64) throws {
        let instrument = try Self.needs()
        let responses = Self.responses(instrument, seed: seed)
        let table = ResponseTable(responses, instrument: instrument)
        for itemID in [ItemID.supportForms, ItemID.barriers] {
            for slot in [nil] + instrument.needSlots.map(Optional.some) {
                let multi = try #require(instrument.multiSelect(itemID))
                let counted = responses.filter { response in
                    slot.map { response.values[$0] == NeedCounts.highLevel } ?? true
                }.filter { $0.values[multi.slots.lowerBound] != nil }
                let fast = OptionCounts(table, itemID: itemID, instrument: instrument, highNeedIn: slot)
                #expect(fast?.answered == counted.count)
                #expect(fast?.chosen == multi.slots.map { slot in counted.filter { $0.values[slot] == 1 }.count })
            }
        }
    }

    @Test(arguments: [1, 2, 3])
    func wellbeingBreakdownsAddUpEachGroupsScores(seed: UInt64) throws {
        let instrument = try Self.needs()
        let responses = Self.responses(instrument, seed: seed)
        let slots = WellbeingSlots(instrument: instrument)
        let wellbeing = WellbeingIndicators(
            table: ResponseTable(responses, instrument: instrument), register: Self.register, instrument: instrument,
            settings: ScoringSettings())
        func summary(_ members: [ScoredResponse]) -> WellbeingSummary {
            var summary = WellbeingSummary(sourceCount: slots.stressSources.count)
            for response in members { summary.add(WellbeingScores(response.values, slots: slots)) }
            return summary
        }
        #expect(wellbeing.municipality == summary(responses))
        let breakdowns = Dictionary(uniqueKeysWithValues: wellbeing.breakdowns.map { ($0.dimension, $0.groups) })
        try #require(Set(breakdowns.keys) == [.institution, .role, .experience, .learningArea])
        // The second B of the register is left empty: a response counts in the first row naming its code.
        for (index, group) in try #require(breakdowns[.institution]).enumerated() {
            let members = index == 4 ? [] : responses.filter { $0.institution == group.key }
            #expect(group.summary == summary(members), "institution \(index)")
        }
        for (dimension, itemID) in [(Dimension.role, ItemID.role), (.experience, ItemID.experience)] {
            let slot = try #require(instrument.slotIndex(itemID))
            for group in try #require(breakdowns[dimension]) {
                #expect(group.summary == summary(responses.filter { $0.values[slot] == Int(group.key) }), "\(dimension) \(group.key)")
            }
        }
        let learningAreas = try #require(instrument.multiSelect(ItemID.learningAreas))
        for (group, slot) in zip(try #require(breakdowns[.learningArea]), learningAreas.slots) {
            #expect(group.summary == summary(responses.filter { $0.values[slot] == 1 }), "learning area \(group.key)")
        }
    }

    static func sampleVariance(_ values: [Double]) -> Double {
        let mean = values.reduce(0, +) / Double(values.count)
        return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
    }

    /// Cronbach's alpha the plain way: a column per item, a total per respondent (SPEC 7).
    static func plainAlpha(_ responses: [ScoredResponse], slots: [Int], reversed: [Bool]) -> (Double?, Int) {
        let rows = responses.filter { response in slots.allSatisfy { response.values[$0] != nil } }.map { response in
            zip(slots, reversed).map { slot, flip in flip ? 100 - Double(response.values[slot]!) : Double(response.values[slot]!) }
        }
        guard slots.count >= 2, rows.count >= 2 else { return (nil, rows.count) }
        let itemVariances = slots.indices.map { item in sampleVariance(rows.map { $0[item] }) }.reduce(0, +)
        let totalVariance = sampleVariance(rows.map { $0.reduce(0, +) })
        guard totalVariance > 0 else { return (nil, rows.count) }
        let items = Double(slots.count)
        return (items / (items - 1) * (1 - itemVariances / totalVariance), rows.count)
    }

    @Test(arguments: [1, 2, 3])
    func reliabilityIsThePlainAlphaToTheBit(seed: UInt64) throws {
        let instrument = try Self.needs()
        // Fewer blanks, so that the 30-item need scale has complete cases.
        let responses = Self.responses(instrument, seed: seed, count: 3000)
        let slots = WellbeingSlots(instrument: instrument)
        let wellbeing = WellbeingIndicators(
            table: ResponseTable(responses, instrument: instrument), register: Self.register, instrument: instrument,
            settings: ScoringSettings())
        let scales = [
            (ItemID.who5, slots.who5, slots.who5.map { _ in false }), (ItemID.cbi, slots.cbi, slots.cbiReversed),
            (ItemID.needGroup, instrument.needSlots, instrument.needSlots.map { _ in false }),
        ]
        for (name, scaleSlots, reversed) in scales {
            let found = try #require(wellbeing.reliability.first { $0.scale == name })
            let (alpha, complete) = Self.plainAlpha(responses, slots: scaleSlots, reversed: reversed)
            #expect(found.completeCases == complete && found.alpha == alpha, "\(name)")
            if name != ItemID.needGroup { #expect(alpha != nil, "\(name): the test should reach alpha") }
        }
    }
}
