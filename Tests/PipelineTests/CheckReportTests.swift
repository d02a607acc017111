import AtbalstsCore
import Foundation
import Ingest
import Store
import TestSupport
import Testing

@testable import Pipeline

struct CheckReportTests {
    @Test func checkShowsHowTheFileWasReadAndItsFirstProblems() throws {
        let seeds = Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds"))
        let instrument = try seeds.instrument("needs-v1")
        let parsed = try SourceReader.read(
            file: TestWorkspace.fixtures.appendingPathComponent("formats/excel-cp1257-small.csv"), instrument: instrument,
            register: try Seeds.register(at: TestWorkspace.fixtures.appendingPathComponent("small-register.csv")),
            pseudonymizer: Pseudonymizer(key: Array(repeating: 1, count: 32)))
        let text = CheckReport(parsed: parsed, instrument: instrument, problems: 10).text
        #expect(text.contains("format:     google-forms"))
        #expect(text.contains("encoding:   Windows-1257"))
        #expect(text.contains("delimiter:  ;"))
        #expect(text.contains("rows:       18 read, 17 accepted, 1 quarantined"))
        #expect(text.contains("→ need_digital [exact header]"))
        #expect(text.contains("line 18: column \"Izglītības iestāde\" value \"Nezināma skola\": unknown institution"))
    }

    /// Items the pipeline declares `not_asked:` have no column on purpose: `check` lists them
    /// apart, not among the items a file lacks (they made `check` look like a failure).
    @Test func notAskedItemsAreListedApartFromMissingOnes() throws {
        let seeds = Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds"))
        let instrument = try seeds.instrument("needs-v1")
        let file = TestWorkspace.fixtures.appendingPathComponent("variants/no-wellbeing.csv")
        let register = try Seeds.register(at: TestWorkspace.fixtures.appendingPathComponent("small-register.csv"))
        let key = Pseudonymizer(key: Array(repeating: 1, count: 32))
        var options = SourceOptions()
        options.notAsked = ["who5"]
        let parsed = try SourceReader.read(file: file, instrument: instrument, register: register, pseudonymizer: key, options: options)
        let text = CheckReport(parsed: parsed, instrument: instrument, problems: 0).text
        let lines = text.split(separator: "\n").map(String.init)
        let missing = try #require(lines.first { $0.hasPrefix("items without a column: ") })
        let notAsked = try #require(lines.first { $0.hasPrefix("not asked (`not_asked:`): ") })
        #expect(missing.contains("cbi_1") && !missing.contains("who5_1"))
        #expect(notAsked.contains("who5_1") && !notAsked.contains("cbi_1"))
    }

    /// A multi-select answered in one column per option (LimeSurvey `Q[SQ001]`) has no single
    /// column but is mapped: neither missing nor "not asked".
    @Test func optionColumnsAreNeitherMissingNorNotAsked() throws {
        let seeds = Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds"))
        let instrument = try seeds.instrument("needs-v1")
        let parsed = try SourceReader.read(
            file: TestWorkspace.fixtures.appendingPathComponent("formats/limesurvey-codes-small.csv"), instrument: instrument,
            register: try Seeds.register(at: TestWorkspace.fixtures.appendingPathComponent("small-register.csv")),
            pseudonymizer: Pseudonymizer(key: Array(repeating: 1, count: 32)))
        try #require(!parsed.mapping.optionColumns.isEmpty, "the fixture answers a multi-select by option columns")
        let text = CheckReport(parsed: parsed, instrument: instrument, problems: 0).text
        #expect(!text.contains("not asked"))
        #expect(!text.contains("items without a column"))
    }
}
