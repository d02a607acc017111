import AtbalstsCore

/// How an earlier wave's association plans (MA plāni) were carried out (SPEC 12.1): each action
/// with its status, and its learning area's high-need share in the action's need area when
/// planned and now — each shown only where SPEC 8 lets it be (at least `minGroupSize` answers,
/// no 0 % or 100 % in a group under twice that).
public struct AssociationFollowUp: Sendable {
    public struct Item: Sendable {
        public let action: PlanAction
        public let change: PlanFollowUp.Change
    }

    public let items: [Item]

    public init(
        actions: [PlanAction], before: [ScoredResponse], now: [ScoredResponse], instrument: Instrument, minGroupSize: Int
    ) {
        var changes: [String: PlanFollowUp.Change] = [:]
        items = actions.compactMap { action -> Item? in
            guard let learningArea = action.learningArea else { return nil }
            let key = "\(learningArea)|\(action.area)"
            if let known = changes[key] { return Item(action: action, change: known) }
            func share(_ responses: [ScoredResponse]) -> (Proportion?, CellStatus) {
                guard
                    let found = AssociationPlans.share(
                        of: action.area, in: learningArea, responses: responses, instrument: instrument, minGroupSize: minGroupSize)
                else { return (nil, .notAsked) }
                return (found.status == .shown ? found.share : nil, found.status)
            }
            let (then, thenStatus) = share(before)
            let (current, currentStatus) = share(now)
            let change = PlanFollowUp.Change(before: then, now: current, beforeStatus: thenStatus, nowStatus: currentStatus)
            changes[key] = change
            return Item(action: action, change: change)
        }
    }
}
