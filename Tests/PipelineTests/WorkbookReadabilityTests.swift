import Foundation
import TestSupport
import Testing

@testable import Pipeline
@testable import Reports

/// Issue 15: the demo workbooks (both waves of samples/, both languages) read without help — no
/// text needs more lines than its row gives, no word breaks, the wave in the local form, signed
/// changes, no empty chart, no alpha for the need areas.
struct WorkbookReadabilityTests {
    /// The demo's two waves run into one workspace per language; the spring workbooks are read.
    /// Holds its workspace (and so its files) for the whole run; each test opens its own readers.
    final class Demo: @unchecked Sendable {
        let workspace: TestWorkspace
        let bookURLs: [URL]
        /// The autumn council workbook: a database with one wave.
        let autumnURL: URL

        init(language: String) throws {
            workspace = try TestWorkspace()
            let samples = TestWorkspace.repository.appendingPathComponent("samples").path
            let seeds = TestWorkspace.repository.appendingPathComponent("seeds").path
            let outputs = "  language: \(language)\n  institution_workbooks: true"
            let autumn = """
                  - file: \(samples)/google-forms-needs.csv
                    kind: needs
                  - file: \(samples)/self-assessment-teachers.csv
                    kind: self-assessment
                  - file: \(seeds)/institutions.csv
                    kind: institutions
                """
            _ = try Runner(
                pipeline: try workspace.pipeline(sources: autumn, extra: outputs), progress: RunProgress(quiet: true)
            ).run()
            autumnURL = workspace.url("out/2026-27-autumn-padome.xlsx")
            let spring = """
                  - file: \(samples)/google-forms-needs-spring.csv
                    kind: needs
                  - file: \(samples)/self-assessment-spring.csv
                    kind: self-assessment
                  - file: \(seeds)/institutions.csv
                    kind: institutions
                """
            let summary = try Runner(
                pipeline: try workspace.pipeline(wave: "2026-27-spring", sources: spring, extra: outputs),
                progress: RunProgress(quiet: true)
            ).run()
            bookURLs = summary.workbooks.map { URL(fileURLWithPath: $0) }
        }

        var books: [WorkbookReader] { get throws { try bookURLs.map { try WorkbookReader($0) } } }
        var autumn: WorkbookReader { get throws { try WorkbookReader(autumnURL) } }
        var council: WorkbookReader {
            get throws { try WorkbookReader(bookURLs.first { $0.lastPathComponent.hasSuffix("-padome.xlsx") }!) }
        }
    }

    static let latvian = Result { try Demo(language: "lv") }
    static let english = Result { try Demo(language: "en") }

    static func demo(_ language: String) throws -> Demo {
        try (language == "lv" ? latvian : english).get()
    }

    /// What a sheet gives its text: column widths, row heights, merged ranges; and which styles wrap.
    struct Geometry {
        var widths: [Int: Double] = [:]
        var heights: [Int: Double] = [:]
        var merged: [(row: Int, columns: ClosedRange<Int>)] = []

        init(_ xml: String) {
            for match in xml.matches(of: /<col min="(\d+)" max="(\d+)" width="([\d.]+)"/) {
                for column in Int(match.1)!...Int(match.2)! { widths[column - 1] = Double(match.3)! }
            }
            for match in xml.matches(of: /<row r="(\d+)"[^>]* ht="([\d.]+)"/) {
                heights[Int(match.1)!] = Double(match.2)!
            }
            for match in xml.matches(of: /<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)\d+"/) {
                merged.append((Int(match.2)!, Self.column(String(match.1))...Self.column(String(match.3))))
            }
        }

        static func column(_ letters: String) -> Int {
            letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
        }

        func width(_ column: Int) -> Double { widths[column] ?? TextLayout.defaultWidth }
        func height(_ row: Int) -> Double { heights[row] ?? TextLayout.lineHeight }
    }

    /// Per cell style: whether it wraps and whether its font is bold.
    static func styles(_ book: WorkbookReader) throws -> [(wrap: Bool, bold: Bool)] {
        let xml = String(decoding: try book.part("xl/styles.xml"), as: UTF8.self)
        let fontsPart = xml.firstRange(of: /<fonts[^>]*>.*?<\/fonts>/.dotMatchesNewlines()).map { String(xml[$0]) } ?? ""
        let fonts = fontsPart.matches(of: /<font>.*?<\/font>|<font\/>/.dotMatchesNewlines()).map { String($0.0).contains("<b/>") }
        let xfsPart = xml.firstRange(of: /<cellXfs[^>]*>.*?<\/cellXfs>/.dotMatchesNewlines()).map { String(xml[$0]) } ?? ""
        return xfsPart.matches(of: /<xf [^>]*?(\/>|>.*?<\/xf>)/.dotMatchesNewlines()).map { match in
            let text = String(match.0)
            let font = text.firstMatch(of: /fontId="(\d+)"/).flatMap { Int($0.1) } ?? 0
            return (text.contains("wrapText=\"1\""), font < fonts.count && fonts[font])
        }
    }

    @Test(arguments: ["lv", "en"])
    func everyWrappingCellHasTheLinesItsTextNeedsAndNoWordBreaks(language: String) throws {
        for book in try Self.demo(language).books + [try Self.demo(language).autumn] {
            let styles = try Self.styles(book)
            for name in book.sheetNames {
                let geometry = Geometry(try book.sheetXML(name))
                for (reference, cell) in try book.cells(ofSheet: name) {
                    guard let text = cell.value?.text, cell.style < styles.count, styles[cell.style].wrap else { continue }
                    let row = Int(reference.drop { $0.isLetter })!
                    let column = Geometry.column(String(reference.prefix { $0.isLetter }))
                    let span =
                        geometry.merged.first { $0.row == row && $0.columns.lowerBound == column }?.columns
                        ?? column...column
                    let width = span.reduce(0) { $0 + geometry.width($1) }
                    let bold = styles[cell.style].bold
                    let lines = TextLayout.lines(text, columnWidth: width, bold: bold)
                    let place = "\(book.url.lastPathComponent) \(name)!\(reference) \"\(text.prefix(40))\""
                    #expect(geometry.height(row) >= Double(lines) * TextLayout.lineHeight, "\(place): \(lines) lines")
                    if span.count == 1 {
                        #expect(TextLayout.longestWord(text, bold: bold) <= width + 0.01 || !bold, "\(place): a word breaks")
                    }
                }
            }
        }
    }

    @Test func theEstimateWrapsAtWordsAndCountsLines() {
        #expect(TextLayout.lines("Īpatsvars no atbildējušajiem", columnWidth: 30, bold: true) == 1)
        #expect(TextLayout.lines("Īpatsvars no atbildējušajiem", columnWidth: 16, bold: true) == 2)
        #expect(TextLayout.lines("a\nb", columnWidth: 30, bold: false) == 2)
        // A word wider than its column is broken by Excel: it takes lines of its own.
        #expect(TextLayout.lines("Starpdisciplināra", columnWidth: 8, bold: true) >= 2)
        #expect(TextLayout.longestWord("Starpdisciplināra joma", bold: true) > TextLayout.longestWord("joma", bold: true))
    }

    @Test func theWaveIsWrittenInTheWorkbooksLanguageEverywhere() throws {
        #expect(WaveName.text("2026-27-autumn", .lv) == "2026./27. m. g. rudens")
        #expect(WaveName.text("2026-27-spring", .lv) == "2026./27. m. g. pavasaris")
        #expect(WaveName.text("2026-27-autumn", .en) == "2026/27 autumn")
        for (language, local) in [("lv", "2026./27. m. g. pavasaris"), ("en", "2026/27 spring")] {
            for book in try Self.demo(language).books {
                let strings = String(decoding: try book.part("xl/sharedStrings.xml"), as: UTF8.self)
                #expect(!strings.contains("2026-27-"), "\(book.url.lastPathComponent): a wave id shown")
                #expect(!strings.contains("2026/27 pavasaris") && !strings.contains("2026/27 rudens"))
                #expect(strings.contains(local), "\(book.url.lastPathComponent)")
            }
        }
    }

    /// The change is checked against the Dinamika row of each wave, the trend component against max(0, change).
    @Test(arguments: ["lv", "en"])
    func aSignedChangeStandsBesideEveryTrend(language: String) throws {
        let book = try Self.demo(language).council
        let labels = Labels.of(language == "lv" ? .lv : .en)
        let words = ReadabilityLabels.of(labels.language)
        let priorities = try book.rows(ofSheet: labels.prioritiesSheet)
        #expect(priorities[4]?[13] == .text(words.change))
        let trends = try book.rows(ofSheet: labels.plan.trendsSheet)
        let areaColumns = Dictionary(
            uniqueKeysWithValues: (3...7).compactMap { column in
                trends[4]?[column]?.text.map { ($0.replacingOccurrences(of: labels.plan.highNeedOf, with: ""), column) }
            })
        var fell = 0
        for row in 5...18 {
            guard let name = priorities[row]?[2]?.text, let now = priorities[row]?[4]?.number else { continue }
            guard let change = priorities[row]?[13]?.number else { continue }
            if let column = areaColumns[name], let before = trends[5]?[column]?.number, let current = trends[6]?[column]?.number {
                #expect(abs(change - (current - before)) < 1e-9, "\(name)")
                #expect(abs(now - current) < 1e-9)
            }
            let trend = try #require(priorities[row]?[10]?.number, "\(name): a trend")
            #expect(abs(trend - max(0, change)) < 1e-9, "\(name): the component keeps the rise only")
            if change < 0 { fell += 1 }
        }
        #expect(fell > 0, "the demo has falls, which the trend column alone shows as 0")
        let styles = String(decoding: try book.part("xl/styles.xml"), as: UTF8.self)
        #expect(styles.contains("formatCode=\"+0.0%;\u{2212}0.0%;0.0%\""))

        // Kopsavilkums: the comparison block, its respondents' change by hand.
        let summary = try book.rows(ofSheet: labels.summarySheet)
        let header = try #require(summary.first { $0.value[3]?.text == words.change }?.key)
        let respondents = try #require(summary[header + 1])
        #expect(respondents[0] == .text(labels.respondents))
        let then = try #require(respondents[1]?.number)
        let now = try #require(respondents[2]?.number)
        #expect(respondents[3]?.number == now - then)
        #expect(now == trends[6]?[1]?.number && then == trends[5]?[1]?.number)
        #expect(summary.values.contains { $0[0]?.text == words.readingTitle })
    }

    @Test(arguments: ["lv", "en"])
    func oneWaveDrawsNoChartAndSaysWhy(language: String) throws {
        let demo = try Self.demo(language)
        let labels = Labels.of(language == "lv" ? .lv : .en)
        let autumn = try demo.autumn
        let council = try demo.council
        let trends = try autumn.rows(ofSheet: labels.plan.trendsSheet)
        #expect(trends.values.contains { $0[0]?.text == ReadabilityLabels.of(labels.language).oneWave })
        let charts = try autumn.partNames.filter { $0.hasPrefix("xl/charts/") }
            .map { String(decoding: try autumn.part($0), as: UTF8.self) }
        #expect(!charts.contains { $0.contains("<c:lineChart>") })
        let spring = try council.partNames.filter { $0.hasPrefix("xl/charts/") }
            .map { String(decoding: try council.part($0), as: UTF8.self) }
        #expect(spring.filter { $0.contains("<c:lineChart>") }.count == 2, "two waves: both charts")
    }

    @Test func theNewWordsComeInTheWorkbooksLanguageOnly() throws {
        let latvian = WorkbookLayoutTests.labelStrings(ReadabilityLabels.latvian)
        let english = WorkbookLayoutTests.labelStrings(ReadabilityLabels.english)
        for (language, own, foreign) in [("lv", latvian, english), ("en", english, latvian)] {
            let council = try Self.demo(language).council
            let strings = SharedStringsText(try council.part("xl/sharedStrings.xml"))
            for label in foreign.subtracting(own) where label.count > 3 {
                #expect(!strings.contains(label), "\(language) workbook shows \"\(label)\"")
            }
            #expect(strings.contains(ReadabilityLabels.of(language == "lv" ? .lv : .en).readingTitle))
        }
    }

    /// The shared strings of a workbook, unescaped, to look a text up in.
    struct SharedStringsText {
        let text: String
        init(_ data: Data) {
            text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
        func contains(_ label: String) -> Bool { text.contains(">\(label)<") }
    }

    /// Atbalsta formas: each later table starts its own page, and no header repeats over another table.
    /// Datu kvalitāte: a SHA-256, one 64-character word, fits its column.
    @Test func oneTablePerPrintedBlockAndHashesUnbroken() throws {
        let council = try Self.demo("lv").council
        let forms = try council.sheetXML("Atbalsta formas")
        let rows = try council.rows(ofSheet: "Atbalsta formas")
        let titles = [PlanLabels.latvian.formsByPriority, PlanLabels.latvian.barriersTitle].map { title in
            rows.first { $0.value[0]?.text == title }?.key
        }
        for title in titles {
            let row = try #require(title)
            #expect(forms.contains("<brk id=\"\(row - 1)\""), "a page break above row \(row)")
        }
        let workbook = String(decoding: try council.part("xl/workbook.xml"), as: UTF8.self)
        let index = try #require(council.sheetNames.firstIndex(of: "Atbalsta formas"))
        #expect(!workbook.contains("_xlnm.Print_Titles\" localSheetId=\"\(index)\""))

        let quality = Geometry(try council.sheetXML("Datu kvalitāte"))
        let hashes = try council.rows(ofSheet: "Datu kvalitāte").values.compactMap { $0[8]?.text }.filter { $0.count == 64 }
        #expect(!hashes.isEmpty)
        for hash in hashes { #expect(TextLayout.longestWord(hash, bold: false) <= quality.width(8)) }
    }

    /// An institution workbook's sheets with marks explain them under their title.
    @Test(arguments: ["lv", "en"])
    func institutionSheetsCarryTheMarksLegend(language: String) throws {
        let labels = Labels.of(language == "lv" ? .lv : .en)
        let legend = labels.marksLegend(minGroup: 5)
        let books = try Self.demo(language).books.filter { !$0.url.lastPathComponent.hasSuffix("-padome.xlsx") }
        #expect(!books.isEmpty)
        for book in books {
            for name in [labels.prioritiesSheet, labels.plan.formsSheet] {
                let subtitle = try book.rows(ofSheet: name)[2]?[0]?.text ?? ""
                #expect(subtitle.hasSuffix(legend), "\(book.url.lastPathComponent) \(name)")
            }
        }
    }

    /// No need-area id where its name stands beside it: the id column is hidden, kept for filtering.
    @Test(arguments: ["lv", "en"])
    func areaIdsAreHiddenBesideTheirNames(language: String) throws {
        let labels = Labels.of(language == "lv" ? .lv : .en)
        let ids = ["digital", "inclusive", "wellbeing", "assessment", "classroom"]
        for book in try Self.demo(language).books {
            let xml = try book.sheetXML(labels.prioritiesSheet)
            let hidden = Set(xml.matches(of: /<col min="(\d+)" max="(\d+)"[^>]*hidden="1"/).flatMap { Int($0.1)!...Int($0.2)! })
            for (reference, cell) in try book.cells(ofSheet: labels.prioritiesSheet) {
                guard let text = cell.value?.text, ids.contains(text) else { continue }
                let column = Geometry.column(String(reference.prefix { $0.isLetter }))
                #expect(hidden.contains(column + 1), "\(book.url.lastPathComponent) \(reference) shows \(text)")
            }
        }
    }

    @Test func methodologyShowsNoAlphaForTheNeedAreas() throws {
        for language in ["lv", "en"] {
            let labels = Labels.of(language == "lv" ? .lv : .en)
            let methodology = try Self.demo(language).council.rows(ofSheet: labels.methodologySheet)
            let names = methodology.values.compactMap { $0[0]?.text }
            #expect(!names.contains(labels.wellbeing.scaleName["need"]!))
            #expect(names.contains(labels.wellbeing.scaleName["who5"]!))
        }
    }
}
