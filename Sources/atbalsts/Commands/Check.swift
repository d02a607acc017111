import ArgumentParser
import Foundation
import Pipeline

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: say(
            "Show what would be imported from one export or a whole pipeline; store nothing.",
            lv: "Parāda, kas tiktu importēts no viena eksporta vai visa pipeline; neko nesaglabā."),
        discussion: say(
            """
            With a pipeline file, everything `run` would do with its mapping: item → column, every
            answer that matches no label, every institution name not in the register, dates outside
            the term, and whether the run would fail (exit 1 when it would). --suggest prints the
            `columns:`/`labels:`/`not_asked:`/`institutions:` block to paste into the pipeline.

            Examples:
              atbalsts check my-municipality/pipeline.yaml --suggest
              atbalsts check samples/google-forms-needs.csv --seeds seeds
            """,
            lv: """
                Ar pipeline failu — viss, ko `run` darītu ar tā sasaisti: jautājums → kolonna, katra atbilde,
                kas neatbilst nevienam variantam, katrs reģistrā nezināms iestādes nosaukums, datumi ārpus
                perioda un vai palaišana neizdotos (tad kods 1). --suggest izdrukā
                `columns:`/`labels:`/`not_asked:`/`institutions:` bloku, ko ielīmēt pipeline failā.

                Piemēri:
                  atbalsts check mans-novads/pipeline.yaml --suggest
                  atbalsts check samples/google-forms-needs.csv --seeds seeds
                """))

    @Argument(
        help: bilingual(
            "An export, or a pipeline file (.yaml) to check as `run` would.",
            lv: "Eksports vai pipeline fails (.yaml), ko pārbaudīt kā `run`."))
    var file: String

    @Option(help: bilingual("The instrument to read an export through.", lv: "Instruments, ar kuru lasīt eksportu."))
    var instrument = "needs-v1"

    @Option(
        help: bilingual(
            "The seeds folder (instruments and the institutions register) for an export.",
            lv: "Sēklu mape (instrumenti un iestāžu reģistrs) eksportam."))
    var seeds = "seeds"

    @Option(
        help: bilingual(
            "The sheet of an .xlsx workbook to read (default: the first).", lv: "Lasāmā .xlsx darbgrāmatas lapa (noklusēti pirmā)."))
    var sheet: String?

    @Option(help: bilingual("How many problems to list.", lv: "Cik problēmas uzskaitīt."))
    var problems = 10

    @Flag(
        help: bilingual(
            "With a pipeline: print the mapping block that would read every file completely.",
            lv: "Ar pipeline: izdrukā sasaistes bloku, ar kuru katrs fails nolasītos pilnībā."))
    var suggest = false

    @OptionGroup var global: GlobalOptions

    func run() throws {
        do {
            if file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
                let check = try PipelineCheck(pipeline: try PipelineFile.load(URL(fileURLWithPath: file)))
                print(check.text(suggest: suggest))
                if !check.wouldSucceed { throw Outcome.failed }
                return
            }
            print(try ExportCheck.text(file: file, seeds: seeds, instrument: instrument, sheet: sheet, problems: problems))
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Outcome.report(error)
        }
    }
}
