import Foundation
import TestSupport
import Testing

@testable import Pipeline

/// Issue 18: `atbalsts instrument observation-v1 --workbook FILE` writes the uniform observation
/// sheet for observers. Read back from the file's XML: the particulars with their drop-downs, the
/// rubric, every domain with its criteria and a rating drop-down, the print set-up.
struct ObservationFormTests {
    /// Rows (1-based) the sheet promises: particulars 5–9, the criteria header 19, then per domain a
    /// band row and its three criteria.
    static let particulars = 5...9
    static let criteriaHeader = 19
    static func band(_ domain: Int) -> Int { criteriaHeader + 1 + 4 * domain }

    struct Validation: Equatable {
        let cells: String
        let source: String
        let strict: Bool
    }

    /// The list validations of a sheet: cells, the range their choices come from, and whether
    /// another value is refused.
    static func validations(_ xml: String) throws -> [Validation] {
        let pattern = try NSRegularExpression(pattern: "<dataValidation ([^>]*)><formula1>([^<]*)</formula1>")
        return pattern.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)).map { match in
            let attributes = String(xml[Range(match.range(at: 1), in: xml)!])
            let sqref = attributes.range(of: #"sqref="([^"]*)""#, options: .regularExpression).map {
                String(attributes[$0].dropFirst(7).dropLast())
            }
            let source = String(xml[Range(match.range(at: 2), in: xml)!]).replacingOccurrences(of: "&apos;", with: "'")
            return Validation(cells: sqref ?? "", source: source, strict: !attributes.contains("errorStyle=\"warning\""))
        }
    }

    /// The values a `'Sheet'!$C$1:$C$5` range holds on the lists sheet.
    static func values(of source: String, in book: WorkbookReader, listSheet: String) throws -> [String] {
        let parts = source.split(separator: "!")
        #expect(parts.first == "'\(listSheet)'")
        let range = String(parts[1]).replacingOccurrences(of: "$", with: "")
        let ends = range.split(separator: ":")
        let column = Int(ends[0].unicodeScalars.first!.value - 65)
        let last = Int(ends[1].drop { $0.isLetter })!
        let rows = try book.rows(ofSheet: listSheet)
        return (1...last).compactMap { rows[$0]?[column]?.text }
    }

    static func write(_ language: String, seeds: URL, in workspace: TestWorkspace) throws -> WorkbookReader {
        let file = workspace.url("vērošanas-lapa-\(language).xlsx")
        let result = try BuiltBinary.run([
            "instrument", "observation-v1", "--workbook", file.path, "--language", language, "--seeds", seeds.path,
        ])
        #expect(result.code == 0, "\(result.errors)")
        #expect(WholeWorkbook.problem(file) == nil)
        return try WorkbookReader(file)
    }

    @Test func theLatvianSheetHasEveryDomainCriterionAndDropDown() throws {
        let workspace = try TestWorkspace()
        let seeds = try FormQuestionsTests.seeds(in: workspace)
        let book = try Self.write("lv", seeds: seeds, in: workspace)
        #expect(book.sheetNames == ["Vērošanas lapa", "Saraksti"])
        let workbookXML = String(decoding: try book.part("xl/workbook.xml"), as: UTF8.self)
        #expect(workbookXML.contains(#"name="Saraksti" sheetId="2" state="hidden""#), "the lists sheet is hidden")
        #expect(workbookXML.contains("_xlnm.Print_Titles"), "the criteria header repeats on every printed page")

        let instrument = try Seeds(directory: seeds).instrument("observation-v1")
        let rows = try book.rows(ofSheet: "Vērošanas lapa")
        #expect(rows[1]?[0]?.text == "Mācību stundas vērošanas lapa (observation-v1)")
        let particulars = [
            "Izglītības iestāde", "Kas vēroja stundu?", "Vērotā pedagoga e-pasts vai identifikators", "Mācību joma", "Vērošanas datums",
        ]
        for (row, title) in zip(Self.particulars, particulars) { #expect(rows[row]?[0]?.text == title, "row \(row)") }
        #expect((0...3).compactMap { rows[Self.criteriaHeader]?[$0]?.text } == ["Nr.", "Kritērijs", "Vērtējums", "Piezīmes, pierādījumi"])
        for (d, domain) in ObservationTests.domains.enumerated() {
            let items = instrument.items.filter { $0.group == domain }
            #expect(rows[Self.band(d)]?[0]?.text == "\(d + 1). \(items[0].questionTitle.lv)")
            for c in 0..<3 {
                let row = rows[Self.band(d) + 1 + c]
                #expect(row?[0]?.text == "\(d + 1).\(c + 1)")
                #expect(row?[1]?.text == items[c].rowLabel, "\(items[c].id)")
            }
        }

        let validations = try Self.validations(try book.sheetXML("Vērošanas lapa"))
        func choices(at cell: String) throws -> [String]? {
            guard let validation = validations.first(where: { $0.cells == cell }) else { return nil }
            return try Self.values(of: validation.source, in: book, listSheet: "Saraksti")
        }
        #expect(try choices(at: "C5") == ["Testa vidusskola", "Testa pamatskola", "Mazā skola"])
        #expect(try choices(at: "C6") == ["Vadība", "Kolēģis", "Mentors", "Pašvaldības speciālists"])
        #expect(try choices(at: "C8")?.count == 7, "the learning areas")
        #expect(validations.first { $0.cells == "C8" }?.strict == false, "several areas may be typed")
        #expect(try choices(at: "C7") == nil && choices(at: "C9") == nil, "the teacher's id and the date are typed")
        let rubric = ["Nav novērots", "1 – vāji", "2 – drīzāk vāji", "3 – drīzāk labi", "4 – labi"]
        for d in ObservationTests.domains.indices {
            for c in 1...3 {
                let cell = "C\(Self.band(d) + c)"
                #expect(try choices(at: cell) == rubric, "rating \(cell)")
                #expect(validations.first { $0.cells == cell }?.strict == true)
            }
        }
        #expect(validations.count == 3 + 24, "institution, observer, learning area and every criterion")

        let sheetXML = try book.sheetXML("Vērošanas lapa")
        #expect(sheetXML.contains(#"paperSize="9""#) && sheetXML.contains(#"orientation="landscape""#))
        #expect(sheetXML.contains(#"<pageSetUpPr fitToPage="1"/>"#) && sheetXML.contains(#"fitToHeight="0""#), "one page wide")
        // Rows sized to their text: each criterion row leaves room for two handwritten lines.
        for d in ObservationTests.domains.indices {
            let row = Self.band(d) + 1
            let height = sheetXML.range(of: #"<row r="\#(row)" [^>]* ht="[0-9.]+""#, options: .regularExpression)
                .flatMap { Double(sheetXML[$0].split(separator: "\"").last ?? "") }
            #expect((height ?? 0) >= 32, "criterion row \(row): \(String(describing: height))")
        }
    }

    @Test func theEnglishSheetSpeaksEnglish() throws {
        let workspace = try TestWorkspace()
        let book = try Self.write("en", seeds: try FormQuestionsTests.seeds(in: workspace), in: workspace)
        #expect(book.sheetNames == ["Observation sheet", "Lists"])
        let rows = try book.rows(ofSheet: "Observation sheet")
        #expect(rows[1]?[0]?.text == "Lesson observation sheet (observation-v1)")
        #expect(rows[Self.particulars.lowerBound + 1]?[0]?.text == "Who observed the lesson?")
        #expect(rows[Self.band(0)]?[0]?.text == "1. Learning climate")
        #expect(rows[Self.band(0) + 1]?[1]?.text == "The teacher treats the students with respect and patience")
        #expect(rows[Self.band(7)]?[0]?.text == "8. Digital tools")
        let validations = try Self.validations(try book.sheetXML("Observation sheet"))
        let rating = try #require(validations.first { $0.cells == "C\(Self.band(0) + 1)" })
        #expect(
            try Self.values(of: rating.source, in: book, listSheet: "Lists") == [
                "Not observed", "1 – weak", "2 – rather weak", "3 – rather strong", "4 – strong",
            ])
    }
}
