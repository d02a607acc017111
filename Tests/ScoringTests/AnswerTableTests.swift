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

    /// Rows taken out in place (`removeRows`) leave what the same rows left out of a copy leave:
    /// the same answers and institutions, codes numbered anew in order of first appearance (a
    /// code whose first row goes moves back; one whose rows all go is gone).
    @Test func rowsTakenOutInPlaceLeaveWhatACopyLeaves() {
        var random = SplitMix64(state: 41)
        for round in 0..<300 {
            let width = Int(random.next() % 4)
            var table = AnswerTable(width: width)
            for _ in 0..<Int(random.next() % 20) {
                table.append(
                    ScoredResponse(
                        respondentKey: "", institution: "I\(random.next() % 6)",
                        values: AnswerValues(raw: (0..<width).map { _ in Int16(random.next() % 9) - 1 })))
            }
            var rows = Set<Int>()
            for _ in 0..<Int(random.next() % 8) { rows.insert(Int(random.next() % 22) - 1) }
            if round % 25 == 0 { rows = Set(0..<table.count) }
            var copy = AnswerTable(width: width)
            copy.append(contentsOf: table, leaving: rows)
            var inPlace = table
            inPlace.removeRows(rows)
            #expect(inPlace.count == copy.count)
            #expect(inPlace.values == copy.values)
            #expect(inPlace.institutionIndex == copy.institutionIndex)
            #expect(inPlace.institutionCodes == copy.institutionCodes)
            // Appending after the removal numbers codes as the copy does.
            let next = ScoredResponse(respondentKey: "", institution: "I\(random.next() % 8)", values: AnswerValues(count: width))
            inPlace.append(next)
            copy.append(next)
            #expect(inPlace.institutionIndex == copy.institutionIndex && inPlace.institutionCodes == copy.institutionCodes)
        }
    }
}
