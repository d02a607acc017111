import AtbalstsCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The small parts of a workbook, each read with one pass of the XML parser.
enum XMLParts {
    struct WorkbookPart {
        var date1904 = false
        var sheets: [(name: String, relationship: String)] = []
    }

    /// Relationship id → (type, target). An id is also found by the type's last word.
    static func relationships(_ data: Data) -> [String: (type: String, target: String)] {
        var found: [String: (type: String, target: String)] = [:]
        let events = XMLEvents()
        events.start = { name, attributes in
            guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
            let type = attributes["Type"] ?? ""
            found[id] = (type, target)
            if let word = type.split(separator: "/").last, found[String(word)] == nil { found[String(word)] = (type, target) }
        }
        _ = try? events.parse(data, part: "")
        return found
    }

    static func workbook(_ data: Data, part: String) throws(IngestError) -> WorkbookPart {
        var workbook = WorkbookPart()
        let events = XMLEvents()
        events.start = { name, attributes in
            switch name {
            case "workbookPr":
                workbook.date1904 = ["1", "true"].contains(attributes["date1904"]?.lowercased() ?? "")
            case "sheet":
                let id = attributes.first { XMLEvents.local($0.key) == "id" && $0.key.contains(":") }?.value
                if let sheetName = attributes["name"], let id { workbook.sheets.append((sheetName, id)) }
            default: break
            }
        }
        try events.parse(data, part: part)
        return workbook
    }

    /// Each `<si>`'s text: its `<t>`, or the `<t>` of every rich-text run; phonetic hints
    /// (`<rPh>`) are no part of the text.
    static func sharedStrings(_ data: Data, part: String) throws(IngestError) -> [String] {
        var strings: [String] = []
        var current = ""
        var inText = false, inPhonetic = false
        let events = XMLEvents()
        events.start = { name, _ in
            switch name {
            case "si": current = ""
            case "t": inText = !inPhonetic
            case "rPh": inPhonetic = true
            default: break
            }
        }
        events.text = { if inText { current += $0 } }
        events.end = { name in
            switch name {
            case "si": strings.append(current)
            case "t": inText = false
            case "rPh": inPhonetic = false
            default: break
            }
        }
        try events.parse(data, part: part)
        return strings
    }

    /// For each cell format of `<cellXfs>`, in order: a date kind when its number format is one.
    static func dateStyles(_ data: Data, part: String) throws(IngestError) -> [ExcelDates.Kind?] {
        var customFormats: [Int: String] = [:]
        var formatIDs: [Int] = []
        var inCellFormats = false
        let events = XMLEvents()
        events.start = { name, attributes in
            switch name {
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] {
                    customFormats[id] = code
                }
            case "cellXfs": inCellFormats = true
            case "xf" where inCellFormats: formatIDs.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
            default: break
            }
        }
        events.end = { if $0 == "cellXfs" { inCellFormats = false } }
        try events.parse(data, part: part)
        return formatIDs.map { id in
            if let code = customFormats[id] { return ExcelDates.kind(code: code) }
            return ExcelDates.kind(builtIn: id)
        }
    }
}

/// XMLParser's callbacks as closures, element names without their namespace prefix (`x:row` is
/// `row`: some writers prefix every element).
final class XMLEvents: NSObject, XMLParserDelegate {
    var start: (String, [String: String]) -> Void = { _, _ in }
    var end: (String) -> Void = { _ in }
    var text: (String) -> Void = { _ in }

    static func local(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    func parse(_ data: Data, part: String) throws(IngestError) {
        let parser = XMLParser(data: data)
        parser.delegate = self
        parser.shouldResolveExternalEntities = false
        // A part cut short can parse without an error: its root must also have closed.
        guard parser.parse(), depth == 0, sawRoot else {
            let line = parser.lineNumber
            throw IngestError(
                cause: .damagedWorkbook(part: part, reason: say("not well-formed XML at line \(line)", lv: "nekorekts XML \(line). rindā")))
        }
    }

    private var depth = 0
    private var sawRoot = false

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        depth += 1
        sawRoot = true
        start(Self.local(elementName), attributes)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
        end(Self.local(elementName))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text(string) }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) { text(String(decoding: CDATABlock, as: UTF8.self)) }
}
