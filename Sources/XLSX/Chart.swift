import CXlsxWriter

public enum ChartType: Sendable {
    case bar, column, line

    var code: UInt8 {
        switch self {
        case .bar: return UInt8(LXW_CHART_BAR.rawValue)
        case .column: return UInt8(LXW_CHART_COLUMN.rawValue)
        case .line: return UInt8(LXW_CHART_LINE.rawValue)
        }
    }
}

/// A native Excel chart; its series point at ranges of a sheet. It holds its workbook; used after
/// the workbook closed (when libxlsxwriter has freed the chart) every method throws.
public struct Chart {
    let workbook: Workbook
    let handle: UnsafeMutablePointer<lxw_chart>
    let type: ChartType

    public func addSeries(name: String, categories: String, values: String) throws(XLSXError) {
        try live()
        let series = try nonNull(chart_add_series(handle, categories, values), sheet: nil, "a chart series (\(values))")
        chart_series_set_name(series, name)
    }

    public func title(_ text: String) throws(XLSXError) {
        try live()
        chart_title_set_name(handle, text)
    }

    private func live() throws(XLSXError) { try workbook.requireOpen("a chart", sheet: nil) }

    /// In a bar chart libxlsxwriter's x axis is the horizontal one, i.e. the value axis.
    private var categoryAxis: UnsafeMutablePointer<lxw_chart_axis> { type == .bar ? handle.pointee.y_axis : handle.pointee.x_axis }
    private var valueAxis: UnsafeMutablePointer<lxw_chart_axis> { type == .bar ? handle.pointee.x_axis : handle.pointee.y_axis }

    public func valueAxis(min: Double, max: Double, numberFormat: String) throws(XLSXError) {
        try live()
        let axis = valueAxis
        chart_axis_set_min(axis, min)
        chart_axis_set_max(axis, max)
        chart_axis_set_num_format(axis, numberFormat)
    }

    /// Lists categories top-down in a bar chart, in sheet order.
    public func reverseCategories() throws(XLSXError) {
        try live()
        chart_axis_set_reverse(categoryAxis)
    }

    /// Plots data in hidden rows and columns too (Excel's default leaves them out): a chart can read
    /// a data block kept out of the reader's way.
    public func showHiddenData() throws(XLSXError) {
        try live()
        chart_show_hidden_data(handle)
    }

    public func legend(bottom: Bool) throws(XLSXError) {
        try live()
        chart_legend_set_position(
            handle, UInt8(bottom ? LXW_CHART_LEGEND_BOTTOM.rawValue : LXW_CHART_LEGEND_NONE.rawValue))
    }
}
