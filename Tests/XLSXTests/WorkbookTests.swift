import Foundation
import TestSupport
import Testing

@testable import XLSX

final class WorkbookTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    @Test func cellsRoundTripAsTextAndNumbers() throws {
        let workbook = try Workbook(path: path("plain.xlsx"))
        let sheet = try workbook.addWorksheet("Prioritātes")
        try sheet.write(0, 0, "Digitālās prasmes")
        try sheet.write(1, 1, 0.25, FormatSpec(numberFormat: "0.0%"))
        try workbook.close()

        let reader = try WorkbookReader(URL(fileURLWithPath: path("plain.xlsx")))
        let cells = try reader.cells(ofSheet: "Prioritātes")
        #expect(cells["A1"]?.value == .text("Digitālās prasmes"))
        #expect(cells["B2"]?.value == .number(0.25))
    }

    @Test func formulaLookingTextStaysTextWithQuotePrefix() throws {
        let workbook = try Workbook(path: path("injection.xlsx"))
        let sheet = try workbook.addWorksheet("Sheet")
        let hostile = ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tlead", "\rlead", "plain"]
        for (row, text) in hostile.enumerated() { try sheet.write(row, 0, text) }
        try workbook.close()

        let reader = try WorkbookReader(URL(fileURLWithPath: path("injection.xlsx")))
        let cells = try reader.cells(ofSheet: "Sheet")
        let styles = try reader.cellStyles()
        for (row, text) in hostile.enumerated() {
            let cell = try #require(cells["A\(row + 1)"])
            #expect(cell.formula == nil)
            #expect(cell.value == .text(text), "text unchanged")
            let prefixed = styles[cell.style]["quotePrefix"] == "1"
            #expect(prefixed == (text != "plain"), "row \(row + 1)")
        }
        #expect(!(try reader.sheetXML("Sheet")).contains("<f>"))
    }

    @Test func nulAndOverlongTextHaveADefinedTreatment() throws {
        #expect(Worksheet.cellText("a\0b") == "a\u{FFFD}b")
        let long = String(repeating: "ā", count: 40_000)
        let cut = Worksheet.cellText(long)
        #expect(cut.utf16.count == Worksheet.maxTextLength)
        #expect(cut.hasSuffix("…"))
    }

    @Test func errorsNameSheetAndCell() throws {
        let workbook = try Workbook(path: path("errors.xlsx"))
        let sheet = try workbook.addWorksheet("Dati")
        #expect(throws: XLSXError.self) { try sheet.write(1_048_576, 0, "beyond the last row") }
        do {
            try sheet.write(1_048_576, 2, 1.0)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("sheet \"Dati\""))
            #expect(error.description.contains("cell C1048577"))
        }
        #expect(throws: XLSXError.self) { try workbook.addWorksheet("bad/name") }
    }

    @Test func aWorkbookIsRenamedIntoPlaceOnlyOnClose() throws {
        let target = path("atomic.xlsx")
        do {
            let workbook = try Workbook(path: target)
            _ = try workbook.addWorksheet("A")
            #expect(!FileManager.default.fileExists(atPath: target))
        }  // dropped unclosed: discarded
        #expect(!FileManager.default.fileExists(atPath: target))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers.isEmpty)
    }

    @Test func columnNames() {
        #expect(cellReference(row: 0, column: 0) == "A1")
        #expect(columnName(25) == "Z")
        #expect(columnName(26) == "AA")
        #expect(columnName(701) == "ZZ")
        #expect(columnName(702) == "AAA")
    }

    /// libxlsxwriter frees sheets and charts when the workbook closes: using one after that
    /// throws, naming the sheet, instead of writing through a dangling pointer.
    @Test func sheetsAndChartsRefuseUseAfterTheWorkbookClosed() throws {
        let workbook = try Workbook(path: path("closed.xlsx"))
        let sheet = try workbook.addWorksheet("Lapa")
        let chart = try workbook.addChart(.bar)
        try sheet.write(0, 0, 1.0)
        try chart.addSeries(name: "a", categories: "=Lapa!$A$1:$A$1", values: "=Lapa!$A$1:$A$1")
        try sheet.insertChart(chart, row: 2, column: 0)
        try workbook.close()
        let write = try #require(throws: XLSXError.self) { try sheet.write(1, 0, "late") }
        #expect(write.sheet == "Lapa")
        #expect(write.detail.contains("closed"))
        #expect(throws: XLSXError.self) { try sheet.write(1, 0, 2.0) }
        #expect(throws: XLSXError.self) { try sheet.freezePanes(row: 1) }
        #expect(throws: XLSXError.self) { try sheet.activate() }
        #expect(throws: XLSXError.self) { try sheet.dropDown(0...1, 0...0, values: ["a"]) }
        #expect(throws: XLSXError.self) { try chart.title("late") }
        #expect(throws: XLSXError.self) { try chart.addSeries(name: "b", categories: "=Lapa!$A$1", values: "=Lapa!$A$1") }
        #expect(throws: XLSXError.self) { try chart.legend(bottom: true) }
    }

    /// Errors of our own carry no libxlsxwriter code; 0 would read as LXW_NO_ERROR.
    @Test func ourOwnErrorsHaveNoLibraryCode() throws {
        let workbook = try Workbook(path: path("twice.xlsx"))
        _ = try workbook.addWorksheet("Lapa")
        try workbook.close()
        let again = try #require(throws: XLSXError.self) { try workbook.close() }
        #expect(again.code == nil)
        let library = try #require(throws: XLSXError.self) { try Workbook(path: path("bad.xlsx")).addWorksheet("a[b]") }
        #expect(library.code != nil && library.code != 0)
    }
}
