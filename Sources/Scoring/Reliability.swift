import AtbalstsCore

/// The respondents who answered every item of a scale, as one flat row-major table (a reversed
/// item scored 100 − value): what alpha is computed from, without an array per respondent.
struct CompleteCases {
    let items: Int
    private(set) var values: [Double] = []

    init(_ responses: [ScoredResponse], slots: [Int], reversed: [Bool]) {
        items = slots.count
        values.reserveCapacity(responses.count * items)
        for response in responses {
            guard slots.allSatisfy({ response.values[$0] != nil }) else { continue }
            for (slot, flip) in zip(slots, reversed) {
                let value = Double(response.values[slot]!)
                values.append(flip ? 100 - value : value)
            }
        }
    }

    var count: Int { items == 0 ? 0 : values.count / items }

    /// Cronbach's alpha over the complete cases (SPEC 7): k/(k−1) · (1 − Σ item variances /
    /// variance of the sum), variances with n − 1. nil with fewer than two items or two complete
    /// cases, or when the sum does not vary.
    var alpha: Double? {
        let n = count
        guard items >= 2, n >= 2 else { return nil }
        var itemVariances = 0.0
        for item in 0..<items {
            itemVariances += sampleVariance(stride(from: item, to: values.count, by: items).map { values[$0] })
        }
        let totals = (0..<n).map { row in values[(row * items)..<((row + 1) * items)].reduce(0, +) }
        let totalVariance = sampleVariance(totals)
        guard totalVariance > 0 else { return nil }
        return Double(items) / Double(items - 1) * (1 - itemVariances / totalVariance)
    }
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
