import Scoring
import XLSX

/// One cell of a report table: the report says what a value is, the table decides its look.
enum Cell {
    case text(String)
    /// Text that wraps inside its column, whatever its length.
    case wrapped(String)
    case integer(Int)
    case percent(Double?)
    /// A share of a group of `base` people: 0 % and 100 % under 2 × `minGroup` people are withheld
    /// (SPEC 8 "Extremes"), as any bound would tell the same.
    case share(Double?, base: Int, minGroup: Int)
    case decimal(Double?, format: String)
    /// SPEC 8: a value withheld (`<N`, `×`) or absent for a reason of its own ("no answers", "not asked").
    case withheld(CellStatus, minGroup: Int)
    case blank
}

/// 0 % or 100 % of fewer than 2 × `minGroup` people (SPEC 8), from a share as it is shown.
func isExtremeShare(_ share: Double, of base: Int, minGroup: Int) -> Bool {
    base > 0 && base < 2 * minGroup && (share <= 0 || share >= 1)
}

/// House styles shared by every sheet. Every body cell sits at the top of its row, so a number
/// stays level with the first line of wrapped text beside it.
enum Styles {
    static let title = FormatSpec(bold: true, fontSize: 14)
    static let subtitle = FormatSpec(italic: true, fontColor: 0x595959)
    /// A subtitle that wraps across the table under it (marks legends, notes).
    static let subtitleWrapped = FormatSpec(italic: true, fontColor: 0x595959, wrap: true, verticalTop: true)
    static let header = FormatSpec(bold: true, background: 0xD9E1F2, wrap: true, border: true, verticalTop: true)
    static let text = FormatSpec(border: true, verticalTop: true)
    static let wrapped = FormatSpec(wrap: true, border: true, verticalTop: true)
    /// A column default: wrap without borders, so empty cells stay plain.
    static let wrapColumn = FormatSpec(wrap: true, verticalTop: true)
    static let percent = FormatSpec(numberFormat: "0.0%", border: true, verticalTop: true)
    static let integer = FormatSpec(numberFormat: "0", border: true, verticalTop: true)
    static let suppressed = FormatSpec(
        fontColor: 0x808080, background: 0xEDEDED, border: true, alignCenter: true, verticalTop: true)
    static let label = FormatSpec(bold: true)
    static let bound = FormatSpec(border: true, alignCenter: true, verticalTop: true)
    static let note = FormatSpec(wrap: true, verticalTop: true)
}

/// Writes a header row and body rows, and gives the sheet what SPEC 10 asks of every table:
/// frozen header, autofilter, widths that fit.
struct Table {
    let sheet: Worksheet
    let labels: Labels
    private(set) var widths: [Int: Double] = [:]
    /// Widths a sheet chose for a column, with the column's default look.
    private var chosen: [Int: (width: Double, spec: FormatSpec?)] = [:]
    private var hidden: Set<Int> = []
    /// Every cell whose text may wrap: headers (bold) and wrapped body cells, for the row heights.
    private var wrapping: [(row: Int, columns: ClosedRange<Int>, text: String, bold: Bool)] = []
    /// The sheet's title and subtitle: the subtitle wraps across the visible columns once their
    /// widths are known, and both move out of a hidden first column.
    private var title: String?
    private var subtitle: String?

    init(sheet: Worksheet, labels: Labels) {
        self.sheet = sheet
        self.labels = labels
    }

    /// Returns the zero-based row range of the body.
    @discardableResult
    mutating func write(
        at top: Int, column left: Int = 0, headers: [String], rows: [[Cell]], freeze: Bool = true,
        filter: Bool = true
    ) throws -> ClosedRange<Int> {
        for (offset, header) in headers.enumerated() {
            try sheet.write(top, left + offset, header, Styles.header)
            fit(left + offset, header, cap: 24)
            wrapping.append((top, (left + offset)...(left + offset), header, true))
        }
        for (rowOffset, row) in rows.enumerated() {
            for (offset, cell) in row.enumerated() {
                try write(cell, row: top + 1 + rowOffset, column: left + offset)
            }
        }
        let last = top + max(rows.count, 1)
        if freeze { try sheet.freezePanes(row: top + 1) }
        if filter, !rows.isEmpty {
            try sheet.autofilter(top...last, left...(left + headers.count - 1))
        }
        return (top + 1)...last
    }

    mutating func write(_ cell: Cell, row: Int, column: Int) throws {
        switch cell {
        case .text(let text):
            try sheet.write(row, column, text, text.count > 60 ? Styles.wrapped : Styles.text)
            fit(column, text, cap: 60)
            if text.count > 60 { wrapping.append((row, column...column, text, false)) }
        case .wrapped(let text):
            try sheet.write(row, column, text, Styles.wrapped)
            wrapping.append((row, column...column, text, false))
        case .integer(let value):
            try sheet.write(row, column, value, Styles.integer)
            fit(column, String(value))
        case .percent(let value):
            try sheet.write(row, column, value, Styles.percent)
            fit(column, "100.0%")
        case .share(let value, let base, let minGroup):
            if let value, isExtremeShare(value, of: base, minGroup: minGroup) {
                try write(.withheld(.extreme, minGroup: minGroup), row: row, column: column)
            } else {
                try write(.percent(value), row: row, column: column)
            }
        case .decimal(let value, let format):
            try sheet.write(row, column, value, FormatSpec(numberFormat: format, border: true, verticalTop: true))
            fit(column, "100.0")
        case .withheld(.shown, _):
            try write(.blank, row: row, column: column)
        case .withheld(let status, let minGroup):
            let mark = labels.mark(status, minGroup: minGroup)
            try sheet.write(row, column, mark, Styles.suppressed)
            fit(column, mark, cap: 14)
        case .blank:
            try sheet.write(row, column, nil as Double?, Styles.text)
        }
    }

    mutating func fit(_ column: Int, _ text: String, cap: Int = 60) {
        // Characters of the longest line, counted as UTF-8 lead bytes: no Substrings, no
        // grapheme walk (Latvian letters are one scalar each).
        var longestLine = 0
        var current = 0
        for byte in text.utf8 {
            if byte == 10 {
                current = 0
            } else if byte & 0xC0 != 0x80 {
                current += 1
                longestLine = max(longestLine, current)
            }
        }
        widths[column] = max(widths[column] ?? 6, min(Double(longestLine) + 2, Double(cap)))
    }

    /// A note across `columns` of one row, wrapped at words; its row gets the height it needs.
    mutating func note(_ text: String, row: Int, columns: ClosedRange<Int>, _ spec: FormatSpec = Styles.note) throws {
        try sheet.writeMerged(row, columns, text, spec)
        wrapping.append((row, columns, text, spec.bold))
    }

    /// Title and subtitle rows; a long subtitle (a marks legend) wraps across the table's visible
    /// columns instead of running off the printed page, which made it print tiny (issue 15).
    mutating func heading(_ title: String, _ subtitle: String) throws {
        try sheet.heading(title, subtitle)
        self.title = title
        self.subtitle = subtitle
    }

    /// A width the sheet chooses (over the fitted one), optionally with a default look.
    /// Identifier columns stay for filtering but are hidden: a reader sees the label beside them.
    mutating func hide(_ column: Int) { hidden.insert(column) }

    mutating func setWidth(_ columns: ClosedRange<Int>, _ width: Double, _ spec: FormatSpec? = nil) {
        for column in columns { chosen[column] = (width, spec) }
    }

    /// The widths every column ends with: fitted or chosen, and never narrower than the longest
    /// word of its header, so no header breaks mid-word.
    func finalWidths() -> [Int: Double] {
        var result = widths
        for (column, choice) in chosen { result[column] = choice.width }
        for cell in wrapping where cell.bold && cell.columns.count == 1 {
            let needed = TextLayout.longestWord(cell.text, bold: true)
            let column = cell.columns.lowerBound
            if needed > (result[column] ?? TextLayout.defaultWidth) { result[column] = needed }
        }
        return result
    }

    /// Sets the widths, then gives every row with wrapping text the height its text needs.
    func applyWidths() throws {
        let final = finalWidths()
        for (column, width) in final {
            if hidden.contains(column) {
                try sheet.hideColumn(column, width: width)
            } else {
                try sheet.setColumn(column, column, width: width, chosen[column]?.spec)
            }
        }
        var wrapping = self.wrapping
        if let subtitle, let last = final.keys.filter({ !hidden.contains($0) }).max(), last > 0 {
            try sheet.writeMerged(1, 0...last, subtitle, Styles.subtitleWrapped)
            wrapping.append((1, 0...last, subtitle, false))
            // An identifier column hidden in A would hide the title with it.
            if let title, hidden.contains(0) { try sheet.writeMerged(0, 0...last, title, Styles.title) }
        }
        var lines: [Int: Int] = [:]
        for cell in wrapping where !(cell.columns.count == 1 && hidden.contains(cell.columns.lowerBound)) {
            // A hidden column inside a merged range gives the text no room.
            let width = cell.columns.filter { !hidden.contains($0) }.reduce(0) {
                $0 + TextLayout.cellWidth(final[$1] ?? TextLayout.defaultWidth)
            }
            let needed = TextLayout.lines(cell.text, columnWidth: width, bold: cell.bold)
            lines[cell.row] = max(lines[cell.row] ?? 1, needed)
        }
        for (row, count) in lines where count > 1 { try sheet.setRow(row, height: TextLayout.height(lines: count)) }
    }
}
