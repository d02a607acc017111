import Foundation
import TestSupport
import Testing

@testable import Pipeline

/// Issue 18: `atbalsts instrument ID --questions` is enough to build the form in Google Forms or
/// Microsoft Forms so that its export imports with no `columns:` or `labels:`. The exports here are
/// made from the printed list only — its titles, rows and options, as each tool heads its columns
/// — never from the instrument, so a wrong or missing line in the list fails the import.
struct FormQuestionsTests {
    /// One question as printed: title, type line, required, rows and options.
    struct Printed {
        var title: String
        var type = ""
        var required = false
        var rows: [String] = []
        var options: [String] = []
        var isGrid: Bool { type.contains("Multiple choice grid") }
        var isCheckboxes: Bool { type.contains("Checkboxes") }
    }

    static func parse(_ text: String) -> [Printed] {
        var questions: [Printed] = []
        var listingRows = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if let dot = line.firstIndex(of: "."), !line.hasPrefix(" "), Int(line[..<dot]) != nil {
                questions.append(Printed(title: String(line[line.index(dot, offsetBy: 2)...])))
            } else if line.hasPrefix("   - "), !questions.isEmpty {
                let value = String(line.dropFirst(5))
                if listingRows {
                    questions[questions.count - 1].rows.append(value)
                } else {
                    questions[questions.count - 1].options.append(value)
                }
            } else if line.hasPrefix("   "), !questions.isEmpty {
                let property = line.trimmingCharacters(in: .whitespaces)
                if property.hasPrefix("Type:") || property.hasPrefix("Veids:") { questions[questions.count - 1].type = property }
                if property.hasPrefix("Required:") || property.hasPrefix("Obligāts:") {
                    questions[questions.count - 1].required = property.contains(": yes") || property.contains(": jā")
                }
                listingRows = property.hasPrefix("Rows") || property.hasPrefix("Rindas")
            }
        }
        return questions
    }

    enum Tool { case googleForms, microsoftForms }

    /// An export of `count` submissions as `tool` writes it for a form built from `questions`:
    /// Google Forms heads a grid row `Title [Row]`, Microsoft Forms with the row alone and adds its
    /// own leading columns; Microsoft Forms ends a checkbox answer with `;`.
    static func export(_ questions: [Printed], tool: Tool, count: Int) -> String {
        var header = tool == .googleForms ? ["Timestamp"] : ["Id", "Start time", "Completion time", "Email", "Name"]
        for question in questions {
            header += question.isGrid ? question.rows.map { tool == .googleForms ? "\(question.title) [\($0)]" : $0 } : [question.title]
        }
        var lines = [header.map(quoted).joined(separator: ",")]
        for submission in 0..<count {
            var fields =
                tool == .googleForms
                ? ["2026/10/\(10 + submission % 9) 10:0\(submission % 10):00 AM EET"]
                : [String(submission + 1), "10/14/26 10:00:00", "10/14/26 10:07:15", "r\(submission)@obs-example.lv", "R \(submission)"]
            for (index, question) in questions.enumerated() {
                let pick = { (options: [String], offset: Int) in options[(submission + offset) % options.count] }
                if question.isGrid {
                    fields += question.rows.indices.map { pick(question.options, index + $0) }
                } else if question.type.contains("Date") {
                    fields.append("2026-10-14")
                } else if question.options.isEmpty {
                    fields.append("ped\(submission % 7)@obs-example.lv")
                } else if question.isCheckboxes {
                    let first = pick(question.options, index)
                    let second = pick(question.options, index + 1)
                    let chosen = submission % 2 == 0 || first == second ? [first] : [first, second]
                    fields.append(tool == .googleForms ? chosen.joined(separator: ", ") : chosen.joined(separator: ";") + ";")
                } else {
                    fields.append(pick(question.options, index))
                }
            }
            lines.append(fields.map(quoted).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func quoted(_ field: String) -> String {
        field.contains(where: { $0 == "," || $0 == "\"" }) ? "\"\(field.replacingOccurrences(of: "\"", with: "\"\""))\"" : field
    }

    /// The repository's seeds with the small register, so that the list offers its institutions.
    static func seeds(in workspace: TestWorkspace) throws -> URL {
        let seeds = workspace.url("seeds")
        try FileManager.default.copyItem(at: TestWorkspace.repository.appendingPathComponent("seeds"), to: seeds)
        try FileManager.default.removeItem(at: seeds.appendingPathComponent("institutions.csv"))
        try FileManager.default.copyItem(
            at: TestWorkspace.fixtures.appendingPathComponent("small-register.csv"), to: seeds.appendingPathComponent("institutions.csv"))
        return seeds
    }

    static func printed(_ instrument: String, _ language: String, seeds: URL) throws -> [Printed] {
        let result = try BuiltBinary.run(["instrument", instrument, "--questions", "--language", language, "--seeds", seeds.path])
        #expect(result.code == 0, "\(result.errors)")
        return parse(result.output)
    }

    @Test(arguments: [("lv", Tool.googleForms), ("lv", .microsoftForms), ("en", .googleForms), ("en", .microsoftForms)])
    func anObservationFormBuiltFromTheListImportsWithNoMapping(language: String, tool: Tool) throws {
        let workspace = try TestWorkspace()
        let questions = try Self.printed("observation-v1", language, seeds: try Self.seeds(in: workspace))
        #expect(questions.count == 13, "5 particulars and 8 domains")
        #expect(questions.filter(\.isGrid).count == 8 && questions.filter(\.isGrid).allSatisfy { $0.rows.count == 3 && $0.required })
        #expect(questions[0].options == ["Testa vidusskola", "Testa pamatskola", "Mazā skola"], "the register's names")
        #expect(questions[2].required && questions[2].type.contains("Short answer"), "the observed teacher")
        #expect(questions[4].type.contains("Date"))
        let expectedColumns = language == "lv" ? "Nav novērots" : "Not observed"
        #expect(questions[5].options.first == expectedColumns && questions[5].options.count == 5)

        let summary = try ObservationTests.run(workspace, export: Self.export(questions, tool: tool, count: 12), columns: nil)
        let observed = try #require(summary.sources.last)
        #expect(observed.status == .imported, "\(observed.error ?? "")")
        #expect(observed.rowsAccepted == 12 && observed.rowsQuarantined == 0)
        #expect(observed.unreadableAnswers == 0)
        let sheet = try WorkbookReader(workspace.url("out/2026-27-autumn-padome.xlsx")).rows(ofSheet: "Stundu vērošana")
        #expect(sheet[20]?[3] == .number(12), "all 12 observations in the municipality's total")
        #expect(sheet[20]?[4] == .number(7), "seven distinct observed teachers")
    }

    @Test(arguments: [("lv", Tool.googleForms), ("lv", .microsoftForms), ("en", .googleForms)])
    func aNeedsFormBuiltFromTheListImportsWithNoMapping(language: String, tool: Tool) throws {
        let workspace = try TestWorkspace()
        let questions = try Self.printed("needs-v1", language, seeds: try Self.seeds(in: workspace))
        try Self.export(questions, tool: tool, count: 12).write(to: workspace.url("needs.csv"), atomically: true, encoding: .utf8)
        let pipeline = try workspace.pipeline(
            sources: """
                  - file: \(workspace.url("needs.csv").path)
                    kind: needs
                  - file: \(TestWorkspace.fixtures.path)/small-register.csv
                    kind: institutions
                """)
        let summary = try Runner(pipeline: pipeline, progress: RunProgress(quiet: true)).run()
        let needs = try #require(summary.sources.first)
        #expect(needs.status == .imported, "\(needs.error ?? "")")
        #expect(needs.rowsAccepted == 12 && needs.rowsQuarantined == 0)
        #expect(needs.unreadableAnswers == 0)
    }

    @Test func withoutASeedsFolderTheProgramsOwnInstrumentsAreListed() throws {
        let workspace = try TestWorkspace()
        let result = try BuiltBinary.run(["instrument", "--seeds", workspace.url("no-seeds-here").path, "--lang", "en"])
        #expect(result.code == 0)
        let lines = result.output.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("needs-v1") })
        #expect(lines.contains { $0.hasPrefix("observation-v1") && $0.hasSuffix("Lesson observation sheet") })
        let questions = Self.parse(
            try BuiltBinary.run(["instrument", "observation-v1", "--questions", "--seeds", workspace.url("no-seeds-here").path]).output)
        #expect(questions.count == 13)
        #expect(questions[0].options.isEmpty, "no register: the list says to use the register's names")
    }

    @Test func mistakesAreUsageErrors() throws {
        let workspace = try TestWorkspace()
        let noAction = try BuiltBinary.run(["instrument", "observation-v1"])
        #expect(noAction.code == 2 && noAction.errors.contains("--workbook"))
        let notXLSX = try BuiltBinary.run(["instrument", "observation-v1", "--workbook", workspace.url("sheet.csv").path])
        #expect(notXLSX.code == 2 && notXLSX.errors.contains(".xlsx"))
        let needsWorkbook = try BuiltBinary.run(["instrument", "needs-v1", "--workbook", workspace.url("sheet.xlsx").path])
        #expect(needsWorkbook.code == 2 && needsWorkbook.errors.contains("--questions"))
        #expect(!FileManager.default.fileExists(atPath: workspace.url("sheet.xlsx").path))
        let unknown = try BuiltBinary.run(["instrument", "observation-v9", "--questions"])
        #expect(unknown.code == 2 && unknown.errors.contains("observation-v9"))
    }
}
