import AtbalstsCore

/// The respondents who answered every item of a scale (a reversed item scored 100 − value), and
/// Cronbach's alpha over them (SPEC 7): k/(k−1) · (1 − Σ item variances / variance of the sum),
/// variances with n − 1; nil with fewer than two items or two complete cases, or when the sum
/// does not vary. Two passes over the table for all scales and no copy of the cases (issue 19):
/// each sum is still added in respondent order, as a mean and then squared deviations over a
/// column would be, so alpha is the same to the bit.
struct CompleteCases {
    let items: Int
    let count: Int
    let alpha: Double?

    init(_ responses: [ScoredResponse], slots: [Int], reversed: [Bool]) {
        self =
            Self.scales(
                ResponseTable(responses, width: responses.first?.values.raw.count ?? 0), [(slots, reversed)])[0]
    }

    init(items: Int, count: Int, alpha: Double?) {
        (self.items, self.count, self.alpha) = (items, count, alpha)
    }

    /// Each scale's complete cases and alpha, in the order given.
    static func scales(_ table: ResponseTable, _ scales: [(slots: [Int], reversed: [Bool])]) -> [CompleteCases] {
        // One scale's items and, after them, its total: where each lies in the flat arrays below.
        let starts = scales.reduce(into: [0]) { $0.append($0.last! + $1.slots.count + 1) }
        let width = starts.last!
        let slots = scales.flatMap(\.slots)
        let flips = scales.flatMap(\.reversed)
        var counts = [Int](repeating: 0, count: scales.count)
        var sums = [Double](repeating: 0, count: width)
        var squares = sums
        var means = sums
        // The case's scores and total in one scale, or false when an item is blank.
        @inline(__always) func scores(
            _ row: ResponseTable.Row, scale: Int, into values: UnsafeMutablePointer<Double>
        ) -> Bool {
            let items = starts[scale + 1] - starts[scale] - 1
            let first = starts[scale] - scale
            var total = 0.0
            for item in 0..<items {
                let answer = row[slots[first + item]]
                if answer == AnswerValues.missing { return false }
                let value = Double(answer)
                values[item] = flips[first + item] ? 100 - value : value
                total += values[item]
            }
            values[items] = total
            return true
        }
        let values = UnsafeMutablePointer<Double>.allocate(capacity: width)
        defer { values.deallocate() }
        sums.withUnsafeMutableBufferPointer { sums in
            table.forEachRow { row in
                for scale in scales.indices where scores(row, scale: scale, into: values + starts[scale]) {
                    counts[scale] += 1
                    for index in starts[scale]..<starts[scale + 1] { sums[index] += values[index] }
                }
            }
        }
        for scale in scales.indices where counts[scale] > 0 {
            for index in starts[scale]..<starts[scale + 1] { means[index] = sums[index] / Double(counts[scale]) }
        }
        squares.withUnsafeMutableBufferPointer { squares in
            table.forEachRow { row in
                for scale in scales.indices where scores(row, scale: scale, into: values + starts[scale]) {
                    for index in starts[scale]..<starts[scale + 1] {
                        let deviation = values[index] - means[index]
                        squares[index] += deviation * deviation
                    }
                }
            }
        }
        return scales.indices.map { scale in
            let items = scales[scale].slots.count
            let count = items == 0 ? 0 : counts[scale]
            guard items >= 2, count >= 2 else { return CompleteCases(items: items, count: count, alpha: nil) }
            var itemVariances = 0.0
            for item in 0..<items { itemVariances += squares[starts[scale] + item] / Double(count - 1) }
            let totalVariance = squares[starts[scale] + items] / Double(count - 1)
            let alpha = totalVariance > 0 ? Double(items) / Double(items - 1) * (1 - itemVariances / totalVariance) : nil
            return CompleteCases(items: items, count: count, alpha: alpha)
        }
    }
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
