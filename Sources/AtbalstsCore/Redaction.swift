import Foundation

/// Removes e-mail addresses and phone numbers from free text before it is stored or reaches a
/// workbook (SPEC 8). Everything else in the comment is kept as written.
public enum Redaction {
    public static let emailMark = "[e-pasts]"
    public static let phoneMark = "[tālrunis]"

    /// The ways people write an address (issue 13): letters of any script in the name and the
    /// domain (`jānis.bērziņš@skola-example.lv`, `anna@skolā-example.lv`), `(at)`/`[at]`/`{at}`
    /// for `@`, a full-width `＠`, and spaces around it (`maris @ skola.lv`). The domain needs a dot
    /// and a top-level part of letters, so `tikšanās @ 10:00` is not an address. U+FFFD stands in
    /// the name and domain too: a byte that could not be decoded shows as it in a quarantined
    /// row's value, and an address with one in it was shown whole.
    private static let email = try! NSRegularExpression(
        pattern: #"[\p{L}\p{M}\p{N}\x{FFFD}._%+\-]*[\p{L}\p{M}\p{N}\x{FFFD}_%+\-]"#
            + #"\s*(?:@|＠|[(\[{]\s*(?i:at)\s*[)\]}])\s*"#
            + #"(?:\#(label)\#(dot))+\p{L}{2,}(?![\p{L}\p{M}\p{N}])"#)
    /// One part of a domain name, and what separates the parts: a dot, or `(dot)` spelled out.
    private static let label = #"[\p{L}\p{M}\p{N}\x{FFFD}](?:[\p{L}\p{M}\p{N}\x{FFFD}\-]*[\p{L}\p{M}\p{N}\x{FFFD}])?"#
    private static let dot = #"(?:\.|\s*[(\[{]\s*(?i:dot|punkts)\s*[)\]}]\s*)"#
    /// Seven or more digits, possibly grouped by spaces, dots or dashes, optionally after + or (…);
    /// never starting inside a word or a longer number, so `PRIVTAG15 0037120001234` keeps its tag.
    private static let phone = try! NSRegularExpression(
        pattern: #"(?<![\p{L}\p{M}\p{N}])\(?(?:\+|00)?\(?\d[\d\s.\-()]{5,}\d(?![\p{L}\p{M}])"#)

    public static func redact(_ text: String) -> String {
        // Most comments hold neither: skip the regular expressions when no '@'-like sign and fewer
        // than seven decimal digits (any script's, as the pattern's \d) appear at all. An `(at)`
        // needs an opening bracket, so Foundation's case-insensitive search (slow on Linux, and
        // "at" is in most Latvian comments) runs only when there is one.
        var digits = 0
        var at = false
        var bracket = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x40, 0xFF20:  // @ ＠
                at = true
            case 0x30...0x39: digits += 1
            case 0x28, 0x5B, 0x7B: bracket = true  // ( [ {
            case 0..<0x660: break  // no decimal digit but ASCII's below U+0660 (Arabic-Indic zero)
            default: if scalar.properties.numericType == .decimal { digits += 1 }
            }
            if at { break }
        }
        if !at, bracket, text.range(of: "at", options: .caseInsensitive) != nil {
            at = text.range(of: #"[(\[{]\s*at\s*[)\]}]"#, options: [.regularExpression, .caseInsensitive]) != nil
        }
        if !at && digits < 7 { return text }
        return unfiltered(text)
    }

    /// The replacements themselves, without the pre-check (tests compare the two).
    static func unfiltered(_ text: String) -> String {
        replacePhones(in: replace(email, in: text, with: emailMark))
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
