import Foundation
import TestSupport
import Testing

@testable import Reports

/// Issue 15: every printed page that shows rows of a table shows that table's header row above
/// them, and no page shows a header that does not belong to the rows under it. Pages are cut by
/// the estimate the readability tests use (row heights as stored, 15 points where none is, the
/// print scale one landscape A4 page wide); e2e/printed_pages.py checks the same on LibreOffice's
/// own rendering.
struct PrintedPagesTests {
    /// A sheet as the printer sees it: rows and their heights, manual breaks, print titles,
    /// tables (a header row and the rows under it up to the first empty one) and charts.
    struct PrintedSheet {
        struct Table {
            let header: Int
            let body: ClosedRange<Int>
        }

        let name: String
        var heights: [Int: Double] = [:]
        /// 1-based rows after which a manual break stands (`<brk id>`).
        var breaks: Set<Int> = []
        var titles: ClosedRange<Int>?
        var tables: [Table] = []
        /// 1-based rows with something printed on them: a value or a chart.
        var content: Set<Int> = []
        var scale = 1.0

        init(_ book: WorkbookReader, _ name: String, headerStyles: Set<Int>) throws {
            self.name = name
            let xml = try book.sheetXML(name)
            let geometry = WorkbookReadabilityTests.Geometry(xml)
            heights = geometry.heights
            breaks = Set(xml.matches(of: /<brk id="(\d+)"/).map { Int($0.1)! })
            scale = try WorkbookReadabilityTests.printScale(book, name)
            let index = book.sheetNames.firstIndex(of: name)!
            let workbook = String(decoding: try book.part("xl/workbook.xml"), as: UTF8.self)
            if let match = workbook.firstMatch(
                of: try Regex(#"_xlnm\.Print_Titles" localSheetId="\#(index)">[^<]*?\$(\d+):\$(\d+)<"#))
            {
                let first = Int(match.output[1].substring!)!
                let last = Int(match.output[2].substring!)!
                titles = first...last
            }
            let hidden = WorkbookReadabilityTests.hiddenColumns(xml)
            var values: [Int: Set<Int>] = [:]
            var headerCells: [Int: Int] = [:]
            for (reference, cell) in try book.cells(ofSheet: name) {
                let column = WorkbookReadabilityTests.Geometry.column(String(reference.prefix { $0.isLetter }))
                let row = Int(reference.drop { $0.isLetter })!
                guard !hidden.contains(column) else { continue }
                if cell.value != nil { values[row, default: []].insert(column) }
                if headerStyles.contains(cell.style), cell.value != nil { headerCells[row, default: 0] += 1 }
            }
            content = Set(values.keys)
            for header in headerCells.filter({ $0.value >= 2 }).keys.sorted() {
                let columns = values[header] ?? []
                var last = header
                while let next = values[last + 1], !next.isDisjoint(with: columns), headerCells[last + 1] == nil { last += 1 }
                if last > header { tables.append(Table(header: header, body: (header + 1)...last)) }
            }
            // Charts: the rows their anchors span (the sheet's drawing, through its relationships).
            if let rels = try? book.part("xl/worksheets/_rels/sheet\(index + 1).xml.rels"),
                let target = String(decoding: rels, as: UTF8.self).firstMatch(of: /Target="..\/drawings\/(drawing\d+\.xml)"/)
            {
                let drawing = String(decoding: try book.part("xl/drawings/\(target.1)"), as: UTF8.self)
                for anchor in drawing.matches(
                    of:
                        /<xdr:from><xdr:col>\d+<\/xdr:col><xdr:colOff>\d+<\/xdr:colOff><xdr:row>(\d+)<\/xdr:row>.*?<xdr:to><xdr:col>\d+<\/xdr:col><xdr:colOff>\d+<\/xdr:colOff><xdr:row>(\d+)<\/xdr:row>/
                ) {
                    for row in (Int(anchor.1)! + 1)...(Int(anchor.2)! + 1) { content.insert(row) }
                }
            }
        }

        func height(_ row: Int) -> Double { heights[row] ?? TextLayout.lineHeight }

        /// The printed pages, each with its rows and whether the print titles stand above them.
        /// A4 landscape, 8.27 in high, less libxlsxwriter's 0.75 in margins top and bottom; the
        /// rows shrink with the print scale, so a page holds 1 / scale times as many points.
        func pages() -> [(rows: [Int], titled: Bool)] {
            guard let last = content.max() else { return [] }
            let capacity = (8.27 - 1.5) * 72 / scale
            let titleHeight = titles.map { $0.reduce(0) { $0 + height($1) } } ?? 0
            var pages: [(rows: [Int], titled: Bool)] = []
            var rows: [Int] = []
            var titled = false
            var used = 0.0
            func newPage() {
                pages.append((rows, titled))
                rows = []
                titled = titles.map { $0.upperBound < (pages.last?.rows.last ?? 0) + 1 } ?? false
                used = titled ? titleHeight : 0
            }
            for row in 1...last {
                if !rows.isEmpty, breaks.contains(row - 1) || used + height(row) > capacity { newPage() }
                rows.append(row)
                used += height(row)
            }
            pages.append((rows, titled))
            return pages
        }

        /// What a reader would stop at on each page: rows without their table's header, a header
        /// repeated over rows not its own.
        func problems() -> [String] {
            var found: [String] = []
            for (number, page) in pages().enumerated() {
                let rows = Set(page.rows)
                let place = "\(name) page \(number + 1) (rows \(page.rows.first!)–\(page.rows.last!))"
                for table in tables where !rows.isDisjoint(with: table.body) {
                    let headed = rows.contains(table.header) || (page.titled && titles!.contains(table.header))
                    if !headed { found.append("\(place): rows of the table headed at row \(table.header) without its header") }
                }
                guard page.titled, let titles else { continue }
                let own = tables.first { titles.contains($0.header) }
                if let first = page.rows.first(where: content.contains), own?.body.contains(first) != true {
                    found.append("\(place): the repeated header (row \(titles.lowerBound)) stands over row \(first), not its table's")
                }
            }
            return found
        }
    }

    /// Styles of header cells: bold on the header fill (Styles.header).
    static func headerStyles(_ book: WorkbookReader) throws -> Set<Int> {
        let xml = String(decoding: try book.part("xl/styles.xml"), as: UTF8.self)
        let fills = xml.firstRange(of: /<fills[^>]*>.*?<\/fills>/.dotMatchesNewlines()).map { String(xml[$0]) } ?? ""
        let headerFills = Set(
            fills.matches(of: /<fill>.*?<\/fill>/.dotMatchesNewlines()).enumerated()
                .filter { String($0.element.0).contains("FFD9E1F2") }.map(\.offset))
        let styles = try WorkbookReadabilityTests.styles(book)
        return Set(
            try book.cellStyles().enumerated().filter { index, xf in
                index < styles.count && styles[index].bold && headerFills.contains(Int(xf["fillId"] ?? "0") ?? 0)
            }.map(\.offset))
    }

    static func problems(_ book: WorkbookReader) throws -> [String] {
        let headers = try headerStyles(book)
        return try book.sheetNames.flatMap { name in
            try PrintedSheet(book, name, headerStyles: headers).problems().map { "\(book.url.lastPathComponent) \($0)" }
        }
    }

    @Test(arguments: ["lv", "en"])
    func everyPrintedPageShowsTheHeaderOfItsRows(language: String) throws {
        let demo = try WorkbookReadabilityTests.demo(language)
        var tables = 0
        var pages = 0
        for book in try demo.allBooks {
            let headers = try Self.headerStyles(book)
            #expect(!headers.isEmpty, "\(book.url.lastPathComponent): header styles found")
            for name in book.sheetNames {
                let sheet = try PrintedSheet(book, name, headerStyles: headers)
                tables += sheet.tables.count
                pages += sheet.pages().count
                for problem in sheet.problems() { Issue.record("\(book.url.lastPathComponent) \(problem)") }
            }
        }
        #expect(tables > 200 && pages > 200, "\(tables) tables on \(pages) pages")
    }

    /// The estimate itself: a table longer than a page continues under its repeated header; a
    /// second table under the same repeated header, or a chart under it, is found.
    @Test func theEstimateFindsAHeaderOverRowsNotItsOwn() throws {
        let council = try WorkbookReadabilityTests.demo("lv").council
        let headers = try Self.headerStyles(council)
        let priorities = try PrintedSheet(council, Labels.latvian.prioritiesSheet, headerStyles: headers)
        #expect(priorities.titles == 4...4 && priorities.tables.first?.header == 4)
        var long = priorities
        long.heights = Dictionary(uniqueKeysWithValues: priorities.tables[0].body.map { ($0, 60.0) })
        long.content.formUnion(priorities.tables[0].body)
        #expect(long.pages().count > 1 && long.pages()[1].titled && long.problems().isEmpty)
        var chartUnder = long
        chartUnder.tables[0] = .init(header: 4, body: 5...8)
        #expect(chartUnder.problems().contains { $0.contains("stands over") })
        var untitled = long
        untitled.titles = nil
        #expect(untitled.problems().contains { $0.contains("without its header") })
    }
}
