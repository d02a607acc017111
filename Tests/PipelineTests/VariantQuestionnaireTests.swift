import AtbalstsCore
import Foundation
import GRDB
import Store
import TestSupport
import Testing

@testable import Pipeline

/// Other municipalities' questionnaires (Fixtures/variants, made from small-google-forms.csv by
/// make_variants.py): each is mapped by pipeline keys alone and gives the standard export's
/// answers and numbers (issue 12).
struct VariantQuestionnaireTests {
    static let variants = TestWorkspace.fixtures.appendingPathComponent("variants")
    let workspace: TestWorkspace

    init() throws { workspace = try TestWorkspace() }

    /// Runs one export with extra source keys into its own database; returns the stored answers
    /// (option slots named in `ignoring` left out) and the Prioritātes rows.
    func importing(
        _ file: URL, keys: String = "", name: String, ignoring: Set<String> = [],
        register: URL = TestWorkspace.fixtures.appendingPathComponent("small-register.csv")
    )
        throws -> (answers: [String], priorities: [Int: [Int: WorkbookReader.Value]], summary: RunSummary)
    {
        let sources = """
              - file: \(file.path)
                kind: needs
            \(keys)
              - file: \(register.path)
                kind: institutions
            """
        let pipeline = try workspace.pipeline(sources: sources, top: "database: \(name).sqlite", outputs: "out-\(name)")
        let summary = try Runner(pipeline: pipeline, progress: RunProgress(quiet: true)).run()
        let database = try AppDatabase(path: workspace.url("\(name).sqlite").path)
        let instrument = try Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds")).instrument("needs-v1")
        let kept = instrument.slots.indices.filter { !ignoring.contains(instrument.slots[$0].name) }
        let answers = try database.responses(wave: "2026-27-autumn", instrument: instrument)
            .map { response in "\(response.respondentKey) \(response.institution) \(kept.map { response.values[$0] })" }
            .sorted()
        let path = workspace.url("out-\(name)/2026-27-autumn-padome.xlsx")
        // A failed file writes no workbook: no numbers to compare.
        guard FileManager.default.fileExists(atPath: path.path) else { return (answers, [:], summary) }
        return (answers, try WorkbookReader(path).rows(ofSheet: "Prioritātes"), summary)
    }

    func standard(ignoring: Set<String> = []) throws -> (
        answers: [String], priorities: [Int: [Int: WorkbookReader.Value]], summary: RunSummary
    ) {
        try importing(TestWorkspace.fixtures.appendingPathComponent("small-google-forms.csv"), name: "standard", ignoring: ignoring)
    }

    func variant(_ file: String) -> URL { Self.variants.appendingPathComponent(file) }

    @Test func rewordedHeadersMapByColumns() throws {
        let keys = """
                columns:
                  need_digital: "Digitālās kompetences (vajadzība)"
                  need_inclusive: /^Iekļaujošā izglītība/
            """
        let mapped = try importing(variant("reworded-headers.csv"), keys: keys, name: "reworded")
        let original = try standard()
        #expect(mapped.summary.sources.first?.status == .imported)
        #expect(mapped.answers == original.answers)
        #expect(mapped.priorities == original.priorities)
    }

    @Test func aFivePointScaleMapsByLabels() throws {
        let keys = """
                labels:
                  need:
                    "1 – nav vajadzības": 0
                    "2 – neliela": 1
                    "3 – vidēja": 2
                    "4 – liela": 3
                    "5 – ļoti liela": 3
            """
        let mapped = try importing(variant("five-point-need.csv"), keys: keys, name: "five")
        let original = try standard()
        #expect(mapped.answers == original.answers)
        #expect(mapped.priorities == original.priorities)
    }

    @Test func renamedOptionsMapByLabelsAndCitsCountsAsOther() throws {
        let keys = """
                labels:
                  support_forms: { "Kursi (A vai B programma)": courses }
                  barriers: { "Nav laika": time }
            """
        let mapped = try importing(variant("renamed-options.csv"), keys: keys, name: "renamed")
        let original = try standard(ignoring: ["barriers__other"])
        let compared = try importing(
            variant("renamed-options.csv"), keys: keys, name: "renamed-compared", ignoring: ["barriers__other"])
        #expect(mapped.summary.sources.first?.rowsAccepted == original.summary.sources.first?.rowsAccepted)
        #expect(mapped.summary.sources.first?.unreadableAnswers == original.summary.sources.first?.unreadableAnswers)
        #expect(compared.answers == original.answers)
        #expect(mapped.priorities == original.priorities)

        // The "Cits: …" answer is the option "other", its text kept (redacted) like a comment.
        let database = try AppDatabase(path: workspace.url("renamed.sqlite").path)
        let instrument = try Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds")).instrument("needs-v1")
        let other = try #require(instrument.slotIndex("barriers__other"))
        let time = try #require(instrument.slotIndex("barriers__time"))
        let responses = try database.responses(wave: "2026-27-autumn", instrument: instrument)
        #expect(responses.filter { $0.values[other] == 1 }.count == 1)
        #expect(responses.allSatisfy { $0.values[time] == 1 })
        let texts = try DatabaseQueue(path: database.path).read { db in
            try String.fetchAll(db, sql: "SELECT text FROM response_text WHERE item_id = 'barriers__other'")
        }
        #expect(texts == ["vasarā nav piedāvājuma"])
    }

    @Test func withoutTheOptionMappingOnlyThatAnswerIsMissing() throws {
        // No `labels:` for the renamed options: every barriers answer is unreadable (over the
        // 50 % this workspace tolerates), so the file fails and nothing is stored.
        let failed = try importing(variant("renamed-options.csv"), name: "unmapped")
        #expect(failed.summary.sources.first?.status == .failed)
        let error = try #require(failed.summary.sources.first?.error)
        #expect(error.contains("answers to support_forms"))
        #expect(error.contains("\"Kursi (A vai B programma)\""))
        #expect(error.contains("closest \"Kursi\""))
        let database = try AppDatabase(path: workspace.url("unmapped.sqlite").path)
        #expect(try database.waves().isEmpty, "nothing of a failed file is stored")
    }

    @Test func institutionSpellingsMapByInstitutions() throws {
        let keys = """
                institutions:
                  "Testa vsk.": T01
                  "Testa vidussk.": T01
                  MS: T03
            """
        let mapped = try importing(variant("institution-spellings.csv"), keys: keys, name: "spellings")
        let original = try standard()
        #expect(mapped.answers == original.answers)
        #expect(mapped.priorities == original.priorities)
    }

    /// The same spellings kept in the register's `aliases` column instead: no pipeline key needed.
    @Test func institutionSpellingsMapByRegisterAliases() throws {
        let mapped = try importing(
            variant("institution-spellings.csv"), name: "aliases",
            register: Self.variants.appendingPathComponent("register-with-aliases.csv"))
        let original = try standard()
        #expect(mapped.summary.sources.first?.rowsQuarantined == original.summary.sources.first?.rowsQuarantined)
        #expect(mapped.answers == original.answers)
        #expect(mapped.priorities == original.priorities)
    }

    @Test func aMissingWellbeingBlockIsDeclaredNotAsked() throws {
        let mapped = try importing(
            variant("no-wellbeing.csv"), keys: "    not_asked: [who5, cbi]", name: "nowellbeing",
            ignoring: [])
        let original = try standard()
        #expect(mapped.summary.sources.first?.status == .imported)
        #expect(mapped.priorities == original.priorities)

        // Without `not_asked` the file fails, naming the items that have no column.
        let failed = try importing(variant("no-wellbeing.csv"), name: "undeclared")
        let error = try #require(failed.summary.sources.first?.error)
        #expect(failed.summary.sources.first?.status == .failed)
        #expect(error.contains("12 item(s) of the instrument have no column: who5_1"))
        #expect(error.contains("`not_asked:`"))
    }

    /// A submission time that cannot be read keeps its row (without a time) and is listed in Datu
    /// kvalitāte with the unreadable answers — before, only the terminal said so.
    @Test func anUnreadableSubmissionTimeIsListedInDataQuality() throws {
        let original = try String(contentsOf: TestWorkspace.fixtures.appendingPathComponent("small-google-forms.csv"), encoding: .utf8)
        let garbled = original.replacingOccurrences(
            of: "2026/10/01 9:00:00 AM EET,a1@example.lv,", with: "otrdien pēc stundām,a1@example.lv,")
        try #require(garbled != original)
        let file = workspace.url("garbled-time.csv")
        try garbled.write(to: file, atomically: true, encoding: .utf8)
        let read = try importing(file, name: "garbled")
        #expect(read.summary.sources.first?.status == .imported)
        #expect(read.answers.count == (try standard().answers.count), "the row is kept")
        let quality = try WorkbookReader(workspace.url("out-garbled/2026-27-autumn-padome.xlsx")).rows(ofSheet: "Datu kvalitāte")
        let row = try #require(
            quality.values.first { row in row.values.contains { "\($0)".contains("Iesniegšanas laiks (rinda saglabāta bez laika)") } },
            "no row names the submission time")
        #expect(row.values.contains { "\($0)".contains("otrdien pēc stundām") })
    }
}
