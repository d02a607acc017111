import AtbalstsCore

/// The small parts of a workbook, each read with one pass of the XML scanner.
enum XMLParts {
    struct WorkbookPart {
        var date1904 = false
        var sheets: [(name: String, relationship: String)] = []
    }

    /// Relationship id → (type, target). An id is also found by the type's last word.
    static func relationships(_ data: [UInt8], part: String) throws(IngestError) -> [String: (type: String, target: String)] {
        var found: [String: (type: String, target: String)] = [:]
        try XMLScanner.scan(
            data, part: part,
            start: { name, attributes in
                guard name.elementsEqual(Names.relationship), let id = attributes.string("Id"),
                    let target = attributes.string("Target")
                else { return }
                let type = attributes.string("Type") ?? ""
                found[id] = (type, target)
                if let word = type.split(separator: "/").last, found[String(word)] == nil { found[String(word)] = (type, target) }
            }, end: { _ in }, text: { _, _, _ in })
        return found
    }

    static func workbook(_ data: [UInt8], part: String) throws(IngestError) -> WorkbookPart {
        var workbook = WorkbookPart()
        try XMLScanner.scan(
            data, part: part,
            start: { name, attributes in
                if name.elementsEqual(Names.workbookProperties) {
                    workbook.date1904 = ["1", "true"].contains(attributes.string("date1904")?.lowercased() ?? "")
                } else if name.elementsEqual(Names.sheet), let sheetName = attributes.string("name"),
                    let id = attributes.hasPrefixed("id")
                {
                    workbook.sheets.append((sheetName, id))
                }
            }, end: { _ in }, text: { _, _, _ in })
        return workbook
    }

    /// Each `<si>`'s text: its `<t>`, or the `<t>` of every rich-text run; phonetic hints
    /// (`<rPh>`) are no part of the text.
    static func sharedStrings(_ data: [UInt8], part: String) throws(IngestError) -> [String] {
        var strings: [String] = []
        var current: [UInt8] = []
        var inText = false
        var inPhonetic = false
        try XMLScanner.scan(
            data, part: part,
            start: { name, _ in
                if name.elementsEqual(Names.stringItem) {
                    current.removeAll(keepingCapacity: true)
                } else if name.elementsEqual(Names.text) {
                    inText = !inPhonetic
                } else if name.elementsEqual(Names.phonetic) {
                    inPhonetic = true
                }
            },
            end: { name in
                if name.elementsEqual(Names.stringItem) {
                    strings.append(String(decoding: current, as: UTF8.self))
                } else if name.elementsEqual(Names.text) {
                    inText = false
                } else if name.elementsEqual(Names.phonetic) {
                    inPhonetic = false
                }
            },
            text: { buffer, range, literal in
                if inText { XMLScanner.appendDecoded(buffer, range, to: &current, literal: literal) }
            })
        return strings
    }

    /// For each cell format of `<cellXfs>`, in order: a date kind when its number format is one.
    static func dateStyles(_ data: [UInt8], part: String) throws(IngestError) -> [ExcelDates.Kind?] {
        var customFormats: [Int: String] = [:]
        var formatIDs: [Int] = []
        var inCellFormats = false
        try XMLScanner.scan(
            data, part: part,
            start: { name, attributes in
                if name.elementsEqual(Names.numberFormat) {
                    if let id = attributes.integer("numFmtId"), let code = attributes.string("formatCode") { customFormats[id] = code }
                } else if name.elementsEqual(Names.cellFormats) {
                    inCellFormats = true
                } else if inCellFormats && name.elementsEqual(Names.format) {
                    formatIDs.append(attributes.integer("numFmtId") ?? 0)
                }
            },
            end: { name in if name.elementsEqual(Names.cellFormats) { inCellFormats = false } },
            text: { _, _, _ in })
        return formatIDs.map { id in
            if let code = customFormats[id] { return ExcelDates.kind(code: code) }
            return ExcelDates.kind(builtIn: id)
        }
    }
}

/// Element names of SpreadsheetML, as bytes to compare with the scanner's local names.
enum Names {
    static let relationship = Array("Relationship".utf8), workbookProperties = Array("workbookPr".utf8)
    static let sheet = Array("sheet".utf8), stringItem = Array("si".utf8), text = Array("t".utf8)
    static let phonetic = Array("rPh".utf8), numberFormat = Array("numFmt".utf8), cellFormats = Array("cellXfs".utf8)
    static let format = Array("xf".utf8), row = Array("row".utf8), cell = Array("c".utf8), value = Array("v".utf8)
    static let reference = Array("r".utf8), type = Array("t".utf8), style = Array("s".utf8)
}
