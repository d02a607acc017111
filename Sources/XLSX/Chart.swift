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

/// A native Excel chart; its series point at ranges of a sheet.
public struct Chart {
    let handle: UnsafeMutablePointer<lxw_chart>

    public func addSeries(name: String, categories: String, values: String) {
        let series = chart_add_series(handle, categories, values)
        chart_series_set_name(series, name)
    }

    public func title(_ text: String) { chart_title_set_name(handle, text) }

    public func axisNames(x: String?, y: String?) {
        if let x { chart_axis_set_name(handle.pointee.x_axis, x) }
        if let y { chart_axis_set_name(handle.pointee.y_axis, y) }
    }

    public func valueAxis(min: Double, max: Double, numberFormat: String) {
        let axis = handle.pointee.y_axis
        chart_axis_set_min(axis, min)
        chart_axis_set_max(axis, max)
        chart_axis_set_num_format(axis, numberFormat)
    }

    public func reverseCategories() { chart_axis_set_reverse(handle.pointee.x_axis) }

    public func legend(bottom: Bool) {
        chart_legend_set_position(
            handle, UInt8(bottom ? LXW_CHART_LEGEND_BOTTOM.rawValue : LXW_CHART_LEGEND_NONE.rawValue))
    }
}
