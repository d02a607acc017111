import ArgumentParser
import Foundation
import Pipeline
import Store

struct Forget: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete a wave's responses from the database (data retention).",
        discussion: """
            Everything stored about the wave goes: responses, comments, self-assessments, imported files'
            records and their quarantined rows. The database file is rewritten so nothing is left behind.
            Example:
              atbalsts forget --wave 2024-25-autumn --yes --database my-municipality/atbalsts.sqlite
            """)

    @Option(help: "The wave to delete, e.g. 2024-25-autumn.")
    var wave: String

    @Flag(help: "Confirm: the deletion cannot be undone.")
    var yes = false

    @Option(help: "The database file.")
    var database = "atbalsts.sqlite"

    func run() throws {
        do {
            guard yes else {
                throw PipelineError(file: database, "forgetting wave \(wave) cannot be undone; add --yes to confirm")
            }
            guard FileManager.default.fileExists(atPath: database) else {
                throw PipelineError(file: database, "no database here; give its path with --database")
            }
            guard try AppDatabase(path: database).forget(wave: wave) else {
                throw PipelineError(file: database, "there is no wave \(wave) in the database (see `atbalsts waves`)")
            }
            print("forgot wave \(wave): its responses are deleted from \(database)")
        } catch {
            throw Outcome.report(error)
        }
    }
}
