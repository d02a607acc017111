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

/// One wave's counted answers as a single flat row-major table of `Int16` (`AnswerValues.missing`
/// for a blank), each response's institution as a number: what the store reads a wave into for
/// scoring, with no `ScoredResponse` (a heap array and two `String`s) per response (issue 19).
public struct AnswerTable: Sendable {
    /// Slots per response (`Instrument.slots.count`).
    public let width: Int
    /// `count × width` answers, response after response.
    public private(set) var values: [Int16] = []
    /// The distinct institution codes, in order of first appearance.
    public private(set) var institutionCodes: [String] = []
    /// Per response: its institution's position in `institutionCodes`.
    public private(set) var institutionIndex: [Int32] = []
    private var position: [String: Int32] = [:]

    public init(width: Int) { self.width = width }

    public var count: Int { institutionIndex.count }

    public mutating func reserveCapacity(_ responses: Int) {
        values.reserveCapacity(responses * width)
        institutionIndex.reserveCapacity(responses)
    }

    /// Appends one response: `fill` writes its `width` answers, each already `missing` on entry.
    public mutating func append(institution: String, _ fill: (UnsafeMutableBufferPointer<Int16>) -> Void) {
        appendInstitution(institution)
        let start = values.count
        values.append(contentsOf: repeatElement(AnswerValues.missing, count: width))
        values.withUnsafeMutableBufferPointer { fill(UnsafeMutableBufferPointer(rebasing: $0[start..<(start + width)])) }
    }

    /// Appends one response whose `width` answers are read from `answers`.
    public mutating func append(institution: String, answers: UnsafeBufferPointer<Int16>) {
        precondition(answers.count == width, "a response has \(answers.count) answers for \(width) slots")
        appendInstitution(institution)
        values.append(contentsOf: answers)
    }

    public mutating func append(_ response: ScoredResponse) {
        append(institution: response.institution, values: response.values)
    }

    public mutating func append(institution: String, values answers: AnswerValues) {
        precondition(answers.raw.count == width, "a response has \(answers.raw.count) answers for \(width) slots")
        appendInstitution(institution)
        values.append(contentsOf: answers.raw)
    }

    /// Appends every response of `other`, read with the same width.
    public mutating func append(contentsOf other: AnswerTable) { append(contentsOf: other, leaving: []) }

    /// Appends the responses of `other` but those whose rows (0-based) `leaving` lists, in order.
    public mutating func append(contentsOf other: AnswerTable, leaving: Set<Int>) {
        precondition(other.width == width, "tables of \(other.width) and \(width) slots")
        // Numbered on first use: a code whose rows are all left out is not this table's.
        var renumbered = [Int32](repeating: -1, count: other.institutionCodes.count)
        // Runs of kept rows, their answers copied at once.
        var start = 0
        for end in leaving.filter({ $0 >= 0 && $0 < other.count }).sorted() + [other.count] {
            if start < end {
                values.append(contentsOf: other.values[(start * width)..<(end * width)])
                for row in start..<end {
                    let code = Int(other.institutionIndex[row])
                    if renumbered[code] < 0 { renumbered[code] = number(other.institutionCodes[code]) }
                    institutionIndex.append(renumbered[code])
                }
            }
            start = end + 1
        }
    }

    /// Takes out the rows (0-based) `rows` lists, in place: what `append(contentsOf:leaving:)`
    /// into an empty table gives, institution codes numbered in order of first appearance among
    /// the rows left, without a second table (issue 19: at 300,000 responses the copy was 60 MB
    /// of fresh pages, 30 ms of a run's single-threaded end).
    public mutating func removeRows(_ rows: Set<Int>) {
        let removed = rows.filter { $0 >= 0 && $0 < count }.sorted()
        guard !removed.isEmpty else { return }
        let width = width
        let total = count
        values.withUnsafeMutableBytes { values in
            institutionIndex.withUnsafeMutableBufferPointer { institutions in
                // Each run of rows after a removed one moves down over the gap (memmove).
                var written = removed[0]
                for (index, row) in removed.enumerated() {
                    let end = index + 1 < removed.count ? removed[index + 1] : total
                    let length = end - (row + 1)
                    guard length > 0 else { continue }
                    let rowBytes = width * MemoryLayout<Int16>.stride
                    if rowBytes > 0 {
                        (values.baseAddress! + written * rowBytes).copyMemory(
                            from: values.baseAddress! + (row + 1) * rowBytes, byteCount: length * rowBytes)
                    }
                    UnsafeMutableRawPointer(institutions.baseAddress! + written).copyMemory(
                        from: institutions.baseAddress! + row + 1, byteCount: length * MemoryLayout<Int32>.stride)
                    written += length
                }
            }
        }
        values.removeLast(removed.count * width)
        institutionIndex.removeLast(removed.count)
        // Renumbered in order of first appearance among the rows left.
        let codes = institutionCodes
        var renumbered = [Int32](repeating: -1, count: codes.count)
        var order: [String] = []
        institutionIndex.withUnsafeMutableBufferPointer { institutions in
            for row in institutions.indices {
                let code = Int(institutions[row])
                if renumbered[code] < 0 {
                    renumbered[code] = Int32(order.count)
                    order.append(codes[code])
                }
                institutions[row] = renumbered[code]
            }
        }
        institutionCodes = order
        position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, Int32($0)) })
    }

    private mutating func appendInstitution(_ code: String) { institutionIndex.append(number(code)) }

    private mutating func number(_ code: String) -> Int32 {
        if let known = position[code] { return known }
        let next = Int32(institutionCodes.count)
        position[code] = next
        institutionCodes.append(code)
        return next
    }
}
