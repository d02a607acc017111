import Foundation
import Testing

@testable import Ingest

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
