import Foundation
import TestSupport
import Testing

@testable import Pipeline
@testable import Reports

/// SPEC 10 for every sheet: frozen header, autofilter, number formats, printable on A4 landscape
/// one page wide with title and page number; and every label from one table per language.
struct WorkbookLayoutTests {
    static func books(language: String) throws -> [WorkbookReader] {
        let workspace = try TestWorkspace()
        let summary = try Runner(
            pipeline: try workspace.pipeline(extra: "  language: \(language)"), progress: RunProgress(quiet: true)
        ).run()
        return try summary.workbooks.map { try WorkbookReader(URL(fileURLWithPath: $0)) }
    }

    @Test func everySheetPrintsLandscapeOnePageWideWithTitleAndPageNumbers() throws {
        for book in try Self.books(language: "lv") {
            let workbookXML = String(decoding: try book.part("xl/workbook.xml"), as: UTF8.self)
            for name in book.sheetNames {
                let xml = try book.sheetXML(name)
                #expect(xml.contains("orientation=\"landscape\""), "\(name)")
                #expect(xml.contains("paperSize=\"9\""), "\(name): A4")
                #expect(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"), "\(name)")
                #expect(xml.contains("fitToHeight=\"0\""), "\(name): one page wide, as many long as needed")
                #expect(xml.contains("&amp;P / &amp;N"), "\(name): page numbers")
                #expect(xml.contains("<oddHeader>&amp;C"), "\(name): title in the header")
                #expect(xml.contains("<pane ") && xml.contains("state=\"frozen\""), "\(name): frozen header")
            }
            #expect(workbookXML.contains("_xlnm.Print_Titles"), "header rows repeat on every page")
            #expect(workbookXML.contains("_xlnm._FilterDatabase"), "autofilters")
        }
    }

    @Test func percentagesAreFractionsWithAPercentFormat() throws {
        let council = try #require(try Self.books(language: "lv").first)
        let styles = String(decoding: try council.part("xl/styles.xml"), as: UTF8.self)
        #expect(styles.contains("formatCode=\"0.0%\""))
        let priorities = try council.cells(ofSheet: "Prioritātes")
        let share = try #require(priorities["E5"])
        #expect(share.value == .number(0.5))
        let numberFormat = try council.cellStyles()[share.style]["numFmtId"]
        #expect(numberFormat != nil && numberFormat != "0")
        #expect(String(decoding: try council.part("docProps/core.xml"), as: UTF8.self).contains("2026-27-autumn"))
    }

    /// Every label string of the other language, found by reflection over the label tables.
    static func labelStrings(_ labels: Any) -> Set<String> {
        var strings = Set<String>()
        func walk(_ value: Any) {
            if let text = value as? String {
                strings.insert(text)
                return
            }
            for child in Mirror(reflecting: value).children { walk(child.value) }
        }
        walk(labels)
        return strings
    }

    @Test func englishWorkbooksCarryNoLatvianLabelAndTheOtherWayRound() throws {
        let latvian = Self.labelStrings(Labels.latvian)
        let english = Self.labelStrings(Labels.english)
        let shared = latvian.intersection(english)  // "<5", "ID", "n", "SHA-256", "WHO-5" …
        for (language, foreign) in [("en", latvian.subtracting(shared)), ("lv", english.subtracting(shared))] {
            for book in try Self.books(language: language) {
                let strings = String(decoding: try book.part("xl/sharedStrings.xml"), as: UTF8.self)
                let sheets = String(decoding: try book.part("xl/workbook.xml"), as: UTF8.self)
                for label in foreign where label.count > 3 {
                    let escaped = label.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
                    #expect(!strings.contains(">\(escaped)<"), "\(language) workbook shows \"\(label)\"")
                    #expect(!sheets.contains("name=\"\(escaped)\""), "\(language) sheet named \"\(label)\"")
                }
            }
        }
    }
}
