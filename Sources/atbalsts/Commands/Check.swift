import AtbalstsCore
import ArgumentParser
import Foundation
import Ingest
import Pipeline

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: say(
            "Show what would be imported from one export; store nothing.",
            lv: "Parāda, kas tiktu importēts no viena eksporta; neko nesaglabā."),
        discussion: say(
            "Example:\n  atbalsts check samples/google-forms-needs.csv --seeds seeds",
            lv: "Piemērs:\n  atbalsts check samples/google-forms-needs.csv --seeds seeds"))

    @Argument(help: bilingual("The export to look at.", lv: "Aplūkojamais eksports."))
    var file: String

    @Option(help: bilingual("The instrument to read it through.", lv: "Instruments, ar kuru to lasīt."))
    var instrument = "needs-v1"

    @Option(help: bilingual("The seeds folder (instruments and the institutions register).", lv: "Sēklu mape (instrumenti un iestāžu reģistrs)."))
    var seeds = "seeds"

    @Option(help: bilingual("How many problems to list.", lv: "Cik problēmas uzskaitīt."))
    var problems = 10

    @OptionGroup var global: GlobalOptions

    func run() throws {
        do {
            let seedFiles = Seeds(directory: URL(fileURLWithPath: seeds))
            let parsed = try SourceReader.read(
                file: URL(fileURLWithPath: file), instrument: try seedFiles.instrument(instrument),
                register: try Seeds.register(at: seedFiles.defaultRegister),
                pseudonymizer: Pseudonymizer(key: Digest.randomBytes(32)))
            print(CheckReport(parsed: parsed, instrument: try seedFiles.instrument(instrument), problems: problems).text)
        } catch {
            throw Outcome.report(error)
        }
    }
}
