import Foundation

/// Removes e-mail addresses and phone numbers from free text before it reaches a workbook
/// (SPEC 8). Everything else in the comment is kept as written.
public enum Redaction {
    public static let emailMark = "[e-pasts]"
    public static let phoneMark = "[tālrunis]"

    private static let email = try! NSRegularExpression(
        pattern: #"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"#)
    /// Seven or more digits, possibly grouped by spaces, dots or dashes, optionally after + or (…).
    private static let phone = try! NSRegularExpression(
        pattern: #"\(?(?:\+|00)?\(?\d[\d\s.\-()]{5,}\d"#)

    public static func redact(_ text: String) -> String {
        // Most comments hold neither: skip the regular expressions when no '@' and fewer than
        // seven decimal digits (any script's, as the pattern's \d) appear at all.
        var digits = 0, at = false
        for scalar in text.unicodeScalars {
            if scalar == "@" { at = true; break }
            if scalar.isASCII ? ("0"..."9").contains(scalar) : scalar.properties.numericType == .decimal { digits += 1 }
        }
        if !at && digits < 7 { return text }
        var result = replace(email, in: text, with: emailMark)
        result = replacePhones(in: result)
        return result
    }

    private static func replace(_ regex: NSRegularExpression, in text: String, with mark: String) -> String {
        regex.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: NSRegularExpression.escapedTemplate(for: mark))
    }

    /// Only runs that hold at least seven digits count as a phone number, so years and counts
    /// ("2026", "3–10 gadi") stay.
    private static func replacePhones(in text: String) -> String {
        var result = text
        let matches = phone.matches(in: text, range: NSRange(text.startIndex..., in: text))
        for match in matches.reversed() {
            guard let range = Range(match.range, in: result) else { continue }
            if result[range].filter(\.isNumber).count >= 7 { result.replaceSubrange(range, with: phoneMark) }
        }
        return result
    }
}
