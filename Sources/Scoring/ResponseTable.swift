import AtbalstsCore

/// One wave's answers as one flat row-major table of `Int16` (`AnswerValues.missing` for a
/// blank), each response's institution as a number: what the indicators of a wave count over.
/// Built once per wave (issue 19): at national scale, walking `[ScoredResponse]` again for each
/// indicator — a heap array and two Strings per response, retained on every visit — and hashing
/// the institution code per response per indicator cost several times the counting itself.
public struct ResponseTable: Sendable {
    /// Responses, in the order they were given.
    public let count: Int
    /// Slots per response (`Instrument.slots.count`).
    public let width: Int
    private let values: [Int16]
    /// The distinct institution codes, in order of first appearance.
    public let institutionCodes: [String]
    /// Per response: its institution's position in `institutionCodes`.
    private let institutionIndex: [Int32]

    public init(_ responses: [ScoredResponse], instrument: Instrument) {
        self.init(responses, width: instrument.slots.count)
    }

    init(_ responses: [ScoredResponse], width: Int) {
        var answers = AnswerTable(width: width)
        answers.reserveCapacity(responses.count)
        // Through a buffer pointer: iterating the array itself copied (retained) each response.
        responses.withUnsafeBufferPointer { responses in
            for row in responses.indices { answers.append(responses[row]) }
        }
        self.init(answers)
    }

    /// The table of answers the store read a wave into.
    public init(_ answers: AnswerTable) {
        count = answers.count
        width = answers.width
        values = answers.values
        institutionCodes = answers.institutionCodes
        institutionIndex = answers.institutionIndex
    }

    /// One response's answers, read in place.
    struct Row {
        let answers: UnsafePointer<Int16>
        /// Position of the response's institution in `institutionCodes`.
        let institution: Int

        @inline(__always) subscript(slot: Int) -> Int16 { answers[slot] }

        /// The answer as a number, nil when blank.
        @inline(__always) func value(_ slot: Int) -> Int? {
            answers[slot] == AnswerValues.missing ? nil : Int(answers[slot])
        }
    }

    /// Calls `body` with every response in order, without copying its answers.
    @inline(__always) func forEachRow(_ body: (Row) -> Void) {
        values.withUnsafeBufferPointer { table in
            institutionIndex.withUnsafeBufferPointer { institutions in
                guard let base = table.baseAddress else {
                    // No slots at all: every response still counts, with nothing to read.
                    let none = [AnswerValues.missing]
                    none.withUnsafeBufferPointer { none in
                        for row in 0..<count { body(Row(answers: none.baseAddress!, institution: Int(institutions[row]))) }
                    }
                    return
                }
                for row in 0..<count {
                    body(Row(answers: base + row * width, institution: Int(institutions[row])))
                }
            }
        }
    }

    /// Per entry of `codes`: its position among `institutionCodes`, or nil when no response is from it.
    func positions(of codes: [String]) -> [Int?] {
        var position: [String: Int] = [:]
        for (index, code) in institutionCodes.enumerated() { position[code] = index }
        return codes.map { position[$0] }
    }

    /// Per entry of `institutionCodes`: the first of `codes` that names it, or -1.
    func firstPositions(in codes: [String]) -> [Int] {
        var first: [String: Int] = [:]
        for (index, code) in codes.enumerated() where first[code] == nil { first[code] = index }
        return institutionCodes.map { first[$0] ?? -1 }
    }

    /// Responses per institution code.
    public var respondentsByInstitution: [String: Int] {
        var counts = [Int](repeating: 0, count: institutionCodes.count)
        for index in institutionIndex { counts[Int(index)] += 1 }
        return Dictionary(uniqueKeysWithValues: zip(institutionCodes, counts))
    }
}
