import Foundation

/// The language of command-line messages: `--lang`, else the locale (`LC_ALL`, `LC_MESSAGES`,
/// `LANG` starting with `lv`), else English. A task-local value: the command runs inside
/// `MessageLanguage.$current.withValue(…)`, and tests can speak Latvian without touching others.
public enum MessageLanguage {
    @TaskLocal public static var current: Language = .en

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                return value.lowercased().hasPrefix("lv") ? .lv : .en
            }
        }
        return .en
    }
}

/// A command-line message in both languages, shown in `MessageLanguage.current`.
public func say(_ english: String, lv latvian: String) -> String {
    MessageLanguage.current == .lv ? latvian : english
}

/// A count with its noun in the right number: English "1 row, 2 rows"; Latvian takes the
/// singular after numbers ending in 1 but not 11 ("1 rinda, 21 rinda, 11 rindas").
public func counted(_ count: Int, _ english: (one: String, many: String), lv latvian: (one: String, many: String)) -> String {
    let latvianSingular = count % 10 == 1 && count % 100 != 11
    return say(
        "\(count) \(count == 1 ? english.one : english.many)",
        lv: "\(count) \(latvianSingular ? latvian.one : latvian.many)")
}
