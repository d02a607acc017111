import ArgumentParser
import Foundation
import Pipeline

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: say(
            "Create a workspace: pipeline template, a copy of the seeds, a pseudonym key.",
            lv: "Izveido darba mapi: pipeline veidni, sēklu kopiju, pseidonīma atslēgu."),
        discussion: say(
            """
            Existing files are never overwritten.
            Example:
              atbalsts init my-municipality
            """,
            lv: """
                Esošie faili netiek pārrakstīti.
                Piemērs:
                  atbalsts init mans-novads
                """))

    @Argument(help: bilingual("The workspace folder.", lv: "Darba mape."))
    var directory = "."

    @Option(
        help: bilingual(
            "A seeds folder to copy into the workspace instead of the standard seeds the program carries.",
            lv: "Sēklu mape, ko iekopēt darba mapē standarta sēklu vietā, kas ir programmā."))
    var seeds: String?

    @Flag(help: bilingual("Only create the pseudonym key.", lv: "Izveido tikai pseidonīma atslēgu."))
    var keyOnly = false

    @OptionGroup var global: GlobalOptions

    func run() throws {
        do {
            let source = seeds.map { URL(fileURLWithPath: $0) }
            if let source, !FileManager.default.fileExists(atPath: source.path) {
                throw PipelineError(
                    file: source.path,
                    say(
                        "no seeds folder here; leave out --seeds to use the standard seeds",
                        lv: "šeit nav sēklu mapes; bez --seeds tiek lietotas standarta sēklas"))
            }
            let result = try Workspace.initialize(URL(fileURLWithPath: directory), seedsFrom: source, keyOnly: keyOnly)
            for name in result.created { print(say("created \(directory)/\(name)", lv: "izveidots \(directory)/\(name)")) }
            for name in result.kept {
                print(say("kept    \(directory)/\(name) (already there)", lv: "saglabāts \(directory)/\(name) (jau bija)"))
            }
        } catch {
            throw Outcome.report(error)
        }
    }
}
