import AtbalstsCore
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

    @Option(help: bilingual("The seeds folder to copy into the workspace.", lv: "Sēklu mape, ko iekopēt darba mapē."))
    var seeds = "seeds"

    @Flag(help: bilingual("Only create the pseudonym key.", lv: "Izveido tikai pseidonīma atslēgu."))
    var keyOnly = false

    @OptionGroup var global: GlobalOptions

    func run() throws {
        do {
            let source = URL(fileURLWithPath: seeds)
            let result = try Workspace.initialize(
                URL(fileURLWithPath: directory),
                seedsFrom: FileManager.default.fileExists(atPath: source.path) ? source : nil, keyOnly: keyOnly)
            for name in result.created { print(say("created \(directory)/\(name)", lv: "izveidots \(directory)/\(name)")) }
            for name in result.kept {
                print(say("kept    \(directory)/\(name) (already there)", lv: "saglabāts \(directory)/\(name) (jau bija)"))
            }
        } catch {
            throw Outcome.report(error)
        }
    }
}
