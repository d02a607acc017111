import AtbalstsCore
import Foundation
import Ingest
import Store
import TestSupport
import Testing

@testable import Pipeline
@testable import Reports

/// SPEC 4.1: an `.xlsx` is read directly — Microsoft Forms' own download, and anything saved from
/// Excel or LibreOffice — and gives the same responses and numbers as the CSV of the same answers.
/// The workbooks are made by Fixtures/xlsx/make_xlsx.py (openpyxl, soffice).
struct XLSXInputTests {
    static let cases: [(workbook: String, csv: String, format: String)] = [
        ("google-forms-small.xlsx", "small-google-forms.csv", "google-forms"),
        ("libreoffice-google-small.xlsx", "small-google-forms.csv", "google-forms"),
        ("ms-forms-small.xlsx", "formats/ms-forms-small.csv", "ms-forms"),
        ("libreoffice-ms-forms-small.xlsx", "formats/ms-forms-small.csv", "ms-forms"),
    ]

    static func fixture(_ name: String) -> URL { TestWorkspace.fixtures.appendingPathComponent(name) }

    static func read(_ file: URL, options: SourceOptions = SourceOptions()) throws -> ParsedSource {
        try SourceReader.read(
            file: file, instrument: try Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds")).instrument("needs-v1"),
            register: try Seeds.register(at: fixture("small-register.csv")),
            pseudonymizer: Pseudonymizer(key: Array(repeating: 3, count: 32)), options: options)
    }

    /// Everything of a response but its line: a CSV line and a worksheet row differ where a
    /// comment holds a line break.
    static func content(_ source: ParsedSource) -> [String] {
        source.responses.map { "\($0.respondentKey) \($0.submittedAt ?? "-") \($0.institution) \($0.values.raw) \($0.texts)" }
    }

    @Test(arguments: cases.indices)
    func sameResponsesAsTheCSVOfTheSameAnswers(index: Int) throws {
        let example = Self.cases[index]
        let workbook = try Self.read(Self.fixture("xlsx/\(example.workbook)"))
        let csv = try Self.read(Self.fixture(example.csv))
        #expect(workbook.encoding == .xlsx)
        #expect(workbook.format.rawValue == example.format)
        #expect(workbook.headers == csv.headers.map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(workbook.accepted == csv.accepted)
        #expect(!workbook.responses.isEmpty)
        #expect(Self.content(workbook) == Self.content(csv), "answers, submission times (dates as serials), comments")
        // A record with the wrong number of fields is a CSV defect a worksheet cannot have: the
        // generator leaves it out of the workbook.
        let rowDefects = csv.quarantine.filter {
            if case .wrongFieldCount = $0.reason { false } else { true }
        }
        #expect(workbook.quarantine.map(\.reason) == rowDefects.map(\.reason))
        #expect(workbook.quarantine.map(\.value) == rowDefects.map(\.value))
        #expect(workbook.quarantine.map(\.column) == rowDefects.map(\.column))
    }

    @Test(arguments: cases.indices)
    func quarantinedRowsNameTheWorksheetRow(index: Int) throws {
        let example = Self.cases[index]
        let workbook = try Self.read(Self.fixture("xlsx/\(example.workbook)"))
        let bytes = Array(try Data(contentsOf: Self.fixture(example.csv)))
        let all = try CSVReader.readAll(utf8: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes, delimiter: 44)
        // The workbook holds the CSV's whole records in order from row 1.
        let records = all.filter { $0.fields.count == all[0].fields.count }
        #expect(!workbook.quarantine.isEmpty)
        for row in workbook.quarantine {
            let name = try #require(row.column)
            let column = try #require(records[0].fields.firstIndex(of: name))
            let record = try #require(records.firstIndex { $0.fields[column] == row.value })
            #expect(row.line == record + 1, "\(row)")
        }
    }

    @Test func theSameNumbersInTheCouncilWorkbook() throws {
        let workspace = try TestWorkspace()
        let original = try FormatsTests.importing(Self.fixture("small-google-forms.csv"), into: workspace, name: "csv")
        let workbook = try FormatsTests.importing(Self.fixture("xlsx/ms-forms-small.xlsx"), into: workspace, name: "xlsx")
        #expect(workbook.summary.sources.map(\.status) == [.imported])
        #expect(workbook.answers == original.answers)
        #expect(workbook.priorities == original.priorities)
        let database = try AppDatabase(path: workspace.url("xlsx.sqlite").path)
        let source = try #require(try database.sources(wave: "2026-27-autumn").first)
        #expect(source.description.encoding == "XLSX")
        #expect(source.description.delimiter == "none")
        let bytes = try Data(contentsOf: Self.fixture("xlsx/ms-forms-small.xlsx"))
        #expect(source.description.sha256 == Digest.sha256Hex(Array(bytes)), "the SHA-256 of the file's bytes")
        try? FileManager.default.removeItem(at: workspace.directory)
    }

    @Test func aSourceNamesItsSheet() throws {
        var options = SourceOptions()
        options.sheet = "Atbildes"
        let named = try Self.read(Self.fixture("xlsx/two-sheets.xlsx"), options: options)
        #expect(Self.content(named) == Self.content(try Self.read(Self.fixture("xlsx/google-forms-small.xlsx"))))
        #expect(throws: IngestError.self) { try Self.read(Self.fixture("xlsx/two-sheets.xlsx")) }

        options.sheet = "Answers"
        let missing = try #require(throws: IngestError.self) { try Self.read(Self.fixture("xlsx/two-sheets.xlsx"), options: options) }
        #expect(
            missing.description
                == "two-sheets.xlsx: the workbook has no sheet \"Answers\"; its sheets are \"Kopsavilkums\", \"Atbildes\": set `sheet:` to one of them"
        )
        MessageLanguage.$current.withValue(.lv) {
            #expect(missing.description.contains("darbgrāmatā nav lapas \"Answers\"; tās lapas ir \"Kopsavilkums\", \"Atbildes\""))
        }
    }

    @Test func thePipelineKeySheet() throws {
        let workspace = try TestWorkspace()
        let sources = """
              - file: \(Self.fixture("xlsx/two-sheets.xlsx").path)
                kind: needs
                sheet: Atbildes
              - file: \(Self.fixture("small-register.csv").path)
                kind: institutions
            """
        let pipeline = try workspace.pipeline(sources: sources, settings: "settings:\n  max_input_size: 500MB\n  max_rejected_share: 0.2")
        #expect(pipeline.sources[0].options.sheet == "Atbildes")
        #expect(pipeline.sources[0].options.maxInputSize == 500_000_000)
        #expect(pipeline.sources[0].options.maxRejectedShare == 0.2)
        let summary = try Runner(pipeline: pipeline, progress: RunProgress(quiet: true)).run()
        #expect(summary.sources.first?.status == .imported)
        #expect(summary.sources.first?.rowsAccepted == 17, "the unknown-label row counts, its answer missing")

        let wrong = try #require(throws: PipelineError.self) {
            try workspace.pipeline(settings: "settings:\n  max_input_size: lots")
        }
        #expect(wrong.description.contains("max_input_size \"lots\" is no size such as 1GiB, 500MB or 1048576"))
        try? FileManager.default.removeItem(at: workspace.directory)
    }

    @Test(arguments: [
        ("xlsx/damaged.xlsx", "damaged.xlsx: the workbook is damaged (xl/worksheets/sheet1.xml: not well-formed XML"),
        ("xlsx/not-a-workbook.zip", "not-a-workbook.zip: is a ZIP archive, not an Excel workbook; unpack it and name the export inside"),
    ])
    func damagedWorkbooksAndOtherZipsFailInOneLine(file: String, message: String) throws {
        let error = try #require(throws: IngestError.self) { try Self.read(Self.fixture(file)) }
        #expect(error.description.hasPrefix(message), "\(error)")
        #expect(!error.description.contains("\n"))
    }

    @Test func aSelfAssessmentWorkbookGivesTheCSVsRatings() throws {
        let needAreas = try Seeds(directory: TestWorkspace.repository.appendingPathComponent("seeds")).instrument("needs-v1").needAreas
        func read(_ name: String) throws -> ParsedSelfAssessment {
            try SelfAssessmentReader.read(
                file: Self.fixture(name), needAreas: needAreas, register: try Seeds.register(at: Self.fixture("small-register.csv")),
                pseudonymizer: Pseudonymizer(key: Array(repeating: 3, count: 32)))
        }
        let workbook = try read("xlsx/self-assessment-small.xlsx")
        let csv = try read("small-self-assessment.csv")
        #expect(workbook.encoding == .xlsx)
        #expect(!workbook.ratings.isEmpty)
        #expect(workbook.ratings == csv.ratings, "ratings stored as numbers read as the CSV's digits; same lines")
        #expect(workbook.quarantine == csv.quarantine)
    }

    @Test func formatXlsxAsksForAWorkbook() throws {
        var options = SourceOptions()
        options.format = .xlsx
        let workbook = try Self.read(Self.fixture("xlsx/ms-forms-small.xlsx"), options: options)
        #expect(workbook.format == .msForms, "the layout is still recognised from the headers")
        let error = try #require(throws: IngestError.self) { try Self.read(Self.fixture("small-google-forms.csv"), options: options) }
        #expect(error.description.contains("the source says `format: xlsx`, but the file is no .xlsx workbook"))
    }

    @Test func aWorkbookCutShortIsDamagedNotAnotherZip() throws {
        let bytes = Array(try Data(contentsOf: Self.fixture("xlsx/ms-forms-small.xlsx")))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atbalsts-cut-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cut = folder.appendingPathComponent("cut.xlsx")
        try Data(bytes.prefix(bytes.count / 2)).write(to: cut)
        let error = try #require(throws: IngestError.self) { try Self.read(cut) }
        #expect(error.description.hasPrefix("cut.xlsx: the workbook is damaged (ZIP: "), "\(error)")
        try FileManager.default.removeItem(at: folder)
    }

    @Test func quarantineReasonsForUnusableBytesInLatvian() {
        #expect(
            QuarantineReason.undecodableByte(byte: 0xFF, byteOffset: 71967, encoding: "UTF-8").text(.lv)
                == "neatkodējams baits 0xFF baitu nobīdē 71967 (nav UTF-8)")
        #expect(QuarantineReason.nulByte(byteOffset: 12).text(.lv) == "NUL baits baitu nobīdē 12")
    }
}
