import ArgumentParser
import Foundation
import Pipeline

@main
struct Atbalsts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atbalsts",
        abstract: say(
            "Turn teacher needs surveys into council-ready Excel workbooks.",
            lv: "Pedagogu vajadzību aptaujas pārvērš domei gatavos Excel pārskatos."),
        discussion: say(
            """
            Example:
              atbalsts init my-municipality
              atbalsts run my-municipality/pipeline.yaml
            """,
            lv: """
                Piemērs:
                  atbalsts init mans-novads
                  atbalsts run mans-novads/pipeline.yaml
                """),
        version: AtbalstsVersion.current,
        subcommands: [
            Init.self, Run.self, Check.self, Waves.self, Report.self, Plan.self, Forget.self, InstrumentCommand.self,
        ])

    /// Parses and runs inside the asked language, so that help, the parser's own errors and every
    /// message speak it (SPEC 6); an unknown subcommand gets the closest one suggested, as an
    /// unknown option already does.
    static func main() {
        ProcessStart.prepare()
        let arguments = Array(CommandLine.arguments.dropFirst())
        let language = GlobalOptions.language(in: arguments) ?? MessageLanguage.fromEnvironment()
        MessageLanguage.$current.withValue(language) {
            let names = Set(configuration.subcommands.map { $0._commandName })
            if let first = arguments.first, !first.hasPrefix("-"), !names.contains(first), first != "help" {
                let hint = closestMatch(first, in: names).map { say(" Did you mean '\($0)'?", lv: " Vai domājāt '\($0)'?") } ?? ""
                let text = say(
                    "Error: unknown command '\(first)'.\(hint) See 'atbalsts --help'.",
                    lv: "Kļūda: nezināma komanda '\(first)'.\(hint) Skatiet 'atbalsts --help'.")
                FileHandle.standardError.write(Data((text + "\n").utf8))
                Foundation.exit(Outcome.usage.rawValue)
            }
            // The root and `help` declare no `--lang`; it has been read above, so it goes.
            let parsed = arguments.first.map(names.contains) == true ? arguments : GlobalOptions.withoutLanguage(arguments)
            do {
                var command = try parseAsRoot(parsed)
                try command.run()
            } catch {
                finish(with: error)
            }
        }
    }

    /// Help and the version go to stdout with 0; whatever the parser refuses is a usage error,
    /// exit 2 (SPEC 6) rather than the parser's 64; our own commands have already printed their
    /// one line and chosen 1 or 2.
    static func finish(with error: Error) -> Never {
        let code = exitCode(for: error)
        let text = ParserMessages.translated(fullMessage(for: error))
        if code == .success {
            if !text.isEmpty { print(text) }
            Foundation.exit(ExitCode.success.rawValue)
        }
        if code == .validationFailure {
            FileHandle.standardError.write(Data((text + "\n").utf8))
            Foundation.exit(Outcome.usage.rawValue)
        }
        exit(withError: error)
    }
}
