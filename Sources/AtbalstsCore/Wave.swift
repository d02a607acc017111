import Foundation

/// One survey round: a school year and a term, written `2026-27-autumn` (SPEC 2).
public struct Wave: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Term: String, Sendable, CaseIterable {
        case autumn, spring
        var order: Int { self == .autumn ? 0 : 1 }
    }

    public let startYear: Int
    public let term: Term

    public init(startYear: Int, term: Term) {
        self.startYear = startYear
        self.term = term
    }

    /// Parses `YYYY-YY-term`; the second year must follow the first.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2,
            let start = Int(parts[0]), let end = Int(parts[1]),
            (start + 1) % 100 == end, let term = Term(rawValue: String(parts[2]))
        else { return nil }
        self.init(startYear: start, term: term)
    }

    public var id: String {
        String(format: "%04d-%02d-%@", startYear, (startYear + 1) % 100, term.rawValue)
    }

    public var description: String { id }

    /// The term that follows: autumn → spring of the same school year → autumn of the next.
    public var next: Wave {
        term == .autumn ? Wave(startYear: startYear, term: .spring) : Wave(startYear: startYear + 1, term: .autumn)
    }

    public static func < (lhs: Wave, rhs: Wave) -> Bool {
        (lhs.startYear, lhs.term.order) < (rhs.startYear, rhs.term.order)
    }
}
