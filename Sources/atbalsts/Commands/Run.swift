import ArgumentParser
import Foundation
import Pipeline

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import the pipeline's sources, score them and write the workbooks.",
        discussion: """
            Example:
              atbalsts run pipelines/demo.yaml
              atbalsts run pipeline.yaml --dry-run     # read and check, store nothing
            """)

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    @Flag(help: "Read and validate the sources; store and write nothing.")
    var dryRun = false

    @Flag(help: "Print a machine-readable run summary on stdout.")
    var json = false

    @Flag(help: "Print nothing but errors on stderr.")
    var quiet = false

    func run() throws {
        do {
            let file = try PipelineFile.load(URL(fileURLWithPath: pipeline))
            let summary = try Runner(pipeline: file, progress: Progress(quiet: quiet || json)).run(dryRun: dryRun)
            SummaryPrinter.print(summary, json: json, quiet: quiet)
            if summary.failed { throw Outcome.failed }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Outcome.report(error)
        }
    }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the workbooks again from stored data, importing nothing.",
        discussion: "Example:\n  atbalsts report pipelines/demo.yaml")

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    @Flag(help: "Print a machine-readable summary on stdout.")
    var json = false

    func run() throws {
        do {
            let file = try PipelineFile.load(URL(fileURLWithPath: pipeline))
            let summary = try Runner(pipeline: file, progress: Progress(quiet: json)).report()
            SummaryPrinter.print(summary, json: json, quiet: false)
        } catch {
            throw Outcome.report(error)
        }
    }
}

enum SummaryPrinter {
    static func print(_ summary: RunSummary, json: Bool, quiet: Bool) {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = (try? encoder.encode(summary)) ?? Data()
            Swift.print(String(decoding: data, as: UTF8.self))
            return
        }
        guard !quiet else { return }
        var lines = ["", "wave \(summary.wave)"]
        for source in summary.sources {
            let counts = "read \(source.rowsRead), accepted \(source.rowsAccepted), quarantined \(source.rowsQuarantined)"
            lines.append("  \(source.file): \(source.status.rawValue)" + (source.status == .failed ? "" : " — \(counts)"))
        }
        if summary.respondents > 0 { lines.append("  respondents counted: \(summary.respondents)") }
        if let council = summary.workbooks.first(where: { $0.hasSuffix("-padome.xlsx") }) {
            lines.append("  council workbook: \(council)")
        }
        let own = summary.workbooks.filter { !$0.hasSuffix("-padome.xlsx") }
        if let first = own.first {
            let folder = URL(fileURLWithPath: first).deletingLastPathComponent().path
            lines.append("  institution workbooks: \(own.count) in \(folder)")
        }
        if !summary.institutionsWithoutWorkbook.isEmpty {
            lines.append("  no workbook (too few respondents): " + summary.institutionsWithoutWorkbook.joined(separator: ", "))
        }
        if let rejected = summary.rejectedFile { lines.append("  rejected rows: \(rejected)") }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
