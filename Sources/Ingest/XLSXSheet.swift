import AtbalstsCore
import Foundation

/// One worksheet's cells as text, laid out like the records of a CSV file: all text in one UTF-8
/// buffer, each row a run of fields, so the readers behind `TableInput` see no difference.
/// Rows with no text are left out; cells a row skips (openpyxl and Excel write no empty cells)
/// are empty fields; `line` is the worksheet's row number.
struct SheetTable {
    var text: [UInt8] = []
    var fieldStarts: [Int] = []
    var fieldEnds: [Int] = []
    /// Per row: where its fields begin in `fieldStarts`, and its row number.
    var rowFirstField: [Int] = []
    var rowNumbers: [Int] = []
    private var headerWidth = 0

    var rowCount: Int { rowNumbers.count }

    func fieldRange(row: Int) -> Range<Int> {
        rowFirstField[row]..<(row + 1 < rowFirstField.count ? rowFirstField[row + 1] : fieldStarts.count)
    }

    func record(_ row: Int) -> CSVRecord {
        let fields = fieldRange(row: row).map { String(decoding: text[fieldStarts[$0]..<fieldEnds[$0]], as: UTF8.self) }
        return CSVRecord(fields: fields, line: rowNumbers[row])
    }

    func record(_ row: Int, into record: inout RawRecord) {
        record.begin(InputBytes(text))
        for field in fieldRange(row: row) { record.append(offset: fieldStarts[field], count: fieldEnds[field] - fieldStarts[field]) }
        record.line = rowNumbers[row]
    }

    /// Ends a row whose cells' text was appended to `text` (cells in column order, as writers
    /// put them). A row is as wide as the header at least: writers leave out empty cells at the end.
    mutating func endRow(_ number: Int, cells: [(column: Int, range: Range<Int>)]) {
        guard let last = cells.last(where: { !$0.range.isEmpty })?.column else { return }
        let width = rowNumbers.isEmpty ? last + 1 : Swift.max(last + 1, headerWidth)
        if rowNumbers.isEmpty { headerWidth = width }
        rowFirstField.append(fieldStarts.count)
        rowNumbers.append(number)
        var next = 0
        for column in 0..<width {
            while next < cells.count && cells[next].column < column { next += 1 }
            let range = next < cells.count && cells[next].column == column ? cells[next].range : 0..<0
            fieldStarts.append(range.lowerBound)
            fieldEnds.append(range.upperBound)
        }
    }

    /// Reads a sheet of `workbook`; `name` nil reads the first.
    static func read(_ workbook: XLSXWorkbook, sheet name: String?) throws(IngestError) -> SheetTable {
        let sheet = try workbook.sheet(named: name)
        let strings = try workbook.sharedStrings()
        let dateStyles = try workbook.dateStyles()
        return try read(
            try workbook.part(sheet.path), part: sheet.path, strings: strings, dateStyles: dateStyles,
            date1904: workbook.date1904)
    }

    static func read(
        _ data: [UInt8], part: String, strings: [String], dateStyles: [ExcelDates.Kind?], date1904: Bool
    ) throws(IngestError) -> SheetTable {
        var table = SheetTable()
        var rowNumber = 0
        var cells: [(column: Int, range: Range<Int>)] = []
        var column = -1
        var type = CellType.number
        var style = 0
        var value: [UInt8] = []
        var inValue = false
        var inInlineText = false
        var inPhonetic = false
        var inCell = false
        var problem: IngestError?

        /// Appends the finished cell's text to `table.text`; false when it names no shared string.
        func appendCell() -> Bool {
            let start = table.text.count
            switch type {
            case .shared:
                guard let index = Int(String(decoding: value, as: UTF8.self).trimmingCharacters(in: .whitespaces)),
                    strings.indices.contains(index)
                else { return false }
                table.text.append(contentsOf: strings[index].utf8)
            case .boolean:
                table.text.append(contentsOf: value == [0x31] ? Array("TRUE".utf8) : value == [0x30] ? Array("FALSE".utf8) : value)
            case .text:
                table.text.append(contentsOf: value)
            case .number:
                let written = String(decoding: value, as: UTF8.self).trimmingCharacters(in: .whitespaces)
                if let number = Double(written) {
                    if dateStyles.indices.contains(style), let kind = dateStyles[style],
                        let date = ExcelDates.text(serial: number, kind: kind, date1904: date1904)
                    {
                        table.text.append(contentsOf: date.utf8)
                    } else {
                        table.text.append(contentsOf: numberText(number, written: written).utf8)
                    }
                } else {
                    table.text.append(contentsOf: written.utf8)
                }
            }
            cells.append((column, start..<table.text.count))
            return true
        }

        try XMLScanner.scan(
            data, part: part,
            start: { name, attributes in
                if name.elementsEqual(Names.cell) {
                    column = attributes.raw(Names.reference).flatMap(columnIndex) ?? column + 1
                    type = CellType(attributes.raw(Names.type))
                    style = attributes.integer(Names.style) ?? 0
                    value.removeAll(keepingCapacity: true)
                    inCell = true
                } else if name.elementsEqual(Names.value) {
                    inValue = inCell
                } else if name.elementsEqual(Names.text) {
                    inInlineText = inCell && !inPhonetic
                } else if name.elementsEqual(Names.phonetic) {
                    inPhonetic = true
                } else if name.elementsEqual(Names.row) {
                    rowNumber = attributes.integer(Names.reference) ?? rowNumber + 1
                    cells.removeAll(keepingCapacity: true)
                    column = -1
                }
            },
            end: { name in
                if name.elementsEqual(Names.cell) {
                    inCell = false
                    if !appendCell(), problem == nil {
                        let shown = String(decoding: value, as: UTF8.self)
                        problem = IngestError(
                            line: rowNumber,
                            cause: .damagedWorkbook(part: part, .missingSharedString(shown)))
                    }
                } else if name.elementsEqual(Names.value) {
                    inValue = false
                } else if name.elementsEqual(Names.text) {
                    inInlineText = false
                } else if name.elementsEqual(Names.phonetic) {
                    inPhonetic = false
                } else if name.elementsEqual(Names.row) {
                    table.endRow(rowNumber, cells: cells)
                }
            },
            text: { buffer, range, literal in
                // An inline string's runs, or a value: never both in one cell.
                if inValue || inInlineText { XMLScanner.appendDecoded(buffer, range, to: &value, literal: literal) }
            })
        if let problem { throw problem }
        return table
    }

    /// The cell types of ECMA-376 part 1, 18.18.11, as far as they change how a value reads:
    /// `s` a shared string's index, `b` 0 or 1, `inlineStr`, `str` (a formula's text), `e` (an
    /// error such as #N/A) and `d` (ISO 8601) are text; `n` or none a number.
    private enum CellType {
        case shared, boolean, text, number

        init(_ attribute: UnsafeBufferPointer<UInt8>?) {
            guard let attribute, let first = attribute.first else {
                self = .number
                return
            }
            switch (first, attribute.count) {
            case (UInt8(ascii: "s"), 1): self = .shared
            case (UInt8(ascii: "b"), 1): self = .boolean
            case (UInt8(ascii: "n"), 1): self = .number
            default: self = .text  // inlineStr, str, e, d
            }
        }
    }

    /// `AB12` → 27 (zero-based column).
    static func columnIndex(_ reference: String) -> Int? { columnIndex(Array(reference.utf8)) }

    static func columnIndex(_ reference: some Collection<UInt8>) -> Int? {
        var column = 0
        var letters = 0
        for byte in reference {
            let upper = byte & ~0x20
            guard upper >= 65 && upper <= 90 else { break }
            column = column * 26 + Int(upper - 64)
            letters += 1
        }
        return letters == 0 || letters > 3 ? nil : column - 1
    }

    /// Whole numbers without a decimal part (`3.0` → `3`), others as written.
    static func numberText(_ number: Double, written: String) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return written
    }
}
