import AtbalstsCore
import TestSupport
import Testing

@testable import Scoring

/// The flat table a wave's answers are scored from (`AnswerTable`): joined from parts, rows left
/// out, it holds what a plain list of the same responses holds.
struct AnswerTableTests {
    @Test func joinedAndFilteredItHoldsWhatAPlainListHolds() {
        var random = SplitMix64(state: 97)
        for round in 0..<200 {
            let width = Int(random.next() % 4)
            func responses(_ count: Int) -> [ScoredResponse] {
                (0..<count).map { _ in
                    ScoredResponse(
                        respondentKey: "", institution: "I\(random.next() % 5)",
                        values: AnswerValues(raw: (0..<width).map { _ in Int16(random.next() % 7) - 1 }))
                }
            }
            let first = responses(Int(random.next() % 12))
            let second = responses(Int(random.next() % 12))
            var leaving = Set<Int>()
            for _ in 0..<Int(random.next() % 6) { leaving.insert(Int(random.next() % 14) - 1) }
            if round % 10 == 0 { leaving = Set(second.indices) }

            var table = AnswerTable(width: width)
            for response in first { table.append(response) }
            var other = AnswerTable(width: width)
            for response in second { other.append(response) }
            table.append(contentsOf: other, leaving: leaving)

            let expected = first + second.indices.filter { !leaving.contains($0) }.map { second[$0] }
            #expect(table.count == expected.count)
            #expect(table.values == expected.flatMap(\.values.raw))
            #expect(table.institutionIndex.map { table.institutionCodes[Int($0)] } == expected.map(\.institution))
            var firstSeen: [String] = []
            for response in expected where !firstSeen.contains(response.institution) { firstSeen.append(response.institution) }
            #expect(table.institutionCodes == firstSeen, "each code once, in order of first appearance")
            let scored = ResponseTable(table)
            #expect(scored.respondentsByInstitution == Dictionary(grouping: expected, by: \.institution).mapValues(\.count))
        }
    }
}
