import AtbalstsCore
import ArgumentParser
import Foundation
import Pipeline
import Store

struct Waves: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: say("List the waves in the database with their counts.", lv: "Uzskaita datubāzes kārtas ar to skaitiem."),
        discussion: say(
            "Example:\n  atbalsts waves --database pipelines/atbalsts.sqlite",
            lv: "Piemērs:\n  atbalsts waves --database pipelines/atbalsts.sqlite"))

    @Option(help: bilingual("The database file.", lv: "Datubāzes fails."))
    var database = "atbalsts.sqlite"

    @OptionGroup var global: GlobalOptions

    func run() throws {
        do {
            guard FileManager.default.fileExists(atPath: database) else {
                throw PipelineError(file: database, say("no database here; give its path with --database", lv: "šeit nav datubāzes; norādiet ceļu ar --database"))
            }
            let waves = try AppDatabase(path: database).waves()
            print(say("wave              sources  responses  quarantined", lv: "kārta             faili    atbildes   atsijātas"))
            for wave in waves {
                print(wave.id.padding(toLength: 18, withPad: " ", startingAt: 0)
                      + String(format: "%7d  %9d  %11d", wave.sources, wave.responses, wave.quarantined))
            }
        } catch {
            throw Outcome.report(error)
        }
    }
}
