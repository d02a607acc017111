import AtbalstsCore
import Foundation
import TestSupport
import Testing

@testable import Pipeline
@testable import Scoring

/// The plans count in one pass (issue 19); this checks the pass against the plain way it
/// replaced, on seeded random answers: each group (and everyone) filtered out, then counted by itself.
struct LearningAreaTalliesTests {
    private static func needs() throws -> Instrument {
        try Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds")).instrument("needs-v1")
    }

    @Test(arguments: [1, 2, 3])
    func onePassCountsWhatEachGroupCountedAlone(seed: UInt64) throws {
        let instrument = try Self.needs()
        var random = SplitMix64(state: seed)
        let responses = (0..<400).map { index -> ScoredResponse in
            var values = AnswerValues(count: instrument.slots.count)
            for slot in instrument.slots.indices {
                // Blanks, 0/1 choices and need levels 0…3 at random: every branch of the counts.
                let draw = Int(random.next() % 6)
                values[slot] = draw == 5 ? nil : (instrument.needSlots.contains(slot) ? draw % 4 : draw % 2)
            }
            return ScoredResponse(respondentKey: "r\(index)", institution: "A", values: values)
        }
        let learningAreas = DevelopmentPlan.learningAreaSlots(instrument)
        try #require(!learningAreas.isEmpty)
        let tallies = LearningAreaTallies(responses, learningAreas: learningAreas.map(\.slot), instrument: instrument)
        // Each learning area's teachers, then everyone.
        let groups = learningAreas.map { learningArea in responses.filter { $0.values[learningArea.slot] == 1 } } + [responses]
        #expect(tallies.everyone == learningAreas.count)
        for (group, members) in groups.enumerated() {
            #expect(tallies.members(group) == members.count)
            #expect(tallies.needs(of: group) == GroupNeeds(members, needSlots: instrument.needSlots).areas)
            let own = OptionCounts(members, itemID: ItemID.supportForms, instrument: instrument)
            let counted = tallies.forms(of: group)
            #expect(counted?.answered == own?.answered && counted?.chosen == own?.chosen)
            for (area, slot) in instrument.needSlots.enumerated() {
                let alone = OptionCounts(members, itemID: ItemID.supportForms, instrument: instrument, highNeedIn: slot)
                let together = tallies.forms(of: group, highNeedIn: area)
                #expect(together?.answered == alone?.answered && together?.chosen == alone?.chosen, "group \(group), area \(area)")
            }
        }
    }
}
