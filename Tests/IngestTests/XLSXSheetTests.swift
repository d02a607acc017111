import Foundation
import Testing

@testable import Ingest

/// The parts of an `.xlsx` read by hand-written XML, each feature of SpreadsheetML on its own
/// (ECMA-376 part 1, 18.3 worksheets, 18.4 shared strings, 18.8 styles). Whole workbooks written
/// by openpyxl, LibreOffice and in Microsoft Forms' layout are in Tests/PipelineTests.
struct XLSXSheetTests {
    func sheet(_ rows: String, strings: [String] = [], dateStyles: [ExcelDates.Kind?] = [], date1904: Bool = false) throws
        -> [[String]]
    {
        let xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\(rows)</sheetData></worksheet>
            """
        let table = try SheetTable.read(
            Array(xml.utf8), part: "sheet1.xml", strings: strings, dateStyles: dateStyles, date1904: date1904)
        return (0..<table.rowCount).map { table.record($0).fields }
    }

    @Test func sharedStringsKeepRichTextRunsAndDropPhoneticHints() throws {
        let xml = """
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
            <si><t>Zema</t></si>
            <si><r><rPr><b/></rPr><t>Vajag</t></r><r><t xml:space="preserve"> vairāk &amp; &quot;laika&quot;</t></r></si>
            <si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>
            </sst>
            """
        #expect(try XMLParts.sharedStrings(Array(xml.utf8), part: "s") == ["Zema", "Vajag vairāk & \"laika\"", "東京"])
    }

    @Test func cellTypesGapsAndMissingRows() throws {
        let rows = """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>Trešā</t></is></c><c r="D1" t="s"><v>1</v></c></row>
            <row r="4"><c r="B4" t="b"><v>1</v></c><c r="C4"><v>3.0</v></c><c r="D4" t="e"><v>#N/A</v></c></row>
            <row r="5"><c t="str"><f>A1</f><v>Pirmā</v></c><c><v>2.5</v></c></row>
            <row r="6"><c r="A6" s="0"/></row>
            """
        let fields = try sheet(rows, strings: ["Pirmā", "Ceturtā"])
        #expect(fields == [["Pirmā", "", "Trešā", "Ceturtā"], ["", "TRUE", "3", "#N/A"], ["Pirmā", "2.5", "", ""]])
        let table = try SheetTable.read(
            Array("<worksheet><sheetData>\(rows)</sheetData></worksheet>".utf8), part: "s", strings: ["Pirmā", "Ceturtā"],
            dateStyles: [], date1904: false)
        #expect((0..<table.rowCount).map { table.record($0).line } == [1, 4, 5], "the worksheet's row numbers")
    }

    @Test func prefixedElementsAsSomeWritersUseThem() throws {
        let xml = """
            <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
            <x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>ID</x:t></x:is></x:c><x:c r="B1"><x:v>7</x:v></x:c></x:row>
            </x:sheetData></x:worksheet>
            """
        let table = try SheetTable.read(Array(xml.utf8), part: "s", strings: [], dateStyles: [], date1904: false)
        #expect(table.record(0).fields == ["ID", "7"])
    }

    @Test func datesByTheirCellsNumberFormat() throws {
        let rows = """
            <row r="1"><c s="1"><v>45658.5</v></c><c s="2"><v>45658</v></c><c s="3"><v>0.75</v></c><c s="0"><v>45658</v></c></row>
            """
        #expect(
            try sheet(rows, dateStyles: [nil, .dateTime, .date, .time]) == [["2025-01-01 12:00:00", "2025-01-01", "18:00:00", "45658"]])
        #expect(try sheet(rows, dateStyles: [nil, .dateTime, .date, .time], date1904: true)[0][1] == "2029-01-02")
    }

    @Test func aMissingSharedStringOrCutXMLIsADamagedWorkbook() throws {
        let missing = try #require(throws: IngestError.self) { try sheet("<row r=\"2\"><c t=\"s\"><v>9</v></c></row>") }
        #expect(missing.description.contains("the workbook is damaged (sheet1.xml: shared string 9 does not exist)"))
        let cut = try #require(throws: IngestError.self) {
            try SheetTable.read(
                Array("<worksheet><sheetData><row r=\"1\">".utf8), part: "sheet1.xml", strings: [], dateStyles: [], date1904: false)
        }
        #expect(cut.description.contains("the workbook is damaged (sheet1.xml: not well-formed XML"))
    }

    @Test func entitiesEscapesCDATAAndWhatIsSkipped() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE worksheet [<!ENTITY boom "never expanded">]>
            <!-- a comment -->
            <worksheet><sheetData><row r='1'>
            <c r="A1" t="inlineStr"><is><t>a &amp; b &lt;c&gt; &#257;&#x101; &quot;q&quot; &apos;s&apos; &boom;</t></is></c>
            <c r="B1" t="inlineStr"><is><t>line_x000D_
            break</t></is></c>
            <c r="C1" t="inlineStr"><is><t><![CDATA[<kept> &amp;]]></t></is></c>
            </row></sheetData></worksheet>
            """
        let table = try SheetTable.read(Array(xml.utf8), part: "s", strings: [], dateStyles: [], date1904: false)
        #expect(table.record(0).fields == ["a & b <c> āā \"q\" 's' &boom;", "line\r\nbreak", "<kept> &amp;"])
    }

    @Test(arguments: [
        "<worksheet><sheetData></sheetData>", "<worksheet><row r=\"1\"></worksheet>", "<worksheet/><worksheet/>",
        "<worksheet><c r=\"A1></c></worksheet>", "<worksheet></sheetData></worksheet></worksheet>",
    ])
    func notWellFormed(xml: String) {
        #expect(throws: IngestError.self) {
            try SheetTable.read(Array(xml.utf8), part: "s", strings: [], dateStyles: [], date1904: false)
        }
    }

    @Test(arguments: [("A1", 0), ("Z9", 25), ("AA10", 26), ("AU19", 46), ("XFD1", 16_383)])
    func columnReferences(reference: String, column: Int) {
        #expect(SheetTable.columnIndex(reference) == column)
    }
}

struct ExcelDatesTests {
    /// Serials checked against the calendar by hand: 1 = 1900-01-01; Excel's phantom 1900-02-29 is
    /// 60; 45658 = 2025-01-01 (45292 = 2024-01-01, plus the 366 days of 2024).
    @Test(arguments: [
        (1.0, "1900-01-01"), (59.0, "1900-02-28"), (60.0, "1900-02-29"), (61.0, "1900-03-01"),
        (45292.0, "2024-01-01"), (45658.0, "2025-01-01"), (46296.42013888889, "2026-10-01 10:05:00"),
    ])
    func the1900System(serial: Double, text: String) {
        #expect(ExcelDates.text(serial: serial, kind: .dateTime, date1904: false).map { $0.hasPrefix(text) } == true)
        if !text.contains(":") {
            #expect(ExcelDates.text(serial: serial, kind: .date, date1904: false) == text)
        } else {
            #expect(ExcelDates.text(serial: serial, kind: .dateTime, date1904: false) == text)
        }
    }

    /// 1904 system: serial 0 = 1904-01-01, which is 1462 days after the 1900 system's day 0.
    @Test func the1904System() {
        #expect(ExcelDates.text(serial: 0, kind: .date, date1904: true) == "1904-01-01")
        #expect(ExcelDates.text(serial: 45658 - 1462, kind: .date, date1904: true) == "2025-01-01")
        #expect(ExcelDates.text(serial: 0.999999999, kind: .dateTime, date1904: true) == "1904-01-02 00:00:00", "rounds to the second")
        #expect(ExcelDates.text(serial: -1, kind: .date, date1904: true) == nil)
    }

    @Test(arguments: [
        ("mm/dd/yy\\ hh:mm\\ AM/PM", ExcelDates.Kind?.some(.dateTime)), ("dd.mm.yyyy", .date), ("yyyy-mm-dd hh:mm:ss", .dateTime),
        ("[h]:mm:ss", .time), ("mm:ss", .time), ("[$-426]d\\.mmmm\\ yyyy", .date), ("mmm", .date),
        ("0 \"days\"", nil), ("[Red]0.00", nil), ("#,##0", nil), ("General", nil), ("@", nil), ("0_m", nil),
    ])
    func customFormats(code: String, kind: ExcelDates.Kind?) {
        #expect(ExcelDates.kind(code: code) == kind)
    }

    @Test func builtInFormats() {
        #expect((0...50).filter { ExcelDates.kind(builtIn: $0) != nil } == Array(14...22) + [45, 46, 47])
        #expect(ExcelDates.kind(builtIn: 22) == .dateTime)
    }
}
