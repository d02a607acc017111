import CXlsxWriter

/// A sheet of a `Workbook`. It holds its workbook, so it cannot outlive it; used after the
/// workbook closed (when libxlsxwriter has freed the sheet) every method throws.
public struct Worksheet {
    let workbook: Workbook
    let handle: UnsafeMutablePointer<lxw_worksheet>
    public let name: String

    /// Excel's limit on the characters of one cell.
    public static let maxTextLength = 32_767

    /// Text is always written as a shared string, never as a formula (SPEC 8). Text that Excel
    /// would turn into a formula on editing (`= + - @`, tab, CR first) gets the quote prefix.
    public func write(_ row: Int, _ column: Int, _ text: String, _ spec: FormatSpec = FormatSpec()) throws(XLSXError) {
        try live()
        let safe = Self.cellText(text)
        let format = try workbook.format(spec, quotePrefix: Self.needsQuotePrefix(safe))
        try check(
            worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(column), safe, format),
            sheet: name, row: row, column: column)
    }

    public func write(_ row: Int, _ column: Int, _ number: Double, _ spec: FormatSpec = FormatSpec()) throws(XLSXError) {
        try live()
        try check(
            worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), number, try workbook.format(spec)),
            sheet: name, row: row, column: column)
    }

    public func write(_ row: Int, _ column: Int, _ number: Int, _ spec: FormatSpec = FormatSpec()) throws(XLSXError) {
        try write(row, column, Double(number), spec)
    }

    /// A number, or an empty (but formatted) cell when there is none.
    public func write(_ row: Int, _ column: Int, _ number: Double?, _ spec: FormatSpec = FormatSpec()) throws(XLSXError) {
        if let number {
            try write(row, column, number, spec)
        } else {
            try live()
            try check(
                worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(column), try workbook.format(spec)),
                sheet: name, row: row, column: column)
        }
    }

    static func needsQuotePrefix(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return "=+-@\t\r".unicodeScalars.contains(first)
    }

    /// NUL cannot travel through a C string or XML: it becomes U+FFFD. Over-long text is cut to
    /// Excel's cell limit and ends with "…" so a reader sees that it was cut.
    static func cellText(_ text: String) -> String {
        var result = text.contains("\0") ? text.replacingOccurrences(of: "\0", with: "\u{FFFD}") : text
        if result.utf16.count > maxTextLength {
            var cut = result.prefix(maxTextLength - 1)
            while cut.utf16.count > maxTextLength - 1 { cut = cut.dropLast() }
            result = cut + "…"
        }
        return result
    }

    /// Text across several columns of one row (one merged cell), e.g. a note that wraps.
    public func writeMerged(_ row: Int, _ columns: ClosedRange<Int>, _ text: String, _ spec: FormatSpec = FormatSpec()) throws(XLSXError) {
        try live()
        let safe = Self.cellText(text)
        let format = try workbook.format(spec, quotePrefix: Self.needsQuotePrefix(safe))
        try check(
            worksheet_merge_range(
                handle, lxw_row_t(row), lxw_col_t(columns.lowerBound), lxw_row_t(row), lxw_col_t(columns.upperBound),
                safe, format),
            sheet: name, row: row, column: columns.lowerBound)
    }

    public func setColumn(_ first: Int, _ last: Int, width: Double, _ spec: FormatSpec? = nil) throws(XLSXError) {
        try live()
        try check(
            worksheet_set_column(
                handle, lxw_col_t(first), lxw_col_t(last), width, try spec.map { spec throws(XLSXError) in try workbook.format(spec) }),
            sheet: name, row: 0, column: first)
    }

    /// A column kept for filtering but not shown (identifiers beside their labels).
    public func hideColumn(_ column: Int, width: Double) throws(XLSXError) {
        var options = lxw_row_col_options()
        options.hidden = 1
        try check(
            worksheet_set_column_opt(handle, lxw_col_t(column), lxw_col_t(column), width, nil, &options),
            sheet: name, row: 0, column: column)
    }

    public func setRow(_ row: Int, height: Double) throws(XLSXError) {
        try live()
        try check(worksheet_set_row(handle, lxw_row_t(row), height, nil), sheet: name, row: row)
    }

    /// Page breaks above the given (zero-based) rows.
    public func pageBreaks(above rows: [Int]) throws(XLSXError) {
        try live()
        guard !rows.isEmpty else { return }
        var breaks = rows.map { lxw_row_t($0) } + [0]
        try check(worksheet_set_h_pagebreaks(handle, &breaks), sheet: name)
    }

    public func freezePanes(row: Int, column: Int = 0) throws(XLSXError) {
        try live()
        worksheet_freeze_panes(handle, lxw_row_t(row), lxw_col_t(column))
    }

    public func autofilter(_ rows: ClosedRange<Int>, _ columns: ClosedRange<Int>) throws(XLSXError) {
        try live()
        try check(
            worksheet_autofilter(
                handle, lxw_row_t(rows.lowerBound), lxw_col_t(columns.lowerBound),
                lxw_row_t(rows.upperBound), lxw_col_t(columns.upperBound)),
            sheet: name, row: rows.lowerBound, column: columns.lowerBound)
    }

    /// SPEC 10 print set-up: landscape A4, one page wide, header rows repeated, title and page
    /// number in the header and footer.
    public func printSetup(headerRows: ClosedRange<Int>?, title: String) throws(XLSXError) {
        try live()
        worksheet_set_landscape(handle)
        worksheet_set_paper(handle, 9)  // A4
        worksheet_fit_to_pages(handle, 1, 0)
        if let headerRows {
            try check(
                worksheet_repeat_rows(handle, lxw_row_t(headerRows.lowerBound), lxw_row_t(headerRows.upperBound)),
                sheet: name)
        }
        let escaped = title.replacingOccurrences(of: "&", with: "&&")
        try check(worksheet_set_header(handle, "&C" + escaped), sheet: name)
        // "3 / 7", no word: the same footer reads in any workbook language.
        try check(worksheet_set_footer(handle, "&L&A&R&P / &N"), sheet: name)
    }

    public func insertChart(_ chart: Chart, row: Int, column: Int, scale: (x: Double, y: Double) = (1, 1)) throws(XLSXError) {
        try live()
        var options = lxw_chart_options()
        options.x_scale = scale.x
        options.y_scale = scale.y
        try check(
            worksheet_insert_chart_opt(handle, lxw_row_t(row), lxw_col_t(column), chart.handle, &options),
            sheet: name, row: row, column: column)
    }

    public func activate() throws(XLSXError) {
        try live()
        worksheet_activate(handle)
    }

    func live() throws(XLSXError) { try workbook.requireOpen("the sheet", sheet: name) }
}
