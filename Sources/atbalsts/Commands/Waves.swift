import ArgumentParser
import Foundation
import Pipeline
import Store

struct Waves: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the waves in the database with their counts.",
        discussion: "Example:\n  atbalsts waves --database pipelines/atbalsts.sqlite")

    @Option(help: "The database file.")
    var database = "atbalsts.sqlite"

    func run() throws {
        do {
            guard FileManager.default.fileExists(atPath: database) else {
                throw PipelineError(file: database, "no database here; give its path with --database")
            }
            let waves = try AppDatabase(path: database).waves()
            print("wave              sources  responses  quarantined")
            for wave in waves {
                print(wave.id.padding(toLength: 18, withPad: " ", startingAt: 0)
                      + String(format: "%7d  %9d  %11d", wave.sources, wave.responses, wave.quarantined))
            }
        } catch {
            throw Outcome.report(error)
        }
    }
}
