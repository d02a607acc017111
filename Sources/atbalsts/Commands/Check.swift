import AtbalstsCore
import ArgumentParser
import Foundation
import Ingest
import Pipeline

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what would be imported from one export; store nothing.",
        discussion: "Example:\n  atbalsts check samples/google-forms-needs.csv --seeds seeds")

    @Argument(help: "The export to look at.")
    var file: String

    @Option(help: "The instrument to read it through.")
    var instrument = "needs-v1"

    @Option(help: "The seeds folder (instruments and the institutions register).")
    var seeds = "seeds"

    @Option(help: "The sheet of an .xlsx workbook to read (default: the first).")
    var sheet: String?

    @Option(help: "How many problems to list.")
    var problems = 10

    @OptionGroup var global: GlobalOptions

    func run() throws {
        do {
            let seedFiles = Seeds(directory: URL(fileURLWithPath: seeds))
            var options = SourceOptions()
            options.sheet = sheet
            let parsed = try SourceReader.read(
                file: URL(fileURLWithPath: file), instrument: try seedFiles.instrument(instrument),
                register: try Seeds.register(at: seedFiles.defaultRegister),
                pseudonymizer: Pseudonymizer(key: Digest.randomBytes(32)), options: options)
            print(CheckReport(parsed: parsed, instrument: try seedFiles.instrument(instrument), problems: problems).text)
        } catch {
            throw Outcome.report(error)
        }
    }
}
