import AtbalstsCore
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

    @OptionGroup var global: GlobalOptions

    func run() throws {
        do {
            guard yes else {
                throw PipelineError(file: database, say("forgetting wave \(wave) cannot be undone; add --yes to confirm", lv: "kārtas \(wave) dzēšanu nevar atsaukt; apstipriniet ar --yes"))
            }
            guard FileManager.default.fileExists(atPath: database) else {
                throw PipelineError(file: database, say("no database here; give its path with --database", lv: "šeit nav datubāzes; norādiet ceļu ar --database"))
            }
            let lock = try WorkspaceLock.acquire(for: URL(fileURLWithPath: database), command: "forget --wave \(wave)")
            defer { lock.release() }
            guard try AppDatabase(path: database).forget(wave: wave) else {
                throw PipelineError(file: database, say("there is no wave \(wave) in the database (see `atbalsts waves`)", lv: "datubāzē nav kārtas \(wave) (skatiet `atbalsts waves`)"))
            }
            print(say("forgot wave \(wave): its responses are deleted from \(database)", lv: "kārta \(wave) aizmirsta: tās atbildes izdzēstas no \(database)"))
        } catch {
            throw Outcome.report(error)
        }
    }
}
