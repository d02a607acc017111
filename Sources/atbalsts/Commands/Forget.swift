import ArgumentParser
import Foundation
import Pipeline

struct Forget: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: say(
            "Delete a wave's responses from the database and its files from the output folder (data retention).",
            lv: "Izdzēš kārtas atbildes no datubāzes un tās failus no izvades mapes (datu glabāšanas termiņš)."),
        discussion: say(
            """
            Everything stored about the wave goes: responses, comments, self-assessments,
            imported files' records and their quarantined rows; the database file is
            rewritten so nothing is left behind. The pipeline names the database and the
            output folder, where the wave's workbooks (<wave>-padome.xlsx,
            <wave>-<code>.xlsx) and <wave>-rejected.csv are deleted too.
            Example:
              atbalsts forget my-municipality/pipeline.yaml --wave 2024-25-autumn --yes
            """,
            lv: """
                Izdzēš visu, kas par kārtu saglabāts: atbildes, komentārus, pašvērtējumus,
                importēto failu ierakstus un to atsijātās rindas; datubāzes fails tiek
                pārrakstīts, lai nekas nepaliktu pāri. Pipeline failā norādīta datubāze un
                izvades mape, no kuras izdzēš arī kārtas pārskatus (<wave>-padome.xlsx,
                <wave>-<code>.xlsx) un <wave>-rejected.csv.
                Piemērs:
                  atbalsts forget mans-novads/pipeline.yaml --wave 2024-25-autumn --yes
                """))

    @Argument(
        help: bilingual(
            "The pipeline file (YAML): its database and output folder.", lv: "Pipeline fails (YAML): tā datubāze un izvades mape."))
    var pipeline: String

    @Option(help: bilingual("The wave to delete, e.g. 2024-25-autumn.", lv: "Dzēšamā kārta, piemēram, 2024-25-autumn."))
    var wave: String

    @Flag(help: bilingual("Confirm: the deletion cannot be undone.", lv: "Apstiprinājums: dzēšanu nevar atsaukt."))
    var yes = false

    @OptionGroup var global: GlobalOptions

    func run() throws {
        do {
            guard yes else {
                throw PipelineError(
                    file: pipeline,
                    say(
                        "forgetting wave \(wave) cannot be undone; add --yes to confirm",
                        lv: "kārtas \(wave) dzēšanu nevar atsaukt; apstipriniet ar --yes"))
            }
            let file = try PipelineFile.load(URL(fileURLWithPath: pipeline))
            let result = try WaveRemoval.forget(wave: wave, pipeline: file)
            let database = file.database.path
            if result.wasStored {
                print(
                    say(
                        "forgot wave \(wave): its responses are deleted from \(database)",
                        lv: "kārta \(wave) aizmirsta: tās atbildes izdzēstas no \(database)"))
            }
            let folder = file.outputs.directory.path
            print(
                say(
                    "deleted \(result.removedFiles.count) files of wave \(wave) from \(folder)",
                    lv: "no \(folder) izdzēsti \(result.removedFiles.count) kārtas \(wave) faili"))
        } catch {
            throw Outcome.report(error)
        }
    }
}
