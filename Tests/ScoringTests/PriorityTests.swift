import Testing

@testable import Scoring

struct PriorityTests {
    /// 10 answers: levels 3,3,3,2,2,1,1,0,0,3 → high 4/10, level sum 18, intensity 18/30 = 0.6.
    static let digital = NeedCounts(answered: 10, high: 4, levelSum: 18)
    /// 10 answers: high 1/10, level sum 9, intensity 0.3.
    static let exams = NeedCounts(answered: 10, high: 1, levelSum: 9)

    @Test func needCountsFromLevels() {
        var counts = NeedCounts()
        for level in [3, 3, 3, 2, 2, 1, 1, 0, 0, 3] { counts.add(level: level) }
        #expect(counts == Self.digital)
        #expect(counts.highNeed.share == 0.4)
        #expect(abs(counts.intensity! - 0.6) < 1e-12)
    }

    @Test func scoreDropsAbsentComponents() {
        // (0.4·0.4 + 0.2·0.6 + 0.1·0.5) / 0.7 = 0.33 / 0.7 = 0.4714… → 47.1
        let input = PriorityInput(areaID: "digital", counts: Self.digital, breadth: 0.5, gap: nil, trend: nil)
        #expect(priorityScore(input, weights: PriorityWeights()) == 47.1)
    }

    @Test func scoreWithEveryComponent() {
        // 0.4·0.4 + 0.2·0.6 + 0.2·0.5 + 0.1·0.5 + 0.1·0.2 = 0.45 over weight 1.0 → 45.0
        let input = PriorityInput(areaID: "digital", counts: Self.digital, breadth: 0.5, gap: 0.5, trend: 0.2)
        #expect(priorityScore(input, weights: PriorityWeights()) == 45.0)
    }

    @Test func nobodyAnsweredHasNoScore() {
        let input = PriorityInput(areaID: "x", counts: NeedCounts(), breadth: nil, gap: nil, trend: nil)
        #expect(priorityScore(input, weights: PriorityWeights()) == nil)
    }

    @Test func roundingIsHalfAwayFromZero() {
        #expect(roundedToTenth(47.25) == 47.3)
        #expect(roundedToTenth(47.24) == 47.2)
    }

    @Test func rankingAndTies() {
        let inputs = [
            PriorityInput(areaID: "exams", counts: Self.exams, breadth: nil, gap: nil, trend: nil),
            PriorityInput(areaID: "digital", counts: Self.digital, breadth: nil, gap: nil, trend: nil),
            // Same counts as digital: tie on score and share, broken by id.
            PriorityInput(areaID: "assessment", counts: Self.digital, breadth: nil, gap: nil, trend: nil),
        ]
        let ranked = rankPriorities(inputs, weights: PriorityWeights())
        #expect(ranked.map(\.input.areaID) == ["assessment", "digital", "exams"])
        #expect(ranked.map(\.rank) == [1, 2, 3])
        // (0.4·0.4 + 0.2·0.6)/0.6 = 0.4667 → 46.7; exams (0.04 + 0.06)/0.6 → 16.7
        #expect(ranked.map(\.score) == [46.7, 46.7, 16.7])
    }

    @Test func stabilityComparesNeighbouringIntervals() {
        let wide = NeedCounts(answered: 200, high: 160, levelSum: 560)  // 0.8, CI ≈ 0.74–0.85
        let low = NeedCounts(answered: 200, high: 20, levelSum: 200)  // 0.1, CI ≈ 0.07–0.15
        let near = NeedCounts(answered: 200, high: 24, levelSum: 210)  // 0.12, overlaps `low`
        let ranked = rankPriorities(
            [
                PriorityInput(areaID: "a", counts: wide, breadth: nil, gap: nil, trend: nil),
                PriorityInput(areaID: "b", counts: near, breadth: nil, gap: nil, trend: nil),
                PriorityInput(areaID: "c", counts: low, breadth: nil, gap: nil, trend: nil),
            ], weights: PriorityWeights())
        #expect(ranked.map(\.input.areaID) == ["a", "b", "c"])
        #expect(ranked.map(\.stable) == [true, false, false])
    }

    @Test func breadthCountsOnlyLargeEnoughInstitutions() {
        var big = GroupNeeds(areaCount: 1)  // 2 of 6 high = 0.33 ≥ 0.25
        big.respondents = 6
        big.areas[0] = NeedCounts(answered: 6, high: 2, levelSum: 10)
        var small = GroupNeeds(areaCount: 1)  // 4 respondents: not counted at all
        small.respondents = 4
        small.areas[0] = NeedCounts(answered: 4, high: 4, levelSum: 12)
        var calm = GroupNeeds(areaCount: 1)  // 1 of 10 = 0.1
        calm.respondents = 10
        calm.areas[0] = NeedCounts(answered: 10, high: 1, levelSum: 8)
        let published: [CellStatus] = [.shown, .small, .shown]
        #expect(breadth(area: 0, institutions: [big, small, calm], published: published, threshold: 0.25) == 0.5)
        #expect(breadth(area: 0, institutions: [small], published: [.small], threshold: 0.25) == nil)
    }

    /// Issue 13.6: an institution of 5 where one skipped the area rests on 4 answers there; its
    /// share is not published, so breadth does not count it.
    @Test func breadthCountsOnlyPublishedCellsOfTheArea() {
        var skipped = GroupNeeds(areaCount: 1)
        skipped.respondents = 5
        skipped.areas[0] = NeedCounts(answered: 4, high: 1, levelSum: 6)
        var other = GroupNeeds(areaCount: 1)
        other.respondents = 12
        other.areas[0] = NeedCounts(answered: 12, high: 1, levelSum: 9)
        let cells = [skipped, other].map { CellCounts(answered: $0.areas[0].answered, yes: $0.areas[0].high) }
        let published = disclosedCells(cells, minGroupSize: 5)
        // 4 answers: primary; the 12 goes with it, or total − 12 would give the 4 away.
        #expect(published == [.small, .complementary])
        #expect(breadth(area: 0, institutions: [skipped, other], published: published, threshold: 0.25) == nil)
    }

    @Test func trendIsNeverNegative() {
        #expect(abs(trend(current: 0.3, previous: 0.2)! - 0.1) < 1e-12)
        #expect(trend(current: 0.1, previous: 0.2) == 0)
        #expect(trend(current: 0.1, previous: nil) == nil)
    }
}
