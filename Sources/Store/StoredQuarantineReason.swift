import AtbalstsCore
import Foundation

/// A `QuarantineReason` as the `quarantine` table holds it (migration "v6-quarantine-codes"):
/// `reason_code`, `reason_arguments` (a JSON array of strings), and `reason`, which before v6 was
/// the only column and held English prose.
struct StoredQuarantineReason {
    let text: String
    let code: String?
    let arguments: String?

    init(_ reason: QuarantineReason) {
        guard let code = reason.code else {
            // `.legacy` is written back as it came: prose and no code.
            (text, self.code, arguments) = (reason.arguments.first ?? "", nil, nil)
            return
        }
        let json = (try? JSONEncoder().encode(reason.arguments)).map { String(decoding: $0, as: UTF8.self) }
        (text, self.code, arguments) = (code, code, json ?? "[]")
    }

    /// A row without a code, or with one this version does not know, is `.legacy` with its text.
    static func read(text: String, code: String?, arguments: String?) -> QuarantineReason {
        guard let code,
            let list = try? JSONDecoder().decode([String].self, from: Data((arguments ?? "[]").utf8)),
            let reason = QuarantineReason(code: code, arguments: list)
        else { return .legacy(text) }
        return reason
    }
}
