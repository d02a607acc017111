import AtbalstsCore
import Foundation
import Ingest
import Store
import TestSupport
import Testing

@testable import Pipeline
@testable import Reports

/// The command line on the built binary: `check` reads a workbook, `run` refuses what is no export.
struct XLSXCommandLineTests {
    func run(_ arguments: [String]) throws -> (code: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = BuiltBinary.url
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text, problems)
    }

    @Test func checkReadsAWorkbookAndItsSheet() throws {
        #expect(FileManager.default.isExecutableFile(atPath: BuiltBinary.url.path), "build the binary first")
        let seeds = TestWorkspace.repository.appendingPathComponent("seeds").path
        let forms = try run(["check", XLSXInputTests.fixture("xlsx/ms-forms-small.xlsx").path, "--seeds", seeds])
        #expect(forms.code == 0)
        #expect(forms.output.contains("format:     ms-forms"))
        #expect(forms.output.contains("encoding:   XLSX"))
        #expect(forms.output.contains("rows:       18 read"))
        let sheet = try run(["check", XLSXInputTests.fixture("xlsx/two-sheets.xlsx").path, "--seeds", seeds, "--sheet", "Atbildes"])
        #expect(sheet.code == 0)
        #expect(sheet.output.contains("rows:       18 read"))
    }

    @Test func runRefusesADeviceAndAnOldWorkbookInOneLine() throws {
        #expect(FileManager.default.isExecutableFile(atPath: BuiltBinary.url.path), "build the binary first")
        let workspace = try TestWorkspace()
        let old = workspace.url("answers.xls")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600)).write(to: old)
        for (file, says) in [
            ("/dev/zero", "zero: is a device, not a file"),
            (old.path, "answers.xls: is an old Excel workbook (.xls); open it in Excel or LibreOffice and save it as .xlsx"),
        ] {
            _ = try workspace.pipeline(sources: "  - file: \(file)\n    kind: needs")
            let started = Date()
            let result = try run(["run", workspace.url("pipeline.yaml").path, "--quiet"])
            #expect(Date().timeIntervalSince(started) < 10)
            #expect(result.code == 1)
            #expect(result.errors.contains(says), "\(result.errors)")
        }
        try? FileManager.default.removeItem(at: workspace.directory)
    }
}
