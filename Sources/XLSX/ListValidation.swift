import CXlsxWriter

extension Worksheet {
    /// A drop-down whose choices are the cells of `source` (`'Lists'!$A$1:$A$24`): Excel caps a list
    /// written into the rule at 255 characters, which a register of institutions outgrows. Not
    /// `strict`: another value is allowed after a warning (several choices typed with commas).
    public func dropDown(
        _ rows: ClosedRange<Int>, _ columns: ClosedRange<Int>, source: String, strict: Bool = true
    ) throws(XLSXError) {
        try live()
        var validation = lxw_data_validation()
        validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
        if !strict { validation.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_WARNING.rawValue) }
        let formula = workbook.retain("=" + source)
        validation.value_formula = formula
        try check(
            worksheet_data_validation_range(
                handle, lxw_row_t(rows.lowerBound), lxw_col_t(columns.lowerBound),
                lxw_row_t(rows.upperBound), lxw_col_t(columns.upperBound), &validation),
            sheet: name, row: rows.lowerBound, column: columns.lowerBound)
    }

    /// Hidden from the reader (a sheet of drop-down choices); it cannot be the active sheet.
    public func hide() throws(XLSXError) {
        try live()
        worksheet_hide(handle)
    }

    /// Portrait A4 for a sheet that is taller than wide (a form to fill by hand).
    public func portrait() throws(XLSXError) {
        try live()
        worksheet_set_portrait(handle)
    }
}
