import ArgumentParser
import AtbalstsCore
import Foundation
import Pipeline

@main
struct Atbalsts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atbalsts",
        abstract: "Turn teacher needs surveys into council-ready Excel workbooks.",
        discussion: """
            Example:
              atbalsts init my-municipality
              atbalsts run my-municipality/pipeline.yaml
            """,
        version: AtbalstsVersion.current,
        subcommands: [Init.self, Run.self, Check.self, Waves.self, Report.self, Forget.self])

    /// An unknown subcommand gets the closest one suggested, as an unknown option already does.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let language = GlobalOptions.language(in: arguments) ?? MessageLanguage.fromEnvironment()
        MessageLanguage.$current.withValue(language) {
            let names = Set(configuration.subcommands.map { $0._commandName })
            if let first = arguments.first, !first.hasPrefix("-"), !names.contains(first), first != "help" {
                let hint = closestMatch(first, in: names).map { say(" Did you mean '\($0)'?", lv: " Vai domājāt '\($0)'?") } ?? ""
                let text = say("Error: unknown command '\(first)'.\(hint) See 'atbalsts --help'.",
                               lv: "Kļūda: nezināma komanda '\(first)'.\(hint) Skatiet 'atbalsts --help'.")
                FileHandle.standardError.write(Data((text + "\n").utf8))
                Foundation.exit(2)
            }
            main(nil)
        }
    }
}
