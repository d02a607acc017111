import ArgumentParser
import Foundation
import Pipeline

struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: say(
            "Write the current draft plan (Pilnveides plāns and MA plāni) to a workbook of its own.",
            lv: "Uzraksta pašreizējo plāna projektu (Pilnveides plāns un MA plāni) atsevišķā darbgrāmatā."),
        discussion: say(
            """
            From stored data, as the council workbook's sheets are. Edit it in Excel or LibreOffice
            and list it next term as a source with `kind: plan`.

            Examples:
              atbalsts plan pipelines/demo.yaml
              atbalsts plan pipeline.yaml --wave 2026-27-autumn --out plans/autumn.xlsx
            """,
            lv: """
                No saglabātajiem datiem, tāpat kā novada pārskata lapas. Rediģējiet to Excel vai LibreOffice
                un nākamajā kārtā norādiet kā avotu ar `kind: plan`.

                Piemēri:
                  atbalsts plan pipelines/demo.yaml
                  atbalsts plan pipeline.yaml --wave 2026-27-autumn --out plans/rudens.xlsx
                """))

    @OptionGroup var options: PipelineOptions

    @Option(
        help: bilingual(
            "The wave whose plan to write (default: the pipeline's).", lv: "Kārta, kuras plānu rakstīt (noklusēti pipeline kārta).",
            valueName: "YYYY-YY-autumn|spring"))
    var wave: String?

    @Option(
        help: bilingual(
            "The workbook to write (default: <wave>-plans.xlsx in the output folder).",
            lv: "Rakstāmā darbgrāmata (noklusēti <kārta>-plans.xlsx izvades mapē)."))
    var out: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let wave, Wave(wave) == nil {
            throw ValidationError(
                say(
                    "--wave \(wave) is not a wave; write it as 2026-27-autumn or 2026-27-spring",
                    lv: "--wave \(wave) nav kārta; rakstiet to kā 2026-27-autumn vai 2026-27-spring"))
        }
    }

    func run() throws {
        do {
            let path = try options.runner().writePlan(
                wave: wave.flatMap(Wave.init), to: out.map { URL(fileURLWithPath: $0) })
            if options.json {
                let data = try JSONSerialization.data(withJSONObject: ["workbook": path], options: [.sortedKeys])
                Swift.print(String(decoding: data, as: UTF8.self))
            } else if !options.quiet {
                Swift.print(path)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Outcome.report(error)
        }
    }
}
