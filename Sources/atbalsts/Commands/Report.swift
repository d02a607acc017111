import ArgumentParser
import Foundation
import Pipeline

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: say(
            "Write the workbooks again from stored data, importing nothing.",
            lv: "Vēlreiz uzraksta pārskatus no saglabātajiem datiem, neko neimportējot."),
        discussion: say("Example:\n  atbalsts report pipelines/demo.yaml", lv: "Piemērs:\n  atbalsts report pipelines/demo.yaml"))

    @OptionGroup var options: PipelineOptions

    @OptionGroup var global: GlobalOptions

    func run() throws {
        do {
            options.print(try options.runner().report())
        } catch {
            throw Outcome.report(error)
        }
    }
}
