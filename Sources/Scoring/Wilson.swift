import Foundation

/// A share k/n with its 95 % Wilson score interval (SPEC 7).
public struct Proportion: Hashable, Sendable, Codable {
    public let successes: Int
    public let trials: Int

    public init(_ successes: Int, of trials: Int) {
        precondition(0 <= successes && successes <= trials, "a share needs 0 ≤ k ≤ n")
        self.successes = successes
        self.trials = trials
    }

    /// nil when nobody answered.
    public var share: Double? { trials == 0 ? nil : Double(successes) / Double(trials) }

    public var wilson: WilsonInterval? { WilsonInterval(successes: successes, trials: trials) }
}

public struct WilsonInterval: Hashable, Sendable {
    public let low: Double
    public let high: Double

    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }

    /// Wilson (1927): centre (p + z²/2n) / (1 + z²/n), half-width z·√(p(1−p)/n + z²/4n²) / (1 + z²/n).
    public init?(successes k: Int, trials n: Int, z: Double = 1.96) {
        guard n > 0 else { return nil }
        let n = Double(n)
        let p = Double(k) / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let halfWidth = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
        // At k = 0 and k = n the bound is exactly 0 or 1; rounding must not move it inside.
        low = k == 0 ? 0 : max(0, centre - halfWidth)
        high = k == Int(n) ? 1 : min(1, centre + halfWidth)
    }

    public func overlaps(_ other: WilsonInterval) -> Bool {
        low <= other.high && other.low <= high
    }
}
