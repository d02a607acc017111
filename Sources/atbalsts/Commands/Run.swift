import ArgumentParser
import Foundation
import Pipeline

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: say(
            "Import the pipeline's sources, score them and write the workbooks.",
            lv: "Importē pipeline avotus, aprēķina rādītājus un raksta pārskatus."),
        discussion: say(
            """
            Example:
              atbalsts run pipelines/demo.yaml
              atbalsts run pipeline.yaml --dry-run     # read and check, store nothing
            """,
            lv: """
                Piemērs:
                  atbalsts run pipelines/demo.yaml
                  atbalsts run pipeline.yaml --dry-run     # nolasīt un pārbaudīt, neko nesaglabāt
                """))

    @OptionGroup var options: PipelineOptions

    @Flag(
        help: bilingual(
            "Read and validate the sources; store and write nothing.", lv: "Nolasa un pārbauda avotus; neko nesaglabā un neraksta."))
    var dryRun = false

    @OptionGroup var global: GlobalOptions

    func run() throws {
        do {
            let summary = try options.runner().run(dryRun: dryRun)
            options.print(summary)
            if summary.failed { throw Outcome.failed }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Outcome.report(error)
        }
    }
}
