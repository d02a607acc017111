/// SPEC 8 disclosure control: what a reader sees in each cell of a breakdown with a shown total.
public enum CellStatus: Hashable, Sendable {
    case shown
    /// Primary: fewer than `minGroupSize` people answered this item in this group (`<N`).
    case small
    /// Complementary: hidden so that a small group cannot be worked out from the total (`×`).
    case complementary
    /// A share of 0 % or 100 % in a group under 2 × `minGroupSize`: says something about everyone in it.
    case extreme
    /// The group has no respondents, or none of them answered: "nav atbilžu" — not a hidden cell.
    case noAnswers
    /// Nobody in the wave was asked the item: "nav jautāts" — not a hidden cell.
    case notAsked

    /// A cell whose number exists but is withheld; the total minus the shown cells is their sum.
    public var isHidden: Bool {
        switch self {
        case .small, .complementary, .extreme: true
        case .shown, .noAnswers, .notAsked: false
        }
    }
}

/// What one cell rests on: the people who answered the item, and for a share how many of them
/// have the attribute (nil for a mean or a head count).
public struct CellCounts: Hashable, Sendable {
    public var answered: Int
    public var yes: Int?

    public init(answered: Int, yes: Int? = nil) {
        self.answered = answered
        self.yes = yes
    }
}

/// SPEC 8 for one cell with no breakdown around it (a municipality total, one institution's figure).
public func disclosedTotal(_ counts: CellCounts, minGroupSize: Int, asked: Bool = true) -> CellStatus {
    disclosedCells([counts], minGroupSize: minGroupSize, asked: asked, complementary: false)[0]
}

/// SPEC 8 for one column of a breakdown with a shown total.
///
/// Primary on the people who answered *that* item; extremes in groups under 2 × `minGroupSize`;
/// then complementary: the hidden non-empty cells together must be at least two, hold at least
/// `minGroupSize` people, and — for a share — at least `minGroupSize − 1` people with and without
/// the attribute; for head counts, `<N` cells alone must not pin each other — so that no hidden
/// cell's count is pinned by total − shown. Until they do, the smallest shown cell is hidden too.
/// `forced` carries a status decided elsewhere (the group's whole row hidden in the n column).
public func disclosedCells(
    _ cells: [CellCounts], forced: [CellStatus?] = [], minGroupSize: Int, asked: Bool = true,
    complementary: Bool = true
) -> [CellStatus] {
    guard asked else { return cells.map { _ in .notAsked } }
    var status = cells.indices.map { index -> CellStatus in
        if index < forced.count, let imposed = forced[index] { return imposed }
        let cell = cells[index]
        if cell.answered == 0 { return .noAnswers }
        if cell.answered < minGroupSize { return .small }
        if let yes = cell.yes, cell.answered < 2 * minGroupSize, yes == 0 || yes == cell.answered { return .extreme }
        return .shown
    }
    guard complementary else { return status }

    func hiddenPool() -> (cells: Int, people: Int, yes: Int?) {
        let hidden = cells.indices.filter { status[$0].isHidden && cells[$0].answered > 0 }
        let yes = hidden.allSatisfy({ cells[$0].yes != nil }) ? hidden.reduce(0) { $0 + cells[$1].yes! } : nil
        return (hidden.count, hidden.reduce(0) { $0 + cells[$1].answered }, yes)
    }
    func safe() -> Bool {
        let pool = hiddenPool()
        if pool.cells == 0 { return true }
        guard pool.cells >= 2, pool.people >= minGroupSize else { return false }
        if let yes = pool.yes { return yes >= minGroupSize - 1 && pool.people - yes >= minGroupSize - 1 }
        // Head counts: a reader knows that a `<N` cell holds at most N − 1. `<N` cells alone whose
        // sum leaves no room below that (4 + 4 = 8 with N = 5) pin each other: hide one more.
        let small = cells.indices.filter { status[$0] == .small && cells[$0].answered > 0 }.count
        return small < pool.cells || pool.people - (small - 1) * (minGroupSize - 1) < minGroupSize - 1
    }
    func hideNextSmallest() -> Bool {
        let candidates = cells.indices.filter { status[$0] == .shown }
        guard let next = candidates.min(by: { (cells[$0].answered, $0) < (cells[$1].answered, $1) }) else { return false }
        status[next] = .complementary
        return true
    }
    // When even every cell hidden cannot balance the pool (the column holds fewer than N − 1 people
    // with or without the attribute), every cell stays hidden: the total alone then bounds each
    // cell by what it says of everyone, never to "none of this small group".
    while !safe(), hideNextSmallest() {}
    return status
}

/// The statuses of the cells of one measure down a breakdown whose rows have their own status
/// (from the n column): a hidden row hides its cells, an empty one shows "no answers".
public func disclosedMeasure(
    _ cells: [CellCounts], rows: [CellStatus], minGroupSize: Int, asked: Bool = true
) -> [CellStatus] {
    let forced: [CellStatus?] = rows.map { row in
        switch row {
        case .small, .complementary: row
        case .noAnswers: .noAnswers
        case .shown, .extreme, .notAsked: nil
        }
    }
    return disclosedCells(cells, forced: forced, minGroupSize: minGroupSize, asked: asked)
}

/// A share of 0 % or 100 % in a group under 2 × `minGroupSize` tells something about every member
/// (all stressed, none answered "yes"); SPEC 8 "Extremes".
public func isExtremeShare(yes: Int, of answered: Int, minGroupSize: Int) -> Bool {
    answered > 0 && answered < 2 * minGroupSize && (yes == 0 || yes == answered)
}
