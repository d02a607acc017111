/// SPEC 8 disclosure control for one line (row or column) of a breakdown with a shown total.
///
/// Primary: a group smaller than `minGroupSize` is suppressed. Secondary: if that leaves exactly
/// one suppressed cell, the total would give it away, so the next smallest cell is suppressed too.
public func suppressedCells(groupSizes: [Int], minGroupSize: Int) -> [Bool] {
    var suppressed = groupSizes.map { $0 < minGroupSize }
    if suppressed.filter({ $0 }).count == 1,
       let next = groupSizes.indices.filter({ !suppressed[$0] }).min(by: { groupSizes[$0] < groupSizes[$1] })
    {
        suppressed[next] = true
    }
    return suppressed
}

/// A value that is shown or withheld for disclosure control.
public enum Disclosed<Value: Hashable & Sendable>: Hashable, Sendable {
    case shown(Value)
    case suppressed

    public var value: Value? {
        if case .shown(let value) = self { return value }
        return nil
    }
}

/// A share of 0 % or 100 % in a small group tells something about every member (all stressed,
/// none answered "yes"), so below this many people such a share is shown only as a bound.
public let exactExtremeShareMinimum = 10

public enum ShareDisplay: Equatable, Sendable {
    case exact(Double)
    case belowTenPercent
    case aboveNinetyPercent
}

/// SPEC 8 / issue 6: 0 % and 100 % in groups under 10 are not shown as exact.
public func shareDisplay(_ share: Double, groupSize: Int) -> ShareDisplay {
    guard groupSize < exactExtremeShareMinimum else { return .exact(share) }
    if share == 0 { return .belowTenPercent }
    if share == 1 { return .aboveNinetyPercent }
    return .exact(share)
}
