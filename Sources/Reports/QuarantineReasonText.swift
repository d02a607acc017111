import AtbalstsCore
import Foundation

extension QuarantineReason {
    /// The reason in `language`: the one place a quarantine reason becomes words, for the
    /// data-quality sheet, `<wave>-rejected.csv` (English) and the command line. The English text is
    /// the prose the database held before reason codes, so `.legacy` rows read the same.
    public func text(_ language: Language) -> String {
        let lv = language == .lv
        switch self {
        case .wrongFieldCount(let expected, let found):
            return lv ? "gaidīti \(expected) lauki, atrasti \(found)" : "expected \(expected) fields, found \(found)"
        case .incompleteResponse:
            return lv ? "nepabeigta atbilde (nav iesniegšanas datuma)" : "incomplete response (no submit date)"
        case .noInstitution:
            return lv ? "iestāde nav norādīta" : "no institution given"
        case .unknownInstitution:
            return lv ? "nezināma iestāde" : "unknown institution"
        case .undecodableByte(let byte, let offset, let encoding):
            let shown = String(format: "0x%02X", byte)
            return lv
                ? "neatkodējams baits \(shown) baitu nobīdē \(offset) (nav \(encoding))"
                : "undecodable byte \(shown) at byte offset \(offset) (not \(encoding))"
        case .nulByte(let offset):
            return lv ? "NUL baits baitu nobīdē \(offset)" : "NUL byte at byte offset \(offset)"
        case .unknownNeedArea:
            return lv ? "nezināma vajadzību joma" : "unknown need area"
        case .noRating:
            return lv ? "vērtējums nav norādīts" : "no rating given"
        case .unknownRatingLabel:
            return lv ? "nezināms vērtējums" : "unknown rating label"
        case .ratingOutOfRange(let value, let lowest, let highest):
            return lv ? "vērtība \(value) ārpus robežām \(lowest)–\(highest)" : "value \(value) out of range \(lowest)–\(highest)"
        case .noNeedArea:
            return lv ? "vajadzību joma nav norādīta" : "no need area given"
        case .unknownPlanStatus:
            return lv ? "nezināms plāna statuss" : "unknown plan status"
        case .unknownLearningArea:
            return lv ? "nezināma mācību joma" : "unknown learning area"
        case .legacy(let text):
            // Stored as English prose by an earlier version: shown as it was stored, marked.
            return lv ? "\(text) (saglabāts angliski)" : text
        }
    }
}
