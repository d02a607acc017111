import AtbalstsCore
import Foundation
import Store
import TestSupport
import Testing

@testable import Pipeline

/// SPEC 12.1 MA plāni: a draft work plan per methodological association (learning area), read
/// back by `kind: plan` and followed up on Īstenošana; `atbalsts plan`; `check` on plan sources.
/// Every respondent of the small fixture teaches mathematics, so the learning area's shares are
/// the municipality's: digital skills 7 of 14 in autumn, 9 of 14 in spring (see WavesTests).
struct AssociationPlanTests {
    let workspace: TestWorkspace

    init() throws { workspace = try TestWorkspace() }

    var fixtures: String { TestWorkspace.fixtures.path }
    var autumnBook: URL { workspace.url("out/2026-27-autumn-padome.xlsx") }
    var springBook: URL { workspace.url("out/2026-27-spring-padome.xlsx") }
    static let headers = [
        "Mācību joma", "Darbības virziens", "Tēma", "Vajadzības joma", "Atbalsta formas", "Laiks, vieta", "Atbildīgais", "Statuss",
        "Piezīmes",
    ]
    static let directions = WorkDirection.allCases.map(\.label.lv)

    func runAutumn(needs: String? = nil, outputs: String = "out") throws {
        let sources = """
              - file: \(needs ?? "\(fixtures)/small-google-forms.csv")
                kind: needs
              - file: \(fixtures)/small-register.csv
                kind: institutions
            """
        let summary = try Runner(
            pipeline: try workspace.pipeline(sources: sources, outputs: outputs), progress: RunProgress(quiet: true)
        ).run()
        #expect(!summary.failed)
    }

    func springPipeline(plans: [String]) throws {
        let sources =
            """
              - file: \(fixtures)/small-google-forms-spring.csv
                kind: needs
              - file: \(fixtures)/small-register.csv
                kind: institutions
            """ + plans.map { "\n  - file: \($0)\n    kind: plan" }.joined()
        _ = try workspace.pipeline(wave: "2026-27-spring", sources: sources)
    }

    func runSpring(plans: [String]) throws -> RunSummary {
        try springPipeline(plans: plans)
        return try Runner(pipeline: try PipelineFile.load(workspace.url("pipeline.yaml")), progress: RunProgress(quiet: true)).run()
    }

    /// The body rows of a sheet below its header row (`header` is the header's 1-based row).
    func body(_ book: URL, _ sheet: String, header: Int = 4) throws -> [[Int: WorkbookReader.Value]] {
        let rows = try WorkbookReader(book).rows(ofSheet: sheet)
        return rows.keys.sorted().filter { $0 > header }.map { rows[$0]! }
    }

    @Test func eachLearningAreaGetsADraftInTheShapeOfAMunicipalWorkPlan() throws {
        try runAutumn()
        let rows = try WorkbookReader(autumnBook).rows(ofSheet: "MA plāni")
        #expect((0..<9).map { rows[4]?[$0]?.text } == Self.headers)
        let draft = try body(autumnBook, "MA plāni")
        #expect(!draft.isEmpty)
        #expect(draft.allSatisfy { $0[0]?.text == "Matemātikas joma" })
        #expect(draft.allSatisfy { Self.directions.contains($0[1]?.text ?? "") })
        // At most three need areas, each row's theme naming its need area; time, place and who
        // are left to fill; every status Plānots.
        #expect(Set(draft.compactMap { $0[3]?.text }).count <= 3)
        #expect(draft.allSatisfy { $0[2]?.text?.hasSuffix($0[3]?.text ?? "?") == true })
        #expect(draft.allSatisfy { $0[5] == nil && $0[6] == nil && $0[7]?.text == "Plānots" })
        // No numbers on the sheet: the order of the needs is all it tells.
        #expect(rows.values.allSatisfy { $0.values.allSatisfy { $0.number == nil } })
        // The status drop-down reaches rows a specialist adds below the draft.
        let xml = try WorkbookReader(autumnBook).sheetXML("MA plāni")
        #expect(xml.contains("<dataValidation") && xml.contains("sqref=\"H5:H\(4 + draft.count + 50)\""), "\(xml.suffix(600))")
        // Metodoloģija says how the forms become lines of work.
        let methodology = try WorkbookReader(autumnBook).rows(ofSheet: "Metodoloģija")
        #expect(methodology.values.contains { $0[0]?.text == "MA plāni" && $0[1]?.text?.contains("pētnieciski metodiskais") == true })
    }

    @Test func inEnglish() throws {
        try runAutumn(outputs: "out\n  language: en")
        let rows = try WorkbookReader(autumnBook).rows(ofSheet: "Association plans")
        #expect(rows[4]?[0]?.text == "Learning area" && rows[4]?[1]?.text == "Line of work" && rows[4]?[5]?.text == "Time, place")
        let draft = try body(autumnBook, "Association plans")
        #expect(draft.allSatisfy { $0[0]?.text == "Mathematics" && $0[7]?.text == "Planned" })
        #expect(draft.allSatisfy { WorkDirection.allCases.map(\.label.en).contains($0[1]?.text ?? "") })
    }

    /// SPEC 8: four teachers of languages get no plan of their own, and nothing on the sheet
    /// says how many there are, or that there are any.
    @Test func aSmallLearningAreaGetsNoPlanAndNothingNarrowsIt() throws {
        let lines = try String(contentsOfFile: "\(fixtures)/small-google-forms.csv", encoding: .utf8)
            .components(separatedBy: "\r\n")
        var moved = 0
        let edited = lines.map { line -> String in
            guard moved < 4, line.hasPrefix("2026/"), line.contains(",Matemātikas joma,") else { return line }
            moved += 1
            return line.replacingOccurrences(of: ",Matemātikas joma,", with: ",Valodu joma,")
        }
        #expect(moved == 4)
        try edited.joined(separator: "\r\n").write(to: workspace.url("needs.csv"), atomically: true, encoding: .utf8)
        try runAutumn(needs: workspace.url("needs.csv").path)
        let rows = try WorkbookReader(autumnBook).rows(ofSheet: "MA plāni")
        let texts = rows.values.flatMap { $0.values.compactMap(\.text) }
        #expect(!texts.contains { $0.contains("Valodu") })
        #expect(try body(autumnBook, "MA plāni").allSatisfy { $0[0]?.text == "Matemātikas joma" })
        // The one line says the rule, with the threshold as its only number.
        let note = try #require(rows[3]?[0]?.text)
        #expect(note.contains("mazāk nekā 5"))
        #expect(note.filter(\.isNumber) == "5")
    }

    /// The autumn workbook's MA plāni edited by openpyxl (statuses, a row deleted, a row added, an
    /// unknown learning area, columns reordered) and that file re-saved by LibreOffice
    /// (Fixtures/plan/make_ma_plan.py): read back with the municipal plan of the same file.
    @Test(arguments: ["edited-ma-plan.xlsx", "edited-ma-plan-lo.xlsx"])
    func anEditedAssociationPlanIsFollowedUp(_ fixture: String) throws {
        try runAutumn()
        let summary = try runSpring(plans: ["\(fixtures)/plan/\(fixture)"])
        #expect(!summary.failed)
        let plan = try #require(summary.sources.last)
        #expect(plan.rowsAccepted == 5 + 3)  // the municipal plan's five, the associations' three
        #expect(plan.rowsQuarantined == 1)  // Astroloģijas joma
        let quality = try WorkbookReader(springBook).rows(ofSheet: "Datu kvalitāte")
        #expect(quality.values.contains { $0.values.contains(.text("nezināma mācību joma")) })

        // On a sheet of its own beside Īstenošana (one printed header per sheet), its header in row 4.
        let sheet = try WorkbookReader(springBook).rows(ofSheet: "MA īstenošana")
        #expect(sheet[1]?[0]?.text == "Metodisko apvienību plānu īstenošana")
        #expect(sheet[4]?[0]?.text == "Vajadzības joma" && sheet[4]?[4]?.text == "Statuss")
        let block = sheet.keys.sorted().filter { $0 > 4 }.map { sheet[$0]! }
        #expect(block.map { $0[4]?.text ?? "" } == ["Īstenots", "Procesā", "Plānots"])
        #expect(block.map { $0[1]?.text ?? "" } == Array(repeating: "Matemātikas joma", count: 3))
        #expect(block.map { $0[5]?.text ?? "" } == ["MA vadītāja 0", "MA vadītāja 2", "MA vadītāja 9"])
        #expect(block[2][0]?.text == "Vērtēšana" && block[2][3]?.text == "Pedagoģiskās pieredzes apmaiņa")
        let digital = try #require(block.first { $0[0]?.text == "Digitālās prasmes un izglītības tehnoloģijas" })
        #expect(abs(digital[8]!.number! - 7.0 / 14.0) < 1e-12)
        #expect(abs(digital[11]!.number! - 9.0 / 14.0) < 1e-12)
        #expect(digital[14]?.text == "nē")
        // The municipal plan of the same file is followed up too, unedited: all Plānots.
        let followUp = try WorkbookReader(springBook).rows(ofSheet: "Īstenošana")
        #expect(followUp.values.filter { $0[1]?.text == "Novads" }.count == 5)
        #expect(!followUp.values.contains { $0[0]?.text == "Metodisko apvienību plānu īstenošana" })

        // Carried forward into the spring MA plāni: the row in progress and the added one.
        let carried = try body(springBook, "MA plāni").filter { $0[5]?.text?.contains("pārnests no 2026./27. m. g. rudens plāna") == true }
        #expect(carried.map { $0[7]?.text ?? "" } == ["Procesā", "Plānots"])
        #expect(carried.map { $0[3]?.text ?? "" } == ["Mācīšanas metodes", "Vērtēšana"])
        #expect(carried[0][5]?.text == "2027. gada 3. mēnesis, skola 2 (pārnests no 2026./27. m. g. rudens plāna)")
    }

    /// The MA plāni sheet saved as CSV on its own, beside the municipal plan in another file:
    /// each replaces only its own part; the same file again changes nothing.
    @Test func anAssociationCSVLeavesTheMunicipalPlanInPlace() throws {
        try runAutumn()
        try """
        MA plāni
        "Aptaujas kārta: 2026./27. m. g. rudens"
        Vajadzības joma,Statuss,Mācību joma,Darbības virziens,Tēma
        Vērtēšana,Procesā,Matemātikas joma,Izglītojošie pasākumi skolēniem,Olimpiāde
        Vērtēšana,Atlikts,Matemātikas joma,Informatīvi izglītojošais,Seminārs
        Vērtēšana,Īstenots,Matemātikas joma,Informatīvi izglītojošais,Seminārs

        """.write(to: workspace.url("ma.csv"), atomically: true, encoding: .utf8)
        let plans = ["\(fixtures)/plan/edited-plan.xlsx", workspace.url("ma.csv").path]
        let first = try runSpring(plans: plans)
        #expect(first.sources.suffix(2).map(\.status) == [.imported, .imported])
        #expect(first.sources.last?.rowsQuarantined == 1)  // "Atlikts" is no status
        let again = try runSpring(plans: plans)
        #expect(again.sources.suffix(2).map(\.status) == [.alreadyImported, .alreadyImported])
        let database = try AppDatabase(path: workspace.url("atbalsts.sqlite").path)
        let stored = try #require(try database.earlierPlan(before: "2026-27-spring")).actions
        #expect(stored.filter { $0.learningArea == nil }.count == 5)
        #expect(stored.filter { $0.learningArea == "mathematics" }.map(\.status) == [.inProgress, .done])
        // A line of work in the specialist's own words is kept as written.
        #expect(stored.first { $0.learningArea != nil }?.direction == "Izglītojošie pasākumi skolēniem")
        #expect(stored.last?.direction == WorkDirection.informative.rawValue)

        // The association plan edited again replaces only the association rows.
        try "Mācību joma,Vajadzības joma,Statuss\nMatemātikas joma,Vērtēšana,Atcelts\n".write(
            to: workspace.url("ma.csv"), atomically: true, encoding: .utf8)
        #expect(try runSpring(plans: plans).sources.last?.status == .reimported)
        let replaced = try #require(try database.earlierPlan(before: "2026-27-spring")).actions
        #expect(replaced.filter { $0.learningArea == nil }.count == 5)
        #expect(replaced.filter { $0.learningArea != nil }.map(\.status) == [.cancelled])
    }

    /// `atbalsts plan`: the draft plan on its own, readable back as `kind: plan`.
    @Test func thePlanCommandWritesAWorkbookThatReadsBack() throws {
        try runAutumn()
        let out = workspace.url("plans/autumn.xlsx").path
        let written = try BuiltBinary.run(["plan", workspace.url("pipeline.yaml").path, "--out", out])
        #expect(written.code == 0, "\(written.errors)")
        #expect(written.output.trimmingCharacters(in: .whitespacesAndNewlines) == out)
        let book = try WorkbookReader(URL(fileURLWithPath: out))
        #expect(book.sheetNames == ["Pilnveides plāns", "MA plāni"])
        // The same sheets as the council workbook's.
        let council = try WorkbookReader(autumnBook)
        for sheet in book.sheetNames { #expect(try book.rows(ofSheet: sheet) == council.rows(ofSheet: sheet)) }
        let associations = try body(URL(fileURLWithPath: out), "MA plāni").count

        // Without --out: <wave>-plans.xlsx in the output folder; --wave picks another stored wave.
        let byDefault = try BuiltBinary.run(["plan", workspace.url("pipeline.yaml").path, "--quiet"])
        #expect(byDefault.code == 0 && byDefault.output.isEmpty)
        #expect(FileManager.default.fileExists(atPath: workspace.url("out/2026-27-autumn-plans.xlsx").path))

        let summary = try runSpring(plans: [out])
        #expect(summary.sources.last?.status == .imported)
        #expect(summary.sources.last?.rowsAccepted == 5 + associations)
        let draft = try body(springBook, "MA plāni")
        #expect(draft.filter { $0[5]?.text?.contains("pārnests no 2026./27. m. g. rudens plāna") == true }.count == associations)
        let spring = try BuiltBinary.run([
            "plan", workspace.url("pipeline.yaml").path, "--wave", "2026-27-autumn", "--out", workspace.url("again.xlsx").path,
        ])
        #expect(spring.code == 0, "\(spring.errors)")
        #expect(try WorkbookReader(workspace.url("again.xlsx")).rows(ofSheet: "MA plāni") == council.rows(ofSheet: "MA plāni"))
    }

    @Test func thePlanCommandRefusesAWaveNotStoredAndAWrongWave() throws {
        try runAutumn()
        let missing = try BuiltBinary.run(["plan", workspace.url("pipeline.yaml").path, "--wave", "2024-25-spring"])
        #expect(missing.code == 1)
        #expect(missing.errors.split(separator: "\n").count == 1, "\(missing.errors)")
        #expect(missing.errors.contains("2024-25-spring"))
        let wrong = try BuiltBinary.run(["plan", workspace.url("pipeline.yaml").path, "--wave", "spring"])
        #expect(wrong.code == 2)
        #expect(!FileManager.default.fileExists(atPath: workspace.url("out/2024-25-spring-plans.xlsx").path))
    }

    /// `check PIPELINE` reads plan sources as `run` would and stores nothing.
    @Test func checkCoversPlanSources() throws {
        try runAutumn()
        try "\"Kārta: 2026-27-autumn\"\nJoma,Statuss\nVērtēšana,Plānots\nMācīšanas metodes,Procesā\nVadība,Plānots\nVērtēšana,Atlikts\n"
            .write(
                to: workspace.url("plan.csv"), atomically: true, encoding: .utf8)
        try springPipeline(plans: [workspace.url("plan.csv").path, "\(fixtures)/plan/edited-ma-plan.xlsx"])
        let before = try Data(contentsOf: workspace.url("atbalsts.sqlite"))
        let good = try BuiltBinary.run(["check", workspace.url("pipeline.yaml").path])
        #expect(good.code == 0, "\(good.output)\(good.errors)")
        #expect(good.output.contains("source plan.csv (plan): would import"))
        #expect(
            good.output.contains(
                "plan of wave 2026-27-autumn: 4 rows read — 2 of the municipal plan, 0 of association plans, 2 quarantined"))
        #expect(good.output.contains("line 5, Joma \"Vadība\": unknown need area"))
        #expect(good.output.contains("line 6, Statuss \"Atlikts\": unknown plan status"))
        #expect(good.output.contains("3 of association plans, 1 quarantined"))
        #expect(good.output.contains("Mācību joma \"Astroloģijas joma\": unknown learning area"))
        #expect(try Data(contentsOf: workspace.url("atbalsts.sqlite")) == before)

        // A workbook that is no plan, and a plan for a wave the database does not hold: one line
        // each, and exit 1 as for any source that would fail.
        try "\"Kārta: 2024-25-spring\"\nJoma,Statuss\nVērtēšana,Plānots\n".write(
            to: workspace.url("old.csv"), atomically: true, encoding: .utf8)
        try springPipeline(plans: ["\(fixtures)/xlsx/google-forms-small.xlsx", workspace.url("old.csv").path])
        let bad = try BuiltBinary.run(["check", workspace.url("pipeline.yaml").path, "--lang", "en"])
        #expect(bad.code == 1)
        let lines = bad.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("source google-forms-small.xlsx (plan): FAILS"))
        #expect(lines.filter { $0.contains("google-forms-small.xlsx") && $0.contains("no recognisable header") }.count == 1)
        #expect(lines.contains("source old.csv (plan): FAILS"))
        #expect(lines.filter { $0.contains("the plan is for wave 2024-25-spring") }.count == 1)
        #expect(lines.last?.contains("would fail (exit 1)") == true)
    }
}
