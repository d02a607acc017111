import TestSupport
import Testing

@testable import Scoring

struct DisclosureTests {
    static func sizes(_ sizes: [Int]) -> [CellCounts] { sizes.map { CellCounts(answered: $0) } }

    @Test func smallGroupsAreSuppressed() {
        #expect(disclosedCells(Self.sizes([12, 3, 2, 20]), minGroupSize: 5) == [.shown, .small, .small, .shown])
    }

    @Test func hiddenCellsTogetherHoldAtLeastTheThreshold() {
        // 3 = total − (12 + 8 + 20): the 8 goes too, marked as hidden for that reason.
        #expect(disclosedCells(Self.sizes([12, 3, 8, 20]), minGroupSize: 5) == [.shown, .small, .complementary, .shown])
        // Issue 13.3: two hidden cells of 1 and 2 people: together 3 = total − shown, hide the next.
        #expect(disclosedCells(Self.sizes([27, 1, 2]), minGroupSize: 5) == [.complementary, .small, .small])
        // 2 + 2 is still under 5 with a total shown: the 6 goes too.
        #expect(disclosedCells(Self.sizes([2, 2, 6, 9]), minGroupSize: 5) == [.small, .small, .complementary, .shown])
    }

    /// Issue 13.1: institutions with no respondents are not hidden cells and hide nothing.
    @Test func emptyGroupsHaveTheirOwnMarkAndDoNotCountAsHidden() {
        let status = disclosedCells(Self.sizes([4, 20, 6] + Array(repeating: 0, count: 21)), minGroupSize: 5)
        #expect(Array(status.prefix(3)) == [.small, .shown, .complementary])
        #expect(status.dropFirst(3).allSatisfy { $0 == .noAnswers })
    }

    @Test func anItemNobodyWasAskedIsNotAskedNotSmall() {
        #expect(disclosedCells(Self.sizes([0, 0]), minGroupSize: 5, asked: false) == [.notAsked, .notAsked])
        #expect(disclosedTotal(CellCounts(answered: 0), minGroupSize: 5, asked: false) == .notAsked)
        #expect(disclosedTotal(CellCounts(answered: 0), minGroupSize: 5) == .noAnswers)
    }

    /// Issue 13.4: 0 % or 100 % of a group under 2 × min is hidden, and then protected like any
    /// hidden cell (total − shown would give it back).
    @Test func extremeSharesInGroupsUnderTwiceTheThresholdAreHidden() {
        let cells = [CellCounts(answered: 6, yes: 0), CellCounts(answered: 20, yes: 9), CellCounts(answered: 30, yes: 12)]
        #expect(disclosedCells(cells, minGroupSize: 5) == [.extreme, .complementary, .shown])
        #expect(disclosedTotal(CellCounts(answered: 9, yes: 9), minGroupSize: 5) == .extreme)
        #expect(disclosedTotal(CellCounts(answered: 10, yes: 10), minGroupSize: 5) == .shown)
        #expect(disclosedTotal(CellCounts(answered: 19, yes: 0), minGroupSize: 10) == .extreme)
    }

    /// Two hidden cells whose people all have the attribute (or none do) give it away: the pool
    /// needs at least min − 1 people with and without it.
    @Test func theHiddenPoolIsBalancedForShares() {
        let cells = [
            CellCounts(answered: 4, yes: 0), CellCounts(answered: 12, yes: 0), CellCounts(answered: 15, yes: 6),
            CellCounts(answered: 40, yes: 20),
        ]
        #expect(disclosedCells(cells, minGroupSize: 5) == [.small, .complementary, .complementary, .shown])
    }

    @Test func aHiddenRowHidesItsCells() {
        let rows = disclosedCells(Self.sizes([4, 6, 20]), minGroupSize: 5)
        let cells = [CellCounts(answered: 4, yes: 1), CellCounts(answered: 6, yes: 3), CellCounts(answered: 20, yes: 9)]
        #expect(disclosedMeasure(cells, rows: rows, minGroupSize: 5) == [.small, .complementary, .shown])
    }
}
