import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads a written .xlsx back as its parts (unzip + XML), so tests assert cells, not file existence.
public struct WorkbookReader {
    public enum Value: Equatable, CustomStringConvertible {
        case text(String)
        case number(Double)
        public var text: String? { if case .text(let t) = self { return t } else { return nil } }
        public var number: Double? { if case .number(let n) = self { return n } else { return nil } }
        public var description: String {
            switch self {
            case .text(let t): return "\"\(t)\""
            case .number(let n): return String(n)
            }
        }
    }

    public struct Cell: Equatable {
        public let value: Value?
        public let style: Int
        public let formula: String?
    }

    public let url: URL
    public let sheetNames: [String]
    private let archive: Archive
    private let sharedStrings: [String]

    public init(_ url: URL) throws {
        self.url = url
        archive = try Archive(url: url, accessMode: .read)
        let workbookXML = try Self.part("xl/workbook.xml", in: archive)
        sheetNames = XMLElements.parse(workbookXML).filter { $0.name == "sheet" }.compactMap { $0.attributes["name"] }
        if archive["xl/sharedStrings.xml"] != nil {
            sharedStrings = SharedStrings.parse(try Self.part("xl/sharedStrings.xml", in: archive))
        } else {
            sharedStrings = []
        }
    }

    public func part(_ path: String) throws -> Data { try Self.part(path, in: archive) }

    public var partNames: [String] { archive.map(\.path) }

    static func part(_ path: String, in archive: Archive) throws -> Data {
        guard let entry = archive[path] else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return data
    }

    /// Cells of a sheet by `A1` reference.
    public func cells(ofSheet name: String) throws -> [String: Cell] {
        guard let index = sheetNames.firstIndex(of: name) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "sheet \(name)"])
        }
        return SheetCells.parse(try part("xl/worksheets/sheet\(index + 1).xml"), sharedStrings: sharedStrings)
    }

    public func sheetXML(_ name: String) throws -> String {
        guard let index = sheetNames.firstIndex(of: name) else { return "" }
        return String(decoding: try part("xl/worksheets/sheet\(index + 1).xml"), as: UTF8.self)
    }

    /// The `<xf>` elements of `cellXfs` in styles.xml, as attribute maps.
    public func cellStyles() throws -> [[String: String]] {
        let xml = String(decoding: try part("xl/styles.xml"), as: UTF8.self)
        guard let start = xml.range(of: "<cellXfs"), let end = xml.range(of: "</cellXfs>") else { return [] }
        return XMLElements.parse(Data(xml[start.lowerBound..<end.upperBound].utf8))
            .filter { $0.name == "xf" }.map(\.attributes)
    }

    /// Rows of a sheet as arrays of values, from `fromRow` (1-based) on, columns A… in order.
    public func rows(ofSheet name: String) throws -> [Int: [Int: Value]] {
        var rows: [Int: [Int: Value]] = [:]
        for (reference, cell) in try cells(ofSheet: name) {
            guard let value = cell.value else { continue }
            let (row, column) = Self.split(reference)
            rows[row, default: [:]][column] = value
        }
        return rows
    }

    static func split(_ reference: String) -> (row: Int, column: Int) {
        var column = 0
        var digits = ""
        for character in reference {
            if let ascii = character.asciiValue, character.isLetter {
                column = column * 26 + Int(ascii - 64)
            } else {
                digits.append(character)
            }
        }
        return (Int(digits) ?? 0, column - 1)
    }
}

/// Flat list of elements with their attributes (enough for workbook.xml and cellXfs).
struct XMLElements {
    struct Element {
        let name: String
        let attributes: [String: String]
    }

    static func parse(_ data: Data) -> [Element] {
        final class Collector: NSObject, XMLParserDelegate {
            var elements: [Element] = []
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]
            ) {
                elements.append(Element(name: name, attributes: attributes))
            }
        }
        let collector = Collector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        _ = parser.parse()
        return collector.elements
    }
}

enum SharedStrings {
    static func parse(_ data: Data) -> [String] {
        final class Collector: NSObject, XMLParserDelegate {
            var strings: [String] = []
            var current: String?
            var inText = false
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]
            ) {
                if name == "si" { current = "" }
                if name == "t" { inText = true }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if inText { current? += string }
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if name == "t" { inText = false }
                if name == "si" {
                    strings.append(ooxmlUnescape(current ?? ""))
                    current = nil
                }
            }
        }
        let collector = Collector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        _ = parser.parse()
        return collector.strings
    }
}

/// OOXML writes control characters in strings as `_xHHHH_` (ECMA-376 §22.9.2.19).
func ooxmlUnescape(_ text: String) -> String {
    guard text.contains("_x") else { return text }
    let regex = try! NSRegularExpression(pattern: "_x([0-9A-Fa-f]{4})_")
    var result = text
    for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
        let hex = String(text[Range(match.range(at: 1), in: text)!])
        let scalar = Unicode.Scalar(UInt32(hex, radix: 16)!).map { String($0) } ?? ""
        result.replaceSubrange(Range(match.range, in: result)!, with: scalar)
    }
    return result
}

enum SheetCells {
    static func parse(_ data: Data, sharedStrings: [String]) -> [String: WorkbookReader.Cell] {
        final class Collector: NSObject, XMLParserDelegate {
            let sharedStrings: [String]
            var cells: [String: WorkbookReader.Cell] = [:]
            var reference = "", type = "", style = 0
            var value: String?, formula: String?, buffer = ""
            var collecting = false
            init(_ sharedStrings: [String]) { self.sharedStrings = sharedStrings }
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]
            ) {
                switch name {
                case "c":
                    reference = attributes["r"] ?? ""
                    type = attributes["t"] ?? "n"
                    style = Int(attributes["s"] ?? "0") ?? 0
                    value = nil
                    formula = nil
                case "v", "f", "t":
                    collecting = true
                    buffer = ""
                default: break
                }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if collecting { buffer += string }
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                switch name {
                case "v", "t":
                    value = (value ?? "") + buffer
                    collecting = false
                case "f":
                    formula = buffer
                    collecting = false
                case "c":
                    var parsed: WorkbookReader.Value?
                    if let value {
                        switch type {
                        case "s": parsed = Int(value).map { .text(sharedStrings[$0]) }
                        case "str", "inlineStr": parsed = .text(value)
                        default: parsed = Double(value).map { .number($0) }
                        }
                    }
                    cells[reference] = WorkbookReader.Cell(value: parsed, style: style, formula: formula)
                default: break
                }
            }
        }
        let collector = Collector(sharedStrings)
        let parser = XMLParser(data: data)
        parser.delegate = collector
        _ = parser.parse()
        return collector.cells
    }
}
