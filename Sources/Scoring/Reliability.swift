/// Cronbach's alpha over complete cases (SPEC 7): k/(k−1) · (1 − Σ item variances / variance of
/// the sum), variances with n − 1. nil with fewer than two items or two complete cases, or when
/// the sum does not vary.
public func cronbachAlpha(_ rows: [[Double?]]) -> (alpha: Double, cases: Int)? {
    let complete = rows.compactMap { row -> [Double]? in
        let values = row.compactMap { $0 }
        return values.count == row.count ? values : nil
    }
    guard let k = complete.first?.count, k >= 2, complete.count >= 2 else { return nil }
    let itemVariances = (0..<k).map { item in sampleVariance(complete.map { $0[item] }) }
    let totalVariance = sampleVariance(complete.map { $0.reduce(0, +) })
    guard totalVariance > 0 else { return nil }
    let alpha = Double(k) / Double(k - 1) * (1 - itemVariances.reduce(0, +) / totalVariance)
    return (alpha, complete.count)
}

func sampleVariance(_ values: [Double]) -> Double {
    let mean = values.reduce(0, +) / Double(values.count)
    return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
}

/// A plain-words reading of alpha for the methodology sheet (George & Mallery's rule of thumb).
public enum ReliabilityVerdict: String, Sendable {
    case excellent, good, acceptable, questionable, poor, unacceptable

    public init(alpha: Double) {
        switch alpha {
        case 0.9...: self = .excellent
        case 0.8..<0.9: self = .good
        case 0.7..<0.8: self = .acceptable
        case 0.6..<0.7: self = .questionable
        case 0.5..<0.6: self = .poor
        default: self = .unacceptable
        }
    }
}
