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
        record.begin(text)
        for field in fieldRange(row: row) { record.append(offset: fieldStarts[field], count: fieldEnds[field] - fieldStarts[field]) }
        record.line = rowNumbers[row]
    }

    /// A row is as wide as the header at least: a writer leaves the empty cells at the end out.
    mutating func append(row number: Int, cells: [Int: String]) {
        guard let last = cells.filter({ !$0.value.isEmpty }).keys.max() else { return }
        let width = rowNumbers.isEmpty ? last + 1 : Swift.max(last + 1, headerWidth)
        if rowNumbers.isEmpty { headerWidth = width }
        rowFirstField.append(fieldStarts.count)
        rowNumbers.append(number)
        for column in 0..<width {
            fieldStarts.append(text.count)
            if let cell = cells[column] { text.append(contentsOf: cell.utf8) }
            fieldEnds.append(text.count)
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
        _ data: Data, part: String, strings: [String], dateStyles: [ExcelDates.Kind?], date1904: Bool
    ) throws(IngestError) -> SheetTable {
        var table = SheetTable()
        var rowNumber = 0
        var cells: [Int: String] = [:]
        var column = -1
        var type = "n", style = 0
        var value = "", inline = ""
        var inValue = false, inInlineText = false, inPhonetic = false
        var problem: IngestError?

        func cellText() -> String? {
            switch type {
            case "s":
                guard let index = Int(value.trimmingCharacters(in: .whitespaces)), strings.indices.contains(index) else {
                    return nil
                }
                return strings[index]
            case "inlineStr": return inline
            case "b": return value == "1" ? "TRUE" : value == "0" ? "FALSE" : value
            case "str", "e", "d": return value
            default:
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty, let number = Double(trimmed) else { return trimmed }
                if dateStyles.indices.contains(style), let kind = dateStyles[style] {
                    return ExcelDates.text(serial: number, kind: kind, date1904: date1904) ?? trimmed
                }
                return numberText(number, written: trimmed)
            }
        }

        let events = XMLEvents()
        events.start = { name, attributes in
            switch name {
            case "row":
                rowNumber = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
                cells = [:]
                column = -1
            case "c":
                column = attributes["r"].flatMap(columnIndex) ?? column + 1
                type = attributes["t"] ?? "n"
                style = attributes["s"].flatMap { Int($0) } ?? 0
                value = ""
                inline = ""
            case "v": inValue = true
            case "rPh": inPhonetic = true
            case "t": inInlineText = !inPhonetic
            default: break
            }
        }
        events.text = { text in
            if inValue { value += text } else if inInlineText { inline += text }
        }
        events.end = { name in
            switch name {
            case "v": inValue = false
            case "t": inInlineText = false
            case "rPh": inPhonetic = false
            case "c":
                if let text = cellText() {
                    cells[column] = text
                } else if problem == nil {
                    problem = IngestError(
                        line: rowNumber,
                        cause: .damagedWorkbook(
                            part: part, reason: say("shared string \(value) does not exist", lv: "kopīgās virknes \(value) nav")))
                }
            case "row": table.append(row: rowNumber, cells: cells)
            default: break
            }
        }
        try events.parse(data, part: part)
        if let problem { throw problem }
        return table
    }

    /// `AB12` → 27 (zero-based column).
    static func columnIndex(_ reference: String) -> Int? {
        var column = 0
        var letters = 0
        for byte in reference.utf8 {
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
