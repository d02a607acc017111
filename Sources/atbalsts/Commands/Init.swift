import AtbalstsCore
import ArgumentParser
import Foundation
import Pipeline

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a workspace: pipeline template, a copy of the seeds, a pseudonym key.",
        discussion: """
            Existing files are never overwritten.
            Example:
              atbalsts init my-municipality
            """)

    @Argument(help: "The workspace folder.")
    var directory = "."

    @Option(help: "The seeds folder to copy into the workspace.")
    var seeds = "seeds"

    @Flag(help: "Only create the pseudonym key.")
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
