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
