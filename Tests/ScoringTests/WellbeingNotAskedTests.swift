import AtbalstsCore
import Testing

@testable import Scoring

/// SPEC 8 "not asked is not small" and issue 13: a wave whose export had no wellbeing block has
/// nothing to show, not `<5` beside hundreds of respondents.
struct WellbeingNotAskedTests {
    @Test func aWaveWithoutWellbeingAnswersIsNotAskedAndUnavailable() {
        let empty = Array(repeating: [Int?](repeating: nil, count: 15), count: 453)
        let responses = WellbeingTests.responses(empty)
        let indicators = WellbeingIndicators(
            responses: responses, register: [Institution(code: "A", name: "A", type: "skola", teachers: 500)],
            instrument: WellbeingTests.instrument, settings: ScoringSettings())
        #expect(!indicators.available)
        #expect(indicators.asked.isEmpty)
        let institution = indicators.breakdowns.first { $0.dimension == .institution }!.groups[0]
        #expect(institution.status == .shown)
        #expect(institution.cells[.who5] == .notAsked)
        #expect(institution.cells[.highBurnout] == .notAsked)
    }

    @Test func answeredInTheWaveButNotInOneGroupIsNoAnswersThere() {
        var rows = Array(repeating: [Int?](repeating: 3, count: 15), count: 12)
        rows += Array(repeating: [Int?](repeating: nil, count: 15), count: 6)
        let responses = WellbeingTests.responses(rows).enumerated().map { index, response in
            ScoredResponse(respondentKey: response.respondentKey, institution: index < 12 ? "A" : "B", values: response.values)
        }
        let register = ["A", "B"].map { Institution(code: $0, name: $0, type: "skola", teachers: 20) }
        let indicators = WellbeingIndicators(
            responses: responses, register: register, instrument: WellbeingTests.instrument, settings: ScoringSettings())
        #expect(indicators.available)
        let groups = indicators.breakdowns.first { $0.dimension == .institution }!.groups
        #expect(groups.map(\.status) == [.shown, .shown])
        #expect(groups[1].cells[.who5] == .noAnswers)
        // A's WHO-5 rests on 12 answers and B's on none: nothing hidden, nothing to work out.
        #expect(groups[0].cells[.who5] == .shown)
    }
}
