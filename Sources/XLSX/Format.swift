import CXlsxWriter

/// What a cell looks like. Equal specs share one libxlsxwriter format (created once, reused).
public struct FormatSpec: Hashable, Sendable {
    public var bold = false
    public var italic = false
    public var fontSize: Double? = nil
    public var fontColor: UInt32? = nil
    public var background: UInt32? = nil
    public var numberFormat: String? = nil
    public var wrap = false
    public var border = false
    public var alignCenter = false
    public var verticalTop = false
    /// Internal: the twin of a format that carries Excel's quote prefix.
    var quotePrefixTwin = false

    public init(
        bold: Bool = false, italic: Bool = false, fontSize: Double? = nil, fontColor: UInt32? = nil,
        background: UInt32? = nil, numberFormat: String? = nil, wrap: Bool = false,
        border: Bool = false, alignCenter: Bool = false, verticalTop: Bool = false
    ) {
        self.bold = bold
        self.italic = italic
        self.fontSize = fontSize
        self.fontColor = fontColor
        self.background = background
        self.numberFormat = numberFormat
        self.wrap = wrap
        self.border = border
        self.alignCenter = alignCenter
        self.verticalTop = verticalTop
    }

    func apply(to format: UnsafeMutablePointer<lxw_format>) {
        if bold { format_set_bold(format) }
        if italic { format_set_italic(format) }
        if let fontSize { format_set_font_size(format, fontSize) }
        if let fontColor { format_set_font_color(format, lxw_color_t(fontColor)) }
        if let background {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, lxw_color_t(background))
        }
        if let numberFormat { format_set_num_format(format, numberFormat) }
        if wrap { format_set_text_wrap(format) }
        if border { format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue)) }
        if alignCenter { format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue)) }
        if verticalTop { format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)) }
    }
}
