/// Numeric answers of one response, one entry per `Instrument.slots` element.
///
/// Stored as `Int16` with a sentinel for "not answered" so that national-scale waves
/// (300,000 respondents × ~100 slots) stay small in memory.
public struct AnswerValues: Hashable, Sendable {
    public static let missing = Int16.min
    public var raw: [Int16]

    @inlinable public init(count: Int) { raw = Array(repeating: Self.missing, count: count) }
    @inlinable public init(raw: [Int16]) { self.raw = raw }

    /// Inlinable: scoring and import read it millions of times from other modules.
    @inlinable public subscript(slot: Int) -> Int? {
        get { raw[slot] == Self.missing ? nil : Int(raw[slot]) }
        set { raw[slot] = newValue.map { Int16($0) } ?? Self.missing }
    }
}

/// A response as the scoring stage sees it: no e-mail, no name, a pseudonymous key.
public struct ScoredResponse: Sendable {
    public let respondentKey: String
    public let institution: String
    public let values: AnswerValues

    public init(respondentKey: String, institution: String, values: AnswerValues) {
        self.respondentKey = respondentKey
        self.institution = institution
        self.values = values
    }
}
