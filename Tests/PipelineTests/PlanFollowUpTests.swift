import AtbalstsCore
import Foundation
import Ingest
import Store
import TestSupport
import Testing

@testable import Pipeline

/// SPEC 12.1: the autumn plan, edited outside atbalsts, read back in spring (`kind: plan`), and
/// followed up on Īstenošana. Digital skills by hand (see WavesTests): autumn 7 of 14 respondents
/// in high need, spring 9 of 14.
struct PlanFollowUpTests {
    let workspace: TestWorkspace

    init() throws { workspace = try TestWorkspace() }

    var fixtures: String { TestWorkspace.fixtures.path }
    var autumnBook: URL { workspace.url("out/2026-27-autumn-padome.xlsx") }
    var springBook: URL { workspace.url("out/2026-27-spring-padome.xlsx") }

    func runAutumn() throws {
        _ = try Runner(pipeline: try workspace.pipeline(), progress: RunProgress(quiet: true)).run()
    }

    func runSpring(plan: String, extra: String = "") throws -> RunSummary {
        let sources = """
              - file: \(fixtures)/small-google-forms-spring.csv
                kind: needs
              - file: \(fixtures)/small-register.csv
                kind: institutions
              - file: \(plan)
                kind: plan
            \(extra)
            """
        return try Runner(
            pipeline: try workspace.pipeline(wave: "2026-27-spring", sources: sources), progress: RunProgress(quiet: true)
        ).run()
    }

    /// The autumn plan sheet's rows (area name, targets, forms, term) as atbalsts wrote them.
    func autumnPlanRows() throws -> [[Int: WorkbookReader.Value]] {
        let rows = try WorkbookReader(autumnBook).rows(ofSheet: "Pilnveides plāns")
        return rows.keys.sorted().filter { $0 > 3 }.map { rows[$0]! }.filter { $0[0]?.number != nil }
    }

    /// What a specialist does in a spreadsheet: columns reordered (status first, then the area,
    /// responsible, notes, term, forms), statuses changed, the second row deleted, a row added;
    /// saved as CSV with the sheet's heading on top.
    func editedPlanCSV(_ rows: [[Int: WorkbookReader.Value]], statuses: [String], added: String) -> String {
        var lines = [
            "Profesionālās pilnveides plāna projekts", "\"Kārta: 2026-27-autumn · Melnraksts\"", "",
            "Statuss,Joma,Atbildīgais,Piezīmes,Termiņš,Ieteicamās formas,Mērķa iestādes",
        ]
        for (index, row) in rows.enumerated() where index != 1 {
            let area = row[1]?.text ?? ""
            let cells = [
                statuses[index], area, "Metodiķe \(index)", "piezīme \(index)", row[7]?.text ?? "", row[6]?.text ?? "",
                row[3]?.text ?? "",
            ]
            lines.append(cells.map { "\"\($0)\"" }.joined(separator: ","))
        }
        lines.append(added)
        return lines.joined(separator: "\n") + "\n"
    }

    func wilson(_ k: Double, _ n: Double) -> (Double, Double) {
        let z = 1.96
        let p = k / n
        let centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        let half = z * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot() / (1 + z * z / n)
        return (centre - half, centre + half)
    }

    @Test func theEditedPlanIsFollowedUpOnIstenosana() throws {
        try runAutumn()
        let planned = try autumnPlanRows()
        #expect(planned.count == 5)
        let statuses = ["Īstenots", "Atcelts", "Procesā", "Done", "Atcelts"]
        let csv = editedPlanCSV(
            planned, statuses: statuses,
            added: "Plānots,Digital skills and education technology,Skolotāja A,pievienots,2026/27 pavasaris,Kursi,")
        try csv.write(to: workspace.url("plans.csv"), atomically: true, encoding: .utf8)

        let summary = try runSpring(plan: workspace.url("plans.csv").path)
        #expect(!summary.failed)
        let plan = try #require(summary.sources.last)
        #expect(plan.status == .imported)
        #expect(plan.rowsAccepted == 5)  // 5 − 1 deleted + 1 added

        let sheet = try WorkbookReader(springBook).rows(ofSheet: "Īstenošana")
        let body = sheet.keys.sorted().filter { $0 > 3 }.map { sheet[$0]! }
        let municipal = body.filter { $0[1]?.text == "Novads" }
        // Exactly the edited statuses, in the edited plan's order (the deleted row is gone).
        let expected =
            [0, 2, 3, 4].map { (planned[$0][1]!.text!, statuses[$0] == "Done" ? "Īstenots" : statuses[$0]) }
            + [("Digitālās prasmes un izglītības tehnoloģijas", "Plānots")]
        // Grouped by area in plan order: the added digital row joins digital's group if there is one.
        #expect(municipal.count == 5)
        #expect(Set(municipal.map { "\($0[0]!.text!)|\($0[4]!.text!)" }) == Set(expected.map { "\($0.0)|\($0.1)" }))
        if planned[1][1]?.text != "Digitālās prasmes un izglītības tehnoloģijas" {
            #expect(!municipal.contains { $0[0]?.text == planned[1][1]?.text })
        }
        #expect(!municipal.contains { $0[5]?.text == "Metodiķe 1" })
        #expect(municipal.contains { $0[5]?.text == "Metodiķe 3" && $0[7]?.text == "piezīme 3" })
        // The plan file is listed with this wave's files on Datu kvalitāte.
        let quality = try WorkbookReader(springBook).rows(ofSheet: "Datu kvalitāte")
        #expect(quality.values.contains { $0[0]?.text == "plans.csv" })

        // Digital skills: 7/14 when planned, 9/14 now, with Wilson intervals computed here.
        let digital = try #require(municipal.first { $0[0]?.text == "Digitālās prasmes un izglītības tehnoloģijas" })
        let (lowBefore, highBefore) = wilson(7, 14)
        let (lowNow, highNow) = wilson(9, 14)
        #expect(abs(digital[8]!.number! - 7.0 / 14.0) < 1e-12)
        #expect(abs(digital[9]!.number! - lowBefore) < 1e-9)
        #expect(abs(digital[10]!.number! - highBefore) < 1e-9)
        #expect(abs(digital[11]!.number! - 9.0 / 14.0) < 1e-12)
        #expect(abs(digital[12]!.number! - lowNow) < 1e-9)
        #expect(abs(digital[13]!.number! - highNow) < 1e-9)
        #expect(digital[14]?.text == "nē")  // the intervals overlap
        #expect(digital[19]?.text?.hasSuffix("vajadzība būtiski nav mainījusies") == true)

        // Carried forward into the spring draft: only the planned and in-progress actions.
        let draft = try WorkbookReader(springBook).rows(ofSheet: "Pilnveides plāns")
        let carried = draft.values.filter { $0[7]?.text?.contains("pārnests no 2026-27-autumn") == true }
        #expect(carried.count == 2)
        #expect(Set(carried.compactMap { $0[9]?.text }) == ["Procesā", "Plānots"])
    }

    /// The autumn workbook edited by openpyxl, that file re-saved by LibreOffice, and an English
    /// one (Fixtures/plan/make_plan.py says how each was made): the same statuses read back.
    @Test(arguments: ["edited-plan.xlsx", "edited-plan-lo.xlsx", "edited-plan-en.xlsx"])
    func aPlanEditedElsewhereRoundTrips(_ fixture: String) throws {
        try runAutumn()
        let summary = try runSpring(plan: "\(fixtures)/plan/\(fixture)")
        #expect(!summary.failed)
        #expect(summary.sources.last?.rowsAccepted == 5)
        #expect(summary.sources.last?.rowsQuarantined == 0)
        let sheet = try WorkbookReader(springBook).rows(ofSheet: "Īstenošana")
        let municipal = sheet.keys.sorted().filter { $0 > 3 }.map { sheet[$0]! }.filter { $0[1]?.text == "Novads" }
        // The heading says which plan, with its percent sign intact (not taken for a format).
        #expect(sheet[2]?[0]?.text?.contains("kārtas 2026-27-autumn plāna") == true)
        #expect(sheet[2]?[0]?.text?.contains("(95% Vilsona intervāli)") == true)
        #expect(
            municipal.map { $0[0]?.text ?? "" } == [
                "Digitālās prasmes un izglītības tehnoloģijas", "Klases vadība un skolēnu uzvedība",
                "Mācību saturs un kompetenču pieeja", "Sagatavošana valsts pārbaudes darbiem", "Stresa un izdegšanas profilakse",
            ])
        #expect(municipal.map { $0[4]?.text ?? "" } == ["Īstenots", "Procesā", "Īstenots", "Atcelts", "Plānots"])
        #expect(municipal.map { $0[5]?.text ?? "" } == ["Metodiķe 0", "Metodiķe 2", "Metodiķe 3", "Metodiķe 4", "Metodiķe 9"])
        // Digital skills, 7/14 → 9/14: the intervals overlap.
        let digital = municipal[0]
        let (lowBefore, highBefore) = wilson(7, 14)
        let (lowNow, highNow) = wilson(9, 14)
        #expect(abs(digital[8]!.number! - 7.0 / 14.0) < 1e-12)
        #expect(abs(digital[9]!.number! - lowBefore) < 1e-9 && abs(digital[10]!.number! - highBefore) < 1e-9)
        #expect(abs(digital[11]!.number! - 9.0 / 14.0) < 1e-12)
        #expect(abs(digital[12]!.number! - lowNow) < 1e-9 && abs(digital[13]!.number! - highNow) < 1e-9)
        #expect(digital[14]?.text == "nē")
        #expect(digital[19]?.text == "īstenots, vajadzība būtiski nav mainījusies")
        // WHO-5 and CBI only on the stress and burnout row.
        #expect(municipal[4][15]?.number != nil && municipal[4][18]?.number != nil)
        #expect(municipal[0][15] == nil && municipal[0][18] == nil)
        let draft = try WorkbookReader(springBook).rows(ofSheet: "Pilnveides plāns")
        let carried = draft.values.filter { $0[7]?.text?.contains("pārnests no 2026-27-autumn") == true }
        #expect(Set(carried.compactMap { $0[1]?.text }) == ["Klases vadība un skolēnu uzvedība", "Stresa un izdegšanas profilakse"])
    }

    /// SPEC 8: digital skills per institution is hidden in spring (see WavesTests), so the council
    /// sheet has no institution row for it; T01's own workbook shows its own rows only.
    @Test func institutionsWherePublishedAndTheirOwnWorkbooks() throws {
        try runAutumn()
        #expect(!(try runSpring(plan: "\(fixtures)/plan/edited-plan.xlsx")).failed)
        let council = try WorkbookReader(springBook).rows(ofSheet: "Īstenošana")
        #expect(
            !council.values.contains {
                $0[0]?.text == "Digitālās prasmes un izglītības tehnoloģijas" && $0[1] != nil && $0[1]?.text != "Novads"
            })
        let own = try WorkbookReader(workspace.url("out/2026-27-spring-T01.xlsx")).rows(ofSheet: "Īstenošana")
        let body = own.keys.sorted().filter { $0 > 4 }.map { own[$0]! }
        // Every action targets all institutions: T01 sees all five, and no other institution's row.
        #expect(body.count == 5)
        #expect(body.allSatisfy { $0[1]?.text == "Novads" || $0[1]?.text == "Testa vidusskola" })
        #expect(body.map { $0[4]?.text ?? "" } == ["Īstenots", "Procesā", "Īstenots", "Atcelts", "Plānots"])
    }

    /// `outputs.language: en`: the sheet, its statuses and the carried-forward mark in English.
    @Test func theFollowUpInEnglish() throws {
        try runAutumn()
        let sources = """
              - file: \(fixtures)/small-google-forms-spring.csv
              - file: \(fixtures)/small-register.csv
                kind: institutions
              - file: \(fixtures)/plan/edited-plan-en.xlsx
                kind: plan
            """
        let pipeline = try workspace.pipeline(wave: "2026-27-spring", sources: sources, outputs: "out\n  language: en")
        #expect(!(try Runner(pipeline: pipeline, progress: RunProgress(quiet: true)).run()).failed)
        let sheet = try WorkbookReader(springBook).rows(ofSheet: "Implementation")
        let municipal = sheet.values.filter { $0[1]?.text == "Municipality" }.sorted { $0[5]!.text! < $1[5]!.text! }
        #expect(municipal.map { $0[4]?.text ?? "" } == ["Done", "In progress", "Done", "Cancelled", "Planned"])
        #expect(municipal[0][19]?.text == "done, no change beyond the intervals")
        let draft = try WorkbookReader(springBook).rows(ofSheet: "Development plan")
        #expect(draft.values.filter { $0[7]?.text?.contains("carried forward from 2026-27-autumn") == true }.count == 2)
    }

    @Test func theSamePlanAgainIsANoOpAndAnEditedOneReplacesIt() throws {
        try runAutumn()
        let planned = try autumnPlanRows()
        let first = editedPlanCSV(planned, statuses: Array(repeating: "Plānots", count: 5), added: "")
        try first.write(to: workspace.url("plan.csv"), atomically: true, encoding: .utf8)
        #expect(try runSpring(plan: workspace.url("plan.csv").path).sources.last?.status == .imported)
        #expect(try runSpring(plan: workspace.url("plan.csv").path).sources.last?.status == .alreadyImported)
        let edited = editedPlanCSV(planned, statuses: Array(repeating: "Īstenots", count: 5), added: "")
        try edited.write(to: workspace.url("plan.csv"), atomically: true, encoding: .utf8)
        #expect(try runSpring(plan: workspace.url("plan.csv").path).sources.last?.status == .reimported)
        let database = try AppDatabase(path: workspace.url("atbalsts.sqlite").path)
        let stored = try #require(try database.earlierPlan(before: "2026-27-spring"))
        #expect(stored.wave == "2026-27-autumn")
        #expect(stored.actions.count == 4)
        #expect(stored.actions.allSatisfy { $0.status == .done })
        let sheet = try WorkbookReader(springBook).rows(ofSheet: "Īstenošana")
        #expect(sheet.values.filter { $0[1]?.text == "Novads" }.allSatisfy { $0[4]?.text == "Īstenots" })
    }

    @Test func theCouncilWorkbookItselfIsAPlan() throws {
        try runAutumn()
        // The .xlsx as atbalsts wrote it: read by the export reader, its plan sheet found by name.
        let summary = try runSpring(plan: autumnBook.path)
        #expect(summary.sources.last?.status == .imported)
        // The municipal plan's five rows and the MA plāni sheet's.
        let associations = try WorkbookReader(autumnBook).rows(ofSheet: "MA plāni").keys.filter { $0 > 4 }.count
        #expect(associations > 0)
        #expect(summary.sources.last?.rowsAccepted == 5 + associations)
        let draft = try WorkbookReader(springBook).rows(ofSheet: "Pilnveides plāns")
        #expect(draft.values.filter { $0[7]?.text?.contains("pārnests no 2026-27-autumn") == true }.count == 5)
    }

    @Test func anEnglishPlanInAnyOrderIsRead() throws {
        let csv = """
            Development plan
            "Wave: 2026-27-autumn · Draft"

            Notes,Status,Responsible,Need area,Term,Rank
            n1 anna@skola-example.lv,In progress,A tel. 20001234,Assessment,2026/27 spring,1
            n2,Cancelled,B,Teaching methods,2026/27 spring,2
            ,,,,,
            n3,Postponed,C,Assessment,,3
            n4,Done,D,Astrology,,4

            """
        let needAreas = try Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds")).instrument("needs-v1").needAreas
        try csv.write(to: workspace.url("plan.csv"), atomically: true, encoding: .utf8)
        let parsed = try PlanReader.read(file: workspace.url("plan.csv"), needAreas: needAreas)
        #expect(parsed.wave?.id == "2026-27-autumn")
        #expect(parsed.actions.map(\.area) == ["assessment", "methods"])
        #expect(parsed.actions.map(\.status) == [.inProgress, .cancelled])
        #expect(parsed.actions.map(\.rank) == [1, 2])
        #expect(parsed.actions[0].notes == "n1 [e-pasts]")
        #expect(parsed.actions[0].responsible == "A tel. [tālrunis]")
        #expect(parsed.quarantine.map(\.reason) == [.unknownPlanStatus, .unknownNeedArea])
        #expect(parsed.quarantine.map(\.column) == ["Status", "Need area"])
    }

    /// From outside: a plan for a wave the database does not hold fails the run (exit 1) with one line.
    @Test func aPlanForAnUnknownWaveExitsWith1() throws {
        try runAutumn()
        try "\"Kārta: 2024-25-spring\"\nJoma,Statuss\nVērtēšana,Plānots\n".write(
            to: workspace.url("old.csv"), atomically: true, encoding: .utf8)
        _ = try workspace.pipeline(
            wave: "2026-27-spring",
            sources: """
                  - file: \(fixtures)/small-google-forms-spring.csv
                  - file: \(fixtures)/small-register.csv
                    kind: institutions
                  - file: \(workspace.url("old.csv").path)
                    kind: plan
                """)
        let result = try BuiltBinary.run(["run", workspace.url("pipeline.yaml").path, "--quiet"])
        #expect(result.code == 1)
        let lines = result.errors.split(separator: "\n").filter { $0.contains("old.csv") }
        #expect(lines.count == 1, "\(result.errors)")
        #expect(lines.first?.contains("the plan is for wave 2024-25-spring") == true, "\(result.errors)")
    }

    @Test func badPlansFailWithOneLine() throws {
        try runAutumn()
        // Not a plan: a needs export has no area and status columns.
        let notAPlan = try runSpring(plan: "\(fixtures)/small-google-forms.csv")
        #expect(notAPlan.failed)
        #expect(notAPlan.sources.last?.error?.contains("no recognisable header") == true)
        // A plan for a wave the database does not hold.
        try "\"Kārta: 2024-25-spring\"\nJoma,Statuss\nVērtēšana,Plānots\n".write(
            to: workspace.url("old.csv"), atomically: true, encoding: .utf8)
        let unknownWave = try runSpring(plan: workspace.url("old.csv").path)
        #expect(unknownWave.failed)
        let message = try #require(unknownWave.sources.last?.error)
        #expect(message.contains("2024-25-spring") && message.contains("2026-27-autumn"))
        #expect(!message.contains("\n"))
        // Unknown statuses over max_rejected_share: the plan fails, naming the reason.
        try "Joma,Statuss\nVērtēšana,Atlikts\nVadība,Atlikts\nVērtēšana,Plānots\n".write(
            to: workspace.url("bad.csv"), atomically: true, encoding: .utf8)
        let badStatus = try runSpring(plan: workspace.url("bad.csv").path)
        #expect(badStatus.failed)
        #expect(badStatus.sources.last?.error?.contains("unknown plan status") == true)
    }
}
