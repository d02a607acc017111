import TestSupport
import Testing

@testable import Scoring

/// A property test over random breakdowns: whatever the group sizes, no group under the threshold
/// shows a value, and the hidden non-empty cells are never one alone nor fewer than the threshold.
struct DisclosurePropertyTests {
    @Test func noSmallGroupIsShownAndNoneCanBeDerived() {
        var random = SplitMix64(state: 2026)
        for _ in 0..<5_000 {
            let minGroup = Int.random(in: 2...10, using: &random)
            let cells = (0..<Int.random(in: 1...12, using: &random)).map { _ -> CellCounts in
                let answered = Int.random(in: 0...40, using: &random)
                return CellCounts(answered: answered, yes: Int.random(in: 0...answered, using: &random))
            }
            let status = disclosedCells(cells, minGroupSize: minGroup)
            for (cell, status) in zip(cells, status) {
                if cell.answered == 0 { #expect(status == .noAnswers) }
                if cell.answered > 0 && cell.answered < minGroup { #expect(status == .small) }
                if isExtremeShare(yes: cell.yes!, of: cell.answered, minGroupSize: minGroup) { #expect(status.isHidden) }
            }
            let hidden = cells.indices.filter { status[$0].isHidden }
            let people = hidden.reduce(0) { $0 + cells[$1].answered }
            let shown = cells.indices.filter { status[$0] == .shown }
            #expect(
                hidden.isEmpty || shown.isEmpty || (hidden.count >= 2 && people >= minGroup),
                "\(cells) with threshold \(minGroup)")
        }
    }
}
