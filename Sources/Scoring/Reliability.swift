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

    init(_ table: ResponseTable, slots: [Int], reversed: [Bool]) {
        items = slots.count
        var values: [Double] = []
        values.reserveCapacity(table.count * items)
        table.forEachRow { row in
            for slot in slots where row[slot] == AnswerValues.missing { return }
            for (slot, flip) in zip(slots, reversed) {
                let value = Double(row[slot])
                values.append(flip ? 100 - value : value)
            }
        }
        self.values = values
    }

    var count: Int { items == 0 ? 0 : values.count / items }

    /// Cronbach's alpha over the complete cases (SPEC 7): k/(k−1) · (1 − Σ item variances /
    /// variance of the sum), variances with n − 1. nil with fewer than two items or two complete
    /// cases, or when the sum does not vary. Plain loops in the order `sampleVariance` adds, so
    /// the result is the same to the bit without a column or total array per item.
    var alpha: Double? {
        let n = count
        guard items >= 2, n >= 2 else { return nil }
        var itemVariances = 0.0
        var totalSum = 0.0
        values.withUnsafeBufferPointer { table in
            for item in 0..<items {
                var sum = 0.0
                for row in 0..<n { sum += table[row * items + item] }
                let mean = sum / Double(n)
                var squares = 0.0
                for row in 0..<n {
                    let deviation = table[row * items + item] - mean
                    squares += deviation * deviation
                }
                itemVariances += squares / Double(n - 1)
            }
        }
        var totals = [Double](repeating: 0, count: n)
        values.withUnsafeBufferPointer { table in
            for row in 0..<n {
                var total = 0.0
                for item in 0..<items { total += table[row * items + item] }
                totals[row] = total
                totalSum += total
            }
        }
        let totalMean = totalSum / Double(n)
        var totalSquares = 0.0
        for total in totals { totalSquares += (total - totalMean) * (total - totalMean) }
        let totalVariance = totalSquares / Double(n - 1)
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
