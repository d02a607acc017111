import CXlsxWriter

extension Worksheet {
    /// A data bar over numbers in `rows` × `columns` (Prioritātes scores).
    public func dataBar(_ rows: ClosedRange<Int>, _ columns: ClosedRange<Int>, color: UInt32) throws(XLSXError) {
        var rule = lxw_conditional_format()
        rule.type = UInt8(LXW_CONDITIONAL_DATA_BAR.rawValue)
        rule.bar_color = lxw_color_t(color)
        rule.bar_solid = 1
        try conditional(rule, rows, columns)
    }

    /// A three-colour scale fixed to 0 … `mid` … `max`, so equal shares look equal on every sheet.
    public func colorScale(
        _ rows: ClosedRange<Int>, _ columns: ClosedRange<Int>, low: UInt32, mid: UInt32, high: UInt32,
        midValue: Double, maxValue: Double
    ) throws(XLSXError) {
        var rule = lxw_conditional_format()
        rule.type = UInt8(LXW_CONDITIONAL_3_COLOR_SCALE.rawValue)
        rule.min_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue)
        rule.min_value = 0
        rule.mid_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue)
        rule.mid_value = midValue
        rule.max_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue)
        rule.max_value = maxValue
        rule.min_color = lxw_color_t(low)
        rule.mid_color = lxw_color_t(mid)
        rule.max_color = lxw_color_t(high)
        try conditional(rule, rows, columns)
    }

    public enum Comparison: Sendable {
        case atLeast(Double)
        case atMost(Double)
        case between(Double, Double)
    }

    /// A fill for numbers meeting `comparison` (traffic lights).
    public func highlight(
        _ rows: ClosedRange<Int>, _ columns: ClosedRange<Int>, when comparison: Comparison, _ spec: FormatSpec
    ) throws(XLSXError) {
        var rule = lxw_conditional_format()
        rule.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
        switch comparison {
        case .atLeast(let value):
            rule.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO.rawValue)
            rule.value = value
        case .atMost(let value):
            rule.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_LESS_THAN_OR_EQUAL_TO.rawValue)
            rule.value = value
        case .between(let low, let high):
            rule.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_BETWEEN.rawValue)
            rule.min_value = low
            rule.max_value = high
        }
        rule.format = try workbook.format(spec)
        try conditional(rule, rows, columns)
    }

    private func conditional(
        _ rule: lxw_conditional_format, _ rows: ClosedRange<Int>, _ columns: ClosedRange<Int>
    ) throws(XLSXError) {
        try live()
        var rule = rule
        try check(
            worksheet_conditional_format_range(
                handle, lxw_row_t(rows.lowerBound), lxw_col_t(columns.lowerBound),
                lxw_row_t(rows.upperBound), lxw_col_t(columns.upperBound), &rule),
            sheet: name, row: rows.lowerBound, column: columns.lowerBound)
    }

    /// A drop-down list of `values` for every cell of the range (data validation).
    public func dropDown(_ rows: ClosedRange<Int>, _ columns: ClosedRange<Int>, values: [String]) throws(XLSXError) {
        try live()
        let pointers = values.map { workbook.retain($0) }
        var list: [UnsafePointer<CChar>?] = pointers.map { UnsafePointer($0) } + [nil]
        try list.withUnsafeMutableBufferPointer { buffer throws(XLSXError) in
            var validation = lxw_data_validation()
            validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
            validation.value_list = UnsafeMutablePointer(mutating: buffer.baseAddress!)
                .withMemoryRebound(to: UnsafeMutablePointer<CChar>?.self, capacity: buffer.count) { $0 }
            try check(
                worksheet_data_validation_range(
                    handle, lxw_row_t(rows.lowerBound), lxw_col_t(columns.lowerBound),
                    lxw_row_t(rows.upperBound), lxw_col_t(columns.upperBound), &validation),
                sheet: name, row: rows.lowerBound, column: columns.lowerBound)
        }
    }
}
