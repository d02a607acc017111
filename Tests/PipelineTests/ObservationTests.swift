import Foundation
import GRDB
import Store
import TestSupport
import Testing

@testable import Pipeline

/// SPEC 12.2 / issue 18: lesson observations read through `observation-v1`, shown on Stundu
/// vērošana and beside the need on Prioritātes, never one teacher's ratings.
struct ObservationTests {
    static let domains = [
        "climate", "management", "clarity", "activating", "differentiation", "strategies", "formative", "digital",
    ]
    static let roles = ["Vadība", "Kolēģis", "Mentors", "Pašvaldības speciālists"]

    /// One synthetic observation: ratings[domain][criterion], 0 = not observed.
    struct Row {
        let institution: String
        let role: Int
        let teacher: String
        let ratings: [[Int]]
    }

    /// Testa vidusskola (T01, 20 teachers): 9 observations of 8 teachers, t0 observed twice.
    /// Testa pamatskola (T02, 10 teachers): 6 observations of 6 teachers, one by an id, not an e-mail.
    static let rows: [Row] = (0..<15).map { i in
        Row(
            institution: i < 9 ? "Testa vidusskola" : "Testa pamatskola",
            role: i < 10 ? 1 : 2 + i % 3,
            teacher: i == 14 ? "PED-0014" : i < 9 ? "t\(i == 8 ? 0 : i)@obs-example.lv" : "u\(i)@obs-example.lv",
            ratings: domains.indices.map { d in (0..<3).map { c in (i + c + d) % 5 == 0 ? 0 : (i + d) % 4 + 1 } })
    }

    /// The export with header texts of its own: nothing matches the instrument without `columns:`.
    static func export(_ rows: [Row] = rows) -> String {
        var header = ["Skola", "Vērotāja loma", "Skolotājs", "Priekšmets", "Diena"]
        for d in domains.indices { for c in 1...3 { header.append("Kritērijs \(d + 1).\(c)") } }
        var lines = [header.joined(separator: ",")]
        for row in rows {
            var fields = [row.institution, roles[row.role - 1], row.teacher, "Matemātikas joma", "2026-10-14"]
            for ratings in row.ratings { fields += ratings.map { $0 == 0 ? "Nav novērots" : String($0) } }
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func columns() -> String {
        var mapping = [
            "institution": "Skola", "observer_role": "Vērotāja loma", "observed_teacher": "Skolotājs",
            "learning_area": "Priekšmets", "observed_on": "Diena",
        ]
        for (d, domain) in domains.enumerated() {
            for c in 1...3 { mapping["\(domain)_\(c)"] = "Kritērijs \(d + 1).\(c)" }
        }
        return mapping.sorted { $0.key < $1.key }.map { "        \($0.key): \"\($0.value)\"" }.joined(separator: "\n")
    }

    /// Runs the small needs fixture with (or without) the observation export.
    static func run(
        _ workspace: TestWorkspace, observations: Bool = true, weights: String = "",
        export text: String = export(), columns mapping: String? = columns(), extra: String = ""
    ) throws -> RunSummary {
        try text.write(to: workspace.url("vērošana.csv"), atomically: true, encoding: .utf8)
        var sources = """
              - file: \(TestWorkspace.fixtures.path)/small-google-forms.csv
                kind: needs
              - file: \(TestWorkspace.fixtures.path)/small-register.csv
                kind: institutions
            """
        if observations {
            sources += """

                  - file: \(workspace.url("vērošana.csv").path)
                    kind: observation
                \(mapping.map { "    columns:\n" + $0 } ?? "")
                """
        }
        let settings = TestWorkspace.tolerantSettings + (weights.isEmpty ? "" : "\n  priority_weights: { \(weights) }")
        let pipeline = try workspace.pipeline(sources: sources, extra: extra, settings: settings)
        return try Runner(pipeline: pipeline, progress: RunProgress(quiet: true)).run()
    }

    // The independent computation: the test's own rows, the rule as SPEC 12.2 and the sheet state it.
    static func isWeak(_ ratings: [Int]) -> Bool? {
        let rated = ratings.filter { $0 > 0 }
        guard !rated.isEmpty else { return nil }
        return Double(rated.reduce(0, +)) / Double(rated.count) < 2.5
    }

    static func weakShare(_ rows: [Row], domains indices: [Int]) -> (weak: Int, n: Int) {
        var weak = 0
        var n = 0
        for row in rows {
            for d in indices {
                if let w = isWeak(row.ratings[d]) {
                    n += 1
                    weak += w ? 1 : 0
                }
            }
        }
        return (weak, n)
    }

    static func wilson(_ k: Int, _ n: Int) -> (Double, Double) {
        let z = 1.96
        let p = Double(k) / Double(n)
        let m = Double(n)
        let centre = (p + z * z / (2 * m)) / (1 + z * z / m)
        let half = z / (1 + z * z / m) * (p * (1 - p) / m + z * z / (4 * m * m)).squareRoot()
        return (max(0, centre - half), min(1, centre + half))
    }

    static func close(_ value: WorkbookReader.Value?, _ expected: Double) -> Bool {
        guard let number = value?.number else { return false }
        return abs(number - expected) < 1e-9
    }

    @Test func theStandardInstrumentHasEightDomainsOnAFourLevelRubric() throws {
        let instrument = try Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds"))
            .instrument("observation-v1")
        let grids = Set(instrument.items.filter { $0.row != nil }.map(\.group))
        #expect(grids == Set(Self.domains))
        for item in instrument.items where item.row != nil {
            #expect(item.scale?.options.map(\.value) == [0, 1, 2, 3, 4], "\(item.id): not observed, then 1 weak … 4 strong")
        }
        #expect(instrument.textItemIDs.contains("observed_teacher"))
        #expect(instrument.item("observer_role")?.scale?.options.count == 4)
    }

    @Test func ownHeadersMappedByPipelineKeysGiveStunduVērošanaItsNumbers() throws {
        let workspace = try TestWorkspace()
        let summary = try Self.run(workspace)
        let observed = try #require(summary.sources.last)
        #expect(observed.status == .imported)
        #expect(observed.rowsAccepted == 15 && observed.rowsQuarantined == 0)

        let book = try WorkbookReader(workspace.url("out/2026-27-autumn-padome.xlsx"))
        #expect(book.sheetNames.contains("Stundu vērošana"))
        let sheet = try book.rows(ofSheet: "Stundu vērošana")
        for (d, domain) in Self.domains.enumerated() {
            let row = try #require(sheet[5 + d], "domain \(domain)")
            let (weak, n) = Self.weakShare(Self.rows, domains: [d])
            #expect(n == 15)
            #expect(weak > 0 && weak < n)
            let (low, high) = Self.wilson(weak, n)
            #expect(row[0] == .text(domain))
            #expect(Self.close(row[2], Double(weak) / Double(n)), "\(domain): \(String(describing: row[2])) vs \(weak)/\(n)")
            #expect(Self.close(row[3], low) && Self.close(row[4], high), "\(domain) Wilson")
            #expect(row[5] == .number(15))
            #expect(row[6] == .number(14), "t0 observed twice is one observed teacher")
            // Per institution (rows 17, 18 T01/T02; T03 has no observations).
            let t01 = Self.weakShare(Self.rows.filter { $0.institution == "Testa vidusskola" }, domains: [d])
            let t02 = Self.weakShare(Self.rows.filter { $0.institution == "Testa pamatskola" }, domains: [d])
            #expect(Self.close(sheet[17]?[6 + d], Double(t01.weak) / Double(t01.n)), "T01 \(domain)")
            #expect(Self.close(sheet[18]?[6 + d], Double(t02.weak) / Double(t02.n)), "T02 \(domain)")
            #expect(sheet[19]?[6 + d] == .text("nav atbilžu"))
        }
        // Observers by role: 10 observations by leadership (9 teachers); the other roles under 5.
        #expect(sheet[25]?[1] == .text("Vadība"))
        #expect(sheet[25]?[2] == .number(10) && sheet[25]?[3] == .number(9))
        for row in 26...28 { #expect(sheet[row]?[2] == .text("<5"), "role row \(row)") }
    }

    @Test func aTeacherObservedTwiceCountsOnceForCoverage() throws {
        let workspace = try TestWorkspace()
        _ = try Self.run(workspace)
        let sheet = try WorkbookReader(workspace.url("out/2026-27-autumn-padome.xlsx")).rows(ofSheet: "Stundu vērošana")
        let t01 = try #require(sheet[17])
        #expect(t01[0] == .text("T01"))
        #expect(t01[2] == .number(20) && t01[3] == .number(9) && t01[4] == .number(8))
        #expect(Self.close(t01[5], 8.0 / 20.0), "8 distinct teachers of 20, not 9 observations")
        #expect(Self.close(sheet[18]?[5], 6.0 / 10.0))
        let total = try #require(sheet[20])
        #expect(total[2] == .number(34) && total[3] == .number(15) && total[4] == .number(14))
        #expect(Self.close(total[5], 14.0 / 34.0))
    }

    @Test func noWorkbookHoldsATeacherKeyOrAddressAndTheDatabaseNoAddress() throws {
        let workspace = try TestWorkspace()
        let summary = try Self.run(workspace)
        let keys = try DatabaseQueue(path: workspace.url("atbalsts.sqlite").path).read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT teacher_key FROM observation")
        }
        #expect(keys.count == 14, "one key per distinct teacher, the id one included")
        #expect(keys.allSatisfy { !$0.hasPrefix("r-") }, "no teacher got a random key")
        let teachers = Set(Self.rows.map(\.teacher))
        let database = String(decoding: try Data(contentsOf: workspace.url("atbalsts.sqlite")), as: UTF8.self).lowercased()
        for teacher in teachers { #expect(!database.contains(teacher.lowercased()), "\(teacher) stored") }
        #expect(summary.workbooks.count >= 2, "the council workbook and an institution workbook")
        for path in summary.workbooks {
            let book = try WorkbookReader(URL(fileURLWithPath: path))
            for part in book.partNames {
                let text = String(decoding: try book.part(part), as: UTF8.self).lowercased()
                for needle in keys + teachers.map({ $0.lowercased() }) where text.contains(needle) {
                    Issue.record("\(needle) in \(path) \(part)")
                }
            }
        }
    }

    @Test func observedZeroLeavesEveryPriorityScoreUnchanged() throws {
        func priorities(_ observations: Bool, weights: String = "") throws -> [Int: [Int: WorkbookReader.Value]] {
            let workspace = try TestWorkspace()
            _ = try Self.run(workspace, observations: observations, weights: weights)
            return try WorkbookReader(workspace.url("out/2026-27-autumn-padome.xlsx")).rows(ofSheet: "Prioritātes")
        }
        let without = try priorities(false)
        let withZero = try priorities(true, weights: "observed: 0")
        let byDefault = try priorities(true)
        let areas = without.keys.filter { $0 >= 5 && without[$0]?[1] != nil }
        #expect(areas.count == 14)
        for row in areas {
            let before = (0...13).map { without[row]?[$0] }
            #expect((0...13).map { withZero[row]?[$0] } == before, "row \(row) with observed: 0")
            #expect((0...13).map { byDefault[row]?[$0] } == before, "row \(row) by default")
        }
        // The observed column: pooled over the domains that inform the area.
        let classroom = try #require(areas.first { withZero[$0]?[1] == .text("classroom") })
        let pooled = Self.weakShare(Self.rows, domains: [0, 1])
        #expect(Self.close(withZero[classroom]?[14], Double(pooled.weak) / Double(pooled.n)))
        let exams = try #require(areas.first { withZero[$0]?[1] == .text("exams") })
        #expect(withZero[exams]?[14] == nil, "no domain informs exam preparation")
        #expect(without[classroom]?[14] == nil, "no column without observations")

        // A positive weight counts observed weakness into the score (SPEC 7's formula by hand).
        let weighted = try priorities(true, weights: "observed: 1")
        let row = try #require(weighted.keys.first { weighted[$0]?[1] == .text("classroom") })
        let before = try #require(withZero[classroom])
        let components: [(Double, Double?)] = [
            (0.4, before[4]?.number), (0.2, before[7]?.number), (0.1, before[8]?.number), (1, Double(pooled.weak) / Double(pooled.n)),
        ]
        let present = components.compactMap { w, v in v.map { (w, $0) } }
        let expected =
            (100 * present.reduce(0) { $0 + $1.0 * $1.1 } / present.reduce(0) { $0 + $1.0 } * 10)
            .rounded(.toNearestOrAwayFromZero) / 10
        #expect(weighted[row]?[3] == .number(expected))
    }

    /// The same observations as a LimeSurvey export with question codes and answer codes: found by
    /// the instrument's codes alone, no `columns:`.
    static func limeSurveyExport() -> String {
        var header = ["id", "submitdate", "lastpage", "Q1", "Q2", "Q3"] + (1...7).map { "Q4[SQ00\($0)]" } + ["Q5"]
        for d in domains.indices { for c in 1...3 { header.append("Q\(d + 6)[SQ00\(c)]") } }
        var lines = [header.joined(separator: ",")]
        for (index, row) in rows.enumerated() {
            var fields = ["\(index + 1)", "2026-10-14 10:\(10 + index):00", "3", row.institution, "A\(row.role)", row.teacher]
            fields += (1...7).map { $0 == 5 ? "Y" : "" } + ["2026-10-14"]
            for ratings in row.ratings { fields += ratings.map { "A\($0 + 1)" } }
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aLimeSurveyExportReadsByCodesAndGivesTheSameNumbers() throws {
        let workspace = try TestWorkspace()
        let summary = try Self.run(workspace, export: Self.limeSurveyExport(), columns: nil)
        let observed = try #require(summary.sources.last)
        #expect(observed.status == .imported, "\(observed.error ?? "")")
        #expect(observed.rowsAccepted == 15)
        let sheet = try WorkbookReader(workspace.url("out/2026-27-autumn-padome.xlsx")).rows(ofSheet: "Stundu vērošana")
        for d in Self.domains.indices {
            let (weak, n) = Self.weakShare(Self.rows, domains: [d])
            #expect(Self.close(sheet[5 + d]?[2], Double(weak) / Double(n)), "\(Self.domains[d])")
        }
        #expect(sheet[17]?[4] == .number(8), "t0 observed twice still one teacher")
    }

    @Test func aMissingTeacherColumnFailsTheFileAndAnUnknownSchoolIsQuarantined() throws {
        let workspace = try TestWorkspace()
        let without = Self.columns().split(separator: "\n").filter { !$0.contains("observed_teacher") }.joined(separator: "\n")
        let renamed = Self.export().replacingOccurrences(of: "Skolotājs", with: "Cits lauks")
        let failed = try Self.run(workspace, export: renamed, columns: without)
        let source = try #require(failed.sources.last)
        #expect(source.status == .failed)
        #expect(source.error?.contains("observed_teacher") == true, "\(source.error ?? "")")

        let again = try TestWorkspace()
        let extra =
            Self.export() + "Nezināma skola,Vadība,x@obs-example.lv,Matemātikas joma,2026-10-14"
            + String(repeating: ",3", count: 24) + "\n"
        let summary = try Self.run(again, export: extra)
        let read = try #require(summary.sources.last)
        #expect(read.rowsAccepted == 15 && read.rowsQuarantined == 1)
    }

    @Test func anInstitutionWorkbookShowsItsOwnSharesBesideTheMunicipality() throws {
        let workspace = try TestWorkspace()
        _ = try Self.run(workspace)
        let sheet = try WorkbookReader(workspace.url("out/2026-27-autumn-T01.xlsx")).rows(ofSheet: "Stundu vērošana")
        let own = Self.rows.filter { $0.institution == "Testa vidusskola" }
        for d in Self.domains.indices {
            let mine = Self.weakShare(own, domains: [d])
            let all = Self.weakShare(Self.rows, domains: [d])
            #expect(sheet[5 + d]?[0] == .text(Self.domains[d]))
            #expect(Self.close(sheet[5 + d]?[2], Double(mine.weak) / Double(mine.n)), "T01 \(Self.domains[d])")
            #expect(Self.close(sheet[5 + d]?[3], Double(all.weak) / Double(all.n)), "municipality \(Self.domains[d])")
        }
        // Coverage block below: observations, observed teachers, headcount, coverage.
        #expect(sheet[15]?[2] == .number(9) && sheet[16]?[2] == .number(8) && sheet[17]?[2] == .number(20))
        #expect(Self.close(sheet[18]?[2], 8.0 / 20.0) && Self.close(sheet[18]?[3], 14.0 / 34.0))
    }

    @Test func forgettingTheWaveDeletesItsObservations() throws {
        let workspace = try TestWorkspace()
        _ = try Self.run(workspace)
        let path = workspace.url("atbalsts.sqlite").path
        func count() throws -> Int {
            try DatabaseQueue(path: path).read { db in
                try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM observation) + (SELECT count(*) FROM observation_answer)") ?? -1
            }
        }
        #expect(try count() > 15)
        #expect(try AppDatabase(path: path).forget(wave: "2026-27-autumn"))
        #expect(try count() == 0)
    }

    @Test func inEnglishTheSheetAndItsDomainsSpeakEnglish() throws {
        let workspace = try TestWorkspace()
        _ = try Self.run(workspace, extra: "  language: en")
        let book = try WorkbookReader(workspace.url("out/2026-27-autumn-padome.xlsx"))
        #expect(book.sheetNames.contains("Lesson observation"))
        let sheet = try book.rows(ofSheet: "Lesson observation")
        #expect(sheet[5]?[1] == .text("Learning climate"))
        #expect(sheet[12]?[1] == .text("Digital tools"))
        #expect(sheet[19]?[6 + 0] == .text("no answers"))
    }
}
