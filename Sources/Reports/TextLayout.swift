import AtbalstsCore
import Foundation

/// libxlsxwriter has no autofit: widths and heights are estimated from the text and the font
/// (Calibri 11, one column unit ≈ the width of "0"), wrapping at word boundaries only (SPEC 10).
public enum TextLayout {
    /// Points one line of 11-point text takes.
    public static let lineHeight = 15.0
    /// Excel's width of a column nobody set.
    public static let defaultWidth = 8.43
    /// Cell padding, in column units, that text cannot use.
    static let padding = 1.0

    /// The width of one character in column units: narrow letters less, capitals and m/w more.
    static func width(of character: Character, bold: Bool) -> Double {
        let base: Double
        switch character {
        case "i", "l", "j", "ī", "ļ", "í", "ì", "I", ".", ",", ";", ":", "'", "!", "|", "(", ")", " ", "/", "·":
            base = 0.5
        case "t", "f", "r", "ŗ", "-", "–":
            base = 0.65
        case "m", "w", "M", "W", "%", "@", "—":
            base = 1.5
        default:
            base = character.isUppercase ? 1.2 : 1.0
        }
        return bold ? base * 1.1 : base
    }

    static func width(of word: Substring, bold: Bool) -> Double {
        word.reduce(0) { $0 + width(of: $1, bold: bold) }
    }

    /// The width the longest word needs, padding included: a column at least this wide never
    /// breaks a word of the text.
    public static func longestWord(_ text: String, bold: Bool) -> Double {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" })
            .map { width(of: $0, bold: bold) }.max().map { $0 + padding + 0.5 } ?? 0
    }

    /// Lines the text takes in a column of `columnWidth` units when wrapped at spaces; a word wider
    /// than the line takes lines of its own, as Excel breaks it.
    public static func lines(_ text: String, columnWidth: Double, bold: Bool) -> Int {
        let available = max(columnWidth - padding, 1)
        let space = width(of: " ", bold: bold)
        var total = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var lines = 1
            var used = 0.0
            for word in paragraph.split(separator: " ") {
                let wordWidth = width(of: word, bold: bold)
                if used == 0 {
                    used = wordWidth
                } else if used + space + wordWidth <= available {
                    used += space + wordWidth
                } else {
                    lines += 1
                    used = wordWidth
                }
                while used > available {
                    lines += 1
                    used -= available
                }
            }
            total += lines
        }
        return max(total, 1)
    }

    /// The row height, in points, that shows `lines` lines of text.
    public static func height(lines: Int) -> Double { Double(lines) * lineHeight + 2 }
}

/// The wave as a reader writes it, one spelling everywhere: "2026./27. m. g. rudens", "2026/27 autumn".
public enum WaveName {
    public static func text(_ id: String, _ language: Language) -> String {
        guard let wave = Wave(id) else { return id }
        return text(wave, language)
    }

    public static func text(_ wave: Wave, _ language: Language) -> String {
        let next = String(format: "%02d", (wave.startYear + 1) % 100)
        switch (language, wave.term) {
        case (.lv, .autumn): return "\(wave.startYear)./\(next). m. g. rudens"
        case (.lv, .spring): return "\(wave.startYear)./\(next). m. g. pavasaris"
        case (_, .autumn): return "\(wave.startYear)/\(next) autumn"
        case (_, .spring): return "\(wave.startYear)/\(next) spring"
        }
    }
}
