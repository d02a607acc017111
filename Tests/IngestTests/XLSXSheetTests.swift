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
