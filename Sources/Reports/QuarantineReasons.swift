import AtbalstsCore
import Foundation

/// Quarantine reasons are stored in English (the database is the record); a Latvian workbook
/// shows them in Latvian. Each pattern is one of the reasons ingest writes.
enum QuarantineReasons {
    private static let latvian: [(NSRegularExpression, String)] = [
        (#"^expected (\d+) fields, found (\d+)$"#, "gaidīti $1 lauki, atrasti $2"),
        (#"^incomplete response \(no submit date\)$"#, "nepabeigta atbilde (nav iesniegšanas datuma)"),
        (#"^no institution given$"#, "iestāde nav norādīta"),
        (#"^unknown institution$"#, "nezināma iestāde"),
        (#"^value (-?\d+) out of range (-?\d+)–(-?\d+)$"#, "vērtība $1 ārpus robežām $2–$3"),
        (#"^unknown answer label for scale (.+)$"#, "nezināma atbilde skalai $1"),
        (#"^answer does not match the options of (.+)$"#, "atbilde neatbilst jautājuma $1 variantiem"),
        (#"^unknown need area$"#, "nezināma vajadzību joma"),
        (#"^no rating given$"#, "vērtējums nav norādīts"),
        (#"^unknown rating label$"#, "nezināms vērtējums"),
        (#"^undecodable byte (0x[0-9A-F]{2}) at byte offset (\d+) \(not (.+)\)$"#, "neatkodējams baits $1 baitu nobīdē $2 (nav $3)"),
        (#"^NUL byte at byte offset (\d+)$"#, "NUL baits baitu nobīdē $1"),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }

    static func text(_ reason: String, _ language: Language) -> String {
        guard language == .lv else { return reason }
        let range = NSRange(reason.startIndex..., in: reason)
        for (pattern, template) in latvian where pattern.firstMatch(in: reason, range: range) != nil {
            return pattern.stringByReplacingMatches(in: reason, range: range, withTemplate: template)
        }
        return reason
    }
}
