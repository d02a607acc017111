import Foundation
import Pipeline

/// swift-argument-parser words its help screens and its own errors in English and offers no hook
/// for another language, so under Latvian its fixed phrases are replaced here (SPEC 6: messages
/// whole in the asked language, `--help` included). Our abstracts, discussions and option help
/// are already Latvian (`say`); what is left is the parser's frame around them. Values, option
/// names and file names between quotes are kept as typed.
enum ParserMessages {
    static func translated(_ text: String, language: Language = MessageLanguage.current) -> String {
        guard language == .lv else { return text }
        var result = text
        for (pattern, template) in patterns {
            result = result.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        }
        return result
    }

    /// In order: longer phrases before the shorter ones they contain.
    static let patterns: [(String, String)] = [
        // Errors (ArgumentParser's ErrorMessageGenerator).
        (#"(?m)^Error: "#, "Kļūda: "),
        (#"Missing expected argument '([^']*)'"#, "Trūkst obligātā argumenta '$1'"),
        (#"Missing one of: "#, "Trūkst viena no: "),
        (#"Missing value for '([^']*)'"#, "Trūkst vērtības opcijai '$1'"),
        (#"Missing required subcommand\."#, "Trūkst apakškomandas."),
        (#"Unknown option '([^']*)'\. Did you mean '([^']*)'\?"#, "Nezināma opcija '$1'. Vai domājāt '$2'?"),
        (#"Unknown option '([^']*)'"#, "Nezināma opcija '$1'"),
        (#"Invalid option: "#, "Nederīga opcija: "),
        (#"(\d+) unexpected arguments: "#, "$1 negaidīti argumenti: "),
        (#"Unexpected argument '([^']*)'"#, "Negaidīts arguments '$1'"),
        (
            #"The option '([^']*)' does not take any value, but '([^']*)' was specified\."#,
            "Opcijai '$1' nav vērtības, bet norādīts '$2'."
        ),
        (#"Value to be set with (.*) had already been set with (.*)"#, "Vērtība $1 jau ir norādīta ar $2"),
        (#"The value '([^']*)' is invalid for '([^']*)'"#, "Vērtība '$1' nav derīga opcijai '$2'"),
        (#"The value '([^']*)' is invalid\."#, "Vērtība '$1' nav derīga."),
        (#"\. Please provide one of the following:"#, ". Norādiet vienu no šīm:"),
        (#"\. Please provide one of "#, ". Norādiet vienu no: "),
        (#"'([^'\s]*)' and '([^'\s]*)'\."#, "'$1' vai '$2'."),
        (#", or '"#, " vai '"),
        (#"Can't parse value"#, "Nevar nolasīt vērtību"),
        (#"(?m)^Help:  "#, "Palīdzība:  "),
        (#"(?m)^Usage: "#, "Lietojums: "),
        (#"See '([^']*)' for more information\."#, "Vairāk: '$1'."),
        // Help screens (ArgumentParser's HelpGenerator).
        (#"(?m)^OVERVIEW: "#, "APRAKSTS: "),
        (#"(?m)^USAGE: "#, "LIETOJUMS: "),
        (#"(?m)^ARGUMENTS:"#, "ARGUMENTI:"),
        (#"(?m)^OPTIONS:"#, "OPCIJAS:"),
        (#"(?m)^SUBCOMMANDS:"#, "APAKŠKOMANDAS:"),
        (#"See '([^']*) <subcommand>' for detailed help\."#, "Sīkāk par komandu: '$1 <apakškomanda>'."),
        (#"Show help information\."#, "Parāda šo palīdzību."),
        (#"Show the version\."#, "Parāda versiju."),
        (#"\(default: ([^)]*)\)"#, "(noklusējums: $1)"),
        (#"\(values: ([^)]*)\)"#, "(vērtības: $1)"),
        (#"<options>"#, "<opcijas>"),
        (#"<subcommand>"#, "<apakškomanda>"),
    ]
}
