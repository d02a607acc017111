import AtbalstsCore
import Testing

@testable import Scoring

struct WellbeingTests {
    /// WHO-5 (0–5), CBI (100…0; the last item reversed), stress, one stress source, after hours.
    static let instrument: Instrument = {
        func scale(_ id: String, _ values: [Int]) -> Scale {
            Scale(id: id, options: values.map { .init(value: $0, label: Bilingual(lv: "\($0)", en: "\($0)")) })
        }
        func item(_ id: String, _ group: String, _ scale: Scale, reversed: Bool = false) -> Item {
            Item(id: id, group: group, row: id, kind: .scaled(scale, reversed: reversed), header: id, englishName: id, code: nil)
        }
        let who5 = scale("who5", Array(0...5))
        let cbi = scale("cbi", [100, 75, 50, 25, 0])
        let stress = scale("stress", Array(0...3))
        let hours = scale("after_hours", Array(0...4))
        let items =
            (1...5).map { item("who5_\($0)", "who5", who5) }
            + (1...7).map { item("cbi_\($0)", "cbi", cbi, reversed: $0 == 7) }
            + [
                item("stress", "stress", stress), item("stress_source_admin", "stress_source", stress),
                item("after_hours", "after_hours", hours),
            ]
        return Instrument(id: "t", title: Bilingual(lv: "t", en: "t"), items: items, needAreas: [])
    }()
    static let slots = WellbeingSlots(instrument: instrument)

    func scores(who5: [Int?], cbi: [Int?], stress: Int? = nil, source: Int? = nil, hours: Int? = nil) -> WellbeingScores {
        var values = AnswerValues(count: Self.instrument.slots.count)
        let who5 = who5.isEmpty ? Array(repeating: nil, count: 5) : who5
        let cbi = cbi.isEmpty ? Array(repeating: nil, count: 7) : cbi
        for (index, value) in (who5 + cbi + [stress, source, hours]).enumerated() { values[index] = value }
        return WellbeingScores(values, slots: Self.slots)
    }

    @Test func who5IsTheRawSumTimesFourWithAllItems() {
        #expect(scores(who5: [3, 4, 2, 5, 1], cbi: []).who5 == 60)  // 15 × 4
        #expect(scores(who5: [0, 0, 0, 0, 0], cbi: []).who5 == 0)
        #expect(scores(who5: [3, 4, nil, 5, 1], cbi: []).who5 == nil)
    }

    @Test func cbiReversesTheLeisureItemAndNeedsFourAnswers() {
        // Item 7 answered 100 ("always enough energy") scores 0.
        let all = scores(who5: [], cbi: [100, 75, 50, 25, 0, 50, 100])
        #expect(all.cbi == 300.0 / 7.0)
        // Four answered: 100, 75, 50 and reversed 25 → 75; the mean is over the answered only.
        #expect(scores(who5: [], cbi: [100, 75, nil, nil, nil, 50, 25]).cbi == 75)
        #expect(scores(who5: [], cbi: [100, nil, nil, nil, nil, 50, 25]).cbi == nil)
    }

    @Test func stressAndAfterHoursFlags() {
        let calm = scores(who5: [], cbi: [], stress: 1, source: 3, hours: 2)
        #expect(calm.stressed == false)
        #expect(calm.stressSources == [true])
        #expect(calm.afterHoursWeekly == false)
        let pressed = scores(who5: [], cbi: [], stress: 2, source: nil, hours: 3)
        #expect(pressed.stressed == true)
        #expect(pressed.stressSources == [nil])
        #expect(pressed.afterHoursWeekly == true)
    }

    @Test func summaryThresholdsAreInclusive() {
        var summary = WellbeingSummary(sourceCount: 1)
        summary.add(scores(who5: [2, 2, 2, 3, 3], cbi: [50, 50, 50, 50, nil, nil, nil]))  // WHO-5 48, CBI 50
        summary.add(scores(who5: [1, 1, 1, 2, 2], cbi: [25, 25, 25, 25, nil, nil, nil]))  // WHO-5 28, CBI 25
        summary.add(scores(who5: [5, 5, 5, 5, 5], cbi: [nil, nil, nil, nil, nil, nil, nil]))  // WHO-5 100
        let expectedMean: Double = (48.0 + 28.0 + 100.0) / 3.0
        #expect(summary.who5.value == expectedMean)
        #expect(summary.poorWellbeing.yes == 2)
        #expect(summary.depressionScreen.yes == 1)
        #expect(summary.cbi.count == 2)
        #expect(summary.highBurnout.yes == 1)
    }

    /// Responses whose first slots hold `rows` (nil: not answered).
    static func responses(_ rows: [[Int?]]) -> [ScoredResponse] {
        rows.enumerated().map { index, row in
            var values = AnswerValues(count: row.count)
            for (slot, value) in row.enumerated() { values[slot] = value }
            return ScoredResponse(respondentKey: "r\(index)", institution: "A", values: values)
        }
    }

    @Test func cronbachAlphaByHand() throws {
        // Item variances 5/3 and 19/12, variance of the sums 6.25: α = 2·(1 − 3.25/6.25) = 0.96.
        let cases = CompleteCases(
            Self.responses([[1, 2], [2, 3], [3, 3], [4, 5], [nil, 1]]), slots: [0, 1], reversed: [false, false])
        #expect(abs(try #require(cases.alpha) - 0.96) < 1e-12)
        #expect(cases.count == 4)
        let flat = CompleteCases(Self.responses([[1, 1], [1, 1]]), slots: [0, 1], reversed: [false, false])
        #expect(flat.alpha == nil, "no variance, no alpha")
        // Reversed: 100 − value, so (0, 100) and (100, 0) agree perfectly once item 2 is turned.
        let turned = CompleteCases(Self.responses([[0, 100], [100, 0], [50, 50]]), slots: [0, 1], reversed: [false, true])
        #expect(abs(try #require(turned.alpha) - 1) < 1e-12)
    }

    @Test func completeCasesAreCountedEvenWhenAlphaIsUndefined() throws {
        // Everyone answers WHO-5 identically: no variance, so no alpha, but three complete cases.
        let responses = (0..<3).map { index in
            var values = AnswerValues(count: Self.instrument.slots.count)
            for slot in 0..<5 { values[slot] = 3 }
            if index == 0 { values[4] = nil }  // one incomplete WHO-5
            return ScoredResponse(respondentKey: "r\(index)", institution: "A", values: values)
        }
        let indicators = WellbeingIndicators(
            responses: responses + [responses[1], responses[2]], register: [], instrument: Self.instrument,
            settings: ScoringSettings())
        let who5 = try #require(indicators.reliability.first { $0.scale == "who5" })
        #expect(who5.alpha == nil)
        #expect(who5.completeCases == 4)
        #expect(who5.items == 5)
    }

    /// The textbook definition, row by row, as an independent reference for the flat table.
    static func rowByRowAlpha(_ rows: [[Double?]]) -> (alpha: Double, cases: Int)? {
        let complete = rows.compactMap { row -> [Double]? in
            let values = row.compactMap { $0 }
            return values.count == row.count ? values : nil
        }
        guard let k = complete.first?.count, k >= 2, complete.count >= 2 else { return nil }
        func variance(_ values: [Double]) -> Double {
            let mean = values.reduce(0, +) / Double(values.count)
            return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        }
        let itemVariances = (0..<k).map { item in variance(complete.map { $0[item] }) }
        let totalVariance = variance(complete.map { $0.reduce(0, +) })
        guard totalVariance > 0 else { return nil }
        return (Double(k) / Double(k - 1) * (1 - itemVariances.reduce(0, +) / totalVariance), complete.count)
    }

    @Test func flatCompleteCasesGiveTheSameAlphaAsTheRowByRowDefinition() throws {
        var generator = SystemRandomNumberGenerator()
        let slots = [0, 1, 2, 3]
        let reversed = [false, false, false, true]
        let responses = (0..<200).map { index in
            var values = AnswerValues(count: 4)
            for slot in slots where Int.random(in: 0..<10, using: &generator) > 0 {
                values[slot] = [0, 25, 50, 75, 100].randomElement(using: &generator)!
            }
            return ScoredResponse(respondentKey: "r\(index)", institution: "A", values: values)
        }
        let rows: [[Double?]] = responses.map { response in
            slots.map { slot in response.values[slot].map { Double(reversed[slot] ? 100 - $0 : $0) } }
        }
        let expected = try #require(Self.rowByRowAlpha(rows))
        let flat = CompleteCases(responses, slots: slots, reversed: reversed)
        #expect(flat.count == expected.cases)
        #expect(abs(try #require(flat.alpha) - expected.alpha) < 1e-12)
    }

    @Test func verdicts() {
        #expect(ReliabilityVerdict(alpha: 0.91) == .excellent)
        #expect(ReliabilityVerdict(alpha: 0.8) == .good)
        #expect(ReliabilityVerdict(alpha: 0.65) == .questionable)
        #expect(ReliabilityVerdict(alpha: 0.2) == .unacceptable)
    }
}
