import Scoring
import Testing

/// Īstenošana's "beyond the intervals" (SPEC 12.1): the two 95 % Wilson intervals do not overlap.
struct PlanFollowUpChangeTests {
    /// 4/40 → [0.040, 0.231] and 30/40 → [0.598, 0.858] (Wilson by hand): apart, need increased.
    @Test func intervalsApartAreAChange() {
        let change = PlanFollowUp.Change(
            before: Proportion(4, of: 40), now: Proportion(30, of: 40), beforeStatus: .shown, nowStatus: .shown)
        #expect(change.beyondIntervals == true)
        #expect(change.direction == .increased)
        let back = PlanFollowUp.Change(
            before: Proportion(30, of: 40), now: Proportion(4, of: 40), beforeStatus: .shown, nowStatus: .shown)
        #expect(back.direction == .decreased)
    }

    /// 20/40 → [0.352, 0.648] and 22/40 → [0.398, 0.693]: overlapping, no change claimed.
    @Test func overlappingIntervalsAreNoChange() {
        let change = PlanFollowUp.Change(
            before: Proportion(20, of: 40), now: Proportion(22, of: 40), beforeStatus: .shown, nowStatus: .shown)
        #expect(change.beyondIntervals == false)
        #expect(change.direction == .unchanged)
    }

    /// SPEC 8: a hidden share in either wave says nothing about the change.
    @Test func aHiddenShareGivesNoVerdict() {
        let change = PlanFollowUp.Change(
            before: Proportion(0, of: 3), now: Proportion(30, of: 40), beforeStatus: .small, nowStatus: .shown)
        #expect(change.beyondIntervals == nil)
        #expect(change.direction == .unknown)
    }
}
