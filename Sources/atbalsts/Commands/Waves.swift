import ArgumentParser
import Foundation
import Pipeline

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
            for line in try WaveListing.lines(database: database) { print(line) }
        } catch {
            throw Outcome.report(error)
        }
    }
}
