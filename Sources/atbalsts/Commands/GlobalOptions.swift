import ArgumentParser
import Foundation
import Pipeline

extension Language: ExpressibleByArgument {}

/// Options every subcommand takes. `--lang` is read before parsing (see `Atbalsts.main`), so that
/// even a parsing error speaks the chosen language; declaring it here puts it in every `--help`.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .customLong("lang"),
        help: bilingual(
            "Language of messages: lv or en (default: from the locale).", lv: "Ziņojumu valoda: lv vai en (ja nav norādīta: no lokāles).",
            valueName: "lv|en"))
    var language: Language?

    static func language(in arguments: [String]) -> Language? {
        for (index, argument) in arguments.enumerated() {
            if argument == "--lang", index + 1 < arguments.count { return Language(rawValue: arguments[index + 1]) }
            if argument.hasPrefix("--lang=") { return Language(rawValue: String(argument.dropFirst(7))) }
        }
        return nil
    }

    /// The arguments without `--lang X` or `--lang=X`.
    static func withoutLanguage(_ arguments: [String]) -> [String] {
        var kept: [String] = []
        var skipNext = false
        for argument in arguments {
            if skipNext {
                skipNext = false
            } else if argument == "--lang" {
                skipNext = true
            } else if !argument.hasPrefix("--lang=") {
                kept.append(argument)
            }
        }
        return kept
    }
}

/// Help of an argument in the language of the messages: the parser builds it inside `Atbalsts.main`,
/// where the language is bound.
func bilingual(_ english: String, lv latvian: String, valueName: String? = nil) -> ArgumentHelp {
    ArgumentHelp(say(english, lv: latvian), valueName: valueName)
}
