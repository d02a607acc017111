import TestSupport
import Testing
@testable import Scoring

struct DisclosureTests {
    @Test func smallGroupsAreSuppressed() {
        #expect(suppressedCells(groupSizes: [12, 3, 2, 20], minGroupSize: 5) == [false, true, true, false])
    }

    @Test func aLoneSuppressedCellTakesTheNextSmallestWithIt() {
        // With a shown total, 3 = total − (12 + 8 + 20): the 8 must go too.
        #expect(suppressedCells(groupSizes: [12, 3, 8, 20], minGroupSize: 5) == [false, true, true, false])
    }

    @Test func nothingSmallNothingHidden() {
        #expect(suppressedCells(groupSizes: [5, 6, 7], minGroupSize: 5) == [false, false, false])
        #expect(suppressedCells(groupSizes: [], minGroupSize: 5) == [])
    }
}

/// A property test over random breakdowns: whatever the group sizes, no group under the threshold
/// shows a value, and no hidden value can be recovered as total minus the shown cells.
struct DisclosurePropertyTests {
    @Test func noSmallGroupIsShownAndNoneCanBeDerived() {
        var random = SplitMix64(state: 2026)
        for _ in 0..<5_000 {
            let minGroup = Int.random(in: 2...10, using: &random)
            let sizes = (0..<Int.random(in: 1...12, using: &random)).map { _ in Int.random(in: 0...40, using: &random) }
            let hidden = suppressedCells(groupSizes: sizes, minGroupSize: minGroup)
            for (size, isHidden) in zip(sizes, hidden) where size < minGroup {
                #expect(isHidden, "\(sizes) with threshold \(minGroup)")
            }
            // With a shown total, one hidden cell equals total − shown; two or more never do.
            let hiddenCount = hidden.filter { $0 }.count
            #expect(hiddenCount != 1 || sizes.count == 1, "\(sizes) with threshold \(minGroup) hides exactly one cell")
        }
    }

    @Test func extremeSharesInSmallGroupsAreBounds() {
        #expect(shareDisplay(0, groupSize: 9) == .belowTenPercent)
        #expect(shareDisplay(1, groupSize: 5) == .aboveNinetyPercent)
        #expect(shareDisplay(0.4, groupSize: 5) == .exact(0.4))
        #expect(shareDisplay(1, groupSize: 10) == .exact(1))
    }
}
