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
