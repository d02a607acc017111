import AtbalstsCore
import Foundation
import Ingest
import Store
import TestSupport
import Testing

@testable import Pipeline

/// Every export format of SPEC 4.1, made from the same respondents as the Google Forms fixture by
/// scripts/convert_samples.py, must store the same answers and give the same workbook numbers.
struct FormatsTests {
    static let formats: [(file: String, format: String, encoding: String, quarantined: Int)] = [
        // The row with an unknown need label is no longer quarantined: only that answer is missing.
        ("ms-forms-small.csv", "ms-forms", "UTF-8 (BOM)", 1),
        ("limesurvey-codes-small.csv", "limesurvey", "UTF-8", 4),
        ("limesurvey-text-small.csv", "limesurvey", "UTF-8", 4),
        ("excel-cp1257-small.csv", "google-forms", "Windows-1257", 1),
        ("excel-unicode-small.txt", "google-forms", "UTF-16LE", 1),
        ("generic-small.csv", "generic", "UTF-8", 1),
    ]

    /// Runs one export into its own database with the workspace's key; returns stored answers and
    /// the Prioritātes rows.
    static func importing(_ file: URL, into workspace: TestWorkspace, name: String) throws
        -> (answers: [String], priorities: [Int: [Int: WorkbookReader.Value]], summary: RunSummary)
    {
        let sources = """
              - file: \(file.path)
                kind: needs
              - file: \(TestWorkspace.fixtures.path)/small-register.csv
                kind: institutions
            """
        let pipeline = try workspace.pipeline(sources: sources, top: "database: \(name).sqlite", outputs: "out-\(name)")
        let summary = try Runner(pipeline: pipeline, progress: RunProgress(quiet: true)).run()
        let database = try AppDatabase(path: workspace.url("\(name).sqlite").path)
        let instrument = try Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds")).instrument("needs-v1")
        let answers = try database.responses(wave: "2026-27-autumn", instrument: instrument)
            .map { "\($0.respondentKey) \($0.institution) \($0.values.raw)" }.sorted()
        let book = try WorkbookReader(workspace.url("out-\(name)/2026-27-autumn-padome.xlsx"))
        return (answers, try book.rows(ofSheet: "Prioritātes"), summary)
    }

    @Test(arguments: formats.indices)
    func sameAnswersAndNumbersAsTheGoogleOriginal(index: Int) throws {
        let format = Self.formats[index]
        let workspace = try TestWorkspace()
        let original = try Self.importing(
            TestWorkspace.fixtures.appendingPathComponent("small-google-forms.csv"), into: workspace, name: "google")
        let converted = try Self.importing(
            TestWorkspace.fixtures.appendingPathComponent("formats/\(format.file)"), into: workspace, name: "other")
        #expect(converted.summary.sources.map(\.status) == [.imported])
        #expect(converted.summary.sources[0].rowsAccepted == 17)
        #expect(converted.summary.sources[0].rowsQuarantined == format.quarantined)
        #expect(converted.answers == original.answers)
        #expect(converted.priorities == original.priorities)

        let database = try AppDatabase(path: workspace.url("other.sqlite").path)
        let source = try #require(try database.sources(wave: "2026-27-autumn").first)
        #expect(source.description.format == format.format)
        #expect(source.description.encoding == format.encoding)
        #expect(source.rowsSuperseded == 1, "the later submission of a1 wins in every format")
    }
}
