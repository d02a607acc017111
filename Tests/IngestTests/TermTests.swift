import TestSupport
import Testing

@testable import Ingest

/// A submission time falls within the wave's term as the text comparison says: at or after the
/// term's first moment and on or before its last day (SPEC 5 `wave_dates`). Compared as bytes
/// now, it must agree with `String`'s comparison on every time and term, the edges included.
struct TermTests {
    @Test func theByteComparisonAgreesWithTheTextComparison() {
        var random = SplitMix64(state: 0x7E2)
        func date() -> String {
            let month = 9 + Int(random.next() % 4)
            let day = 1 + Int(random.next() % 28)
            return "2026-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        }
        func time() -> String {
            let hour = Int(random.next() % 24)
            return date() + " \(hour < 10 ? "0" : "")\(hour):\(random.next() % 2 == 0 ? "00:00" : "59:59")"
        }
        var inside = 0
        var outside = 0
        for _ in 0..<20_000 {
            let (first, last) = (date(), date())
            guard first <= last else { continue }
            // As `Wave.termWindow` makes it: first day ... last day.
            let term = first...last
            for time in [time(), first + " 00:00:00", last + " 23:59:59", last + " 00:00:00"] {
                let expected = time >= term.lowerBound && time.prefix(10) <= term.upperBound
                #expect(ResponseMapper.falls(time, within: term) == expected, "\(time) in \(term)")
                if expected { inside += 1 } else { outside += 1 }
            }
        }
        #expect(inside > 5_000 && outside > 5_000)
    }
}
