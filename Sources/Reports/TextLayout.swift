import AtbalstsCore
import Foundation

/// libxlsxwriter has no autofit: widths and heights are estimated from the text and the font
/// (Calibri 11, each character's width from the font's own metrics, TextWidths.swift), wrapping at
/// word boundaries only (SPEC 10).
///
/// Widths are in Excel's column unit, the width of the digit 0: a column set to `w` holds `w`
/// zeros, and the .xlsx stores `w + 5/7` (5 pixels of cell padding, at 7 pixels a unit).
/// `lines(_:columnWidth:bold:)` takes the stored width, which sums over merged columns;
/// `cellWidth(_:)` turns a width a sheet sets into it.
public enum TextLayout {
    /// Points one line of 11-point text takes.
    public static let lineHeight = 15.0
    /// Excel's width of a column nobody set.
    public static let defaultWidth = 8.43
    /// The part of a cell's stored width that text cannot use: its padding, and a little more.
    static let margin = 1.0
    /// The font's widths are LibreOffice's; Excel's hinted text rounds each to whole pixels, which
    /// over a line comes to a few per cent either way: 3 % more, so text fits in both.
    static let slack = 1.03

    /// The stored width of a column set to `width` (libxlsxwriter adds the padding).
    public static func cellWidth(_ width: Double) -> Double { width + 5.0 / 7.0 }

    /// The width of one character; one the table lacks counts as a wide capital.
    static func width(of character: Character, bold: Bool) -> Double {
        guard let known = widths[character] else { return character.isUppercase || !character.isASCII ? 1.4 : 1.1 }
        return (bold ? known.bold : known.regular) * slack
    }

    static func width(of word: Substring, bold: Bool) -> Double {
        word.reduce(0) { $0 + width(of: $1, bold: bold) }
    }

    /// The width a sheet must set a column to so that the longest word of the text never breaks.
    public static func longestWord(_ text: String, bold: Bool) -> Double {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" })
            .map { width(of: $0, bold: bold) }.max().map { $0 + margin - 5.0 / 7.0 + 0.1 } ?? 0
    }

    /// Lines the text takes in a cell `columnWidth` stored units wide (summed over merged columns)
    /// when wrapped at spaces; a word wider than the line takes lines of its own, as Excel breaks it.
    public static func lines(_ text: String, columnWidth: Double, bold: Bool) -> Int {
        let available = max(columnWidth - margin, 1)
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
