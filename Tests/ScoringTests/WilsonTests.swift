import Testing

@testable import Scoring

/// Golden values worked by hand from Wilson's formula with z = 1.96 (z² = 3.8416):
/// centre = (p + z²/2n)/(1 + z²/n), half-width = z·√(p(1−p)/n + z²/4n²)/(1 + z²/n).
struct WilsonTests {
    @Test func nobodyAnsweredHasNoInterval() {
        #expect(WilsonInterval(successes: 0, trials: 0) == nil)
        #expect(Proportion(0, of: 0).share == nil)
    }

    static let root = 0.086416.squareRoot()
    static let cases: [(k: Int, n: Int, low: Double, high: Double)] = [
        // n = 1, k = 0: centre = half-width = 1.9208/4.8416, so high = 3.8416/4.8416.
        (0, 1, 0.0, 3.8416 / 4.8416),
        (1, 1, 1.0 - 3.8416 / 4.8416, 1.0),
        // n = 5, k = 0: centre = half-width = 0.38416/1.76832, high = 0.76832/1.76832.
        (0, 5, 0.0, 0.76832 / 1.76832),
        (5, 5, 1.0 - 0.76832 / 1.76832, 1.0),
        // n = 5, k = 2: centre 0.78416/1.76832, half-width 1.96·√0.086416/1.76832
        // (published: 0.1176 – 0.7693).
        (2, 5, (0.78416 - 1.96 * root) / 1.76832, (0.78416 + 1.96 * root) / 1.76832),
    ]

    @Test(arguments: 0..<cases.count)
    func handWorkedIntervals(index: Int) throws {
        let (k, n, low, high) = Self.cases[index]
        let interval = try #require(WilsonInterval(successes: k, trials: n))
        #expect(abs(interval.low - low) < 1e-12)
        #expect(abs(interval.high - high) < 1e-12)
    }

    @Test func intervalContainsTheShare() throws {
        for n in 1...40 {
            for k in 0...n {
                let interval = try #require(WilsonInterval(successes: k, trials: n))
                let share = Double(k) / Double(n)
                #expect(interval.low <= share && share <= interval.high)
            }
        }
    }

    @Test func overlap() {
        let a = WilsonInterval(low: 0.1, high: 0.3)
        #expect(a.overlaps(WilsonInterval(low: 0.3, high: 0.5)))
        #expect(!a.overlaps(WilsonInterval(low: 0.31, high: 0.5)))
    }
}
