import AtbalstsCore
import Foundation
import Scoring
import XLSX

/// Kopsavilkums: headline figures, top-5 priorities and inputs (SPEC 10).
enum SummarySheet {
    static func write(_ report: CouncilReport, on sheet: Worksheet, labels: Labels, title: String) throws {
        let needs = report.needs
        try sheet.heading(labels.councilTitle, "\(labels.wave): \(WaveName.text(report.wave, labels.language))")
        var table = Table(sheet: sheet, labels: labels)
        let represented = needs.institutions.filter { $0.respondents > 0 }.count
        let figures: [[Cell]] =
            [
                [.text(labels.wave), .text(WaveName.text(report.wave, labels.language))],
                [.text(labels.respondents), .integer(needs.respondents)],
                [.text(labels.institutionsRepresented), .integer(represented)],
                [.text(labels.teachersInRegister), .integer(needs.teachers)],
                [.text(labels.responseRate), .percent(needs.responseRate)],
                [.text(labels.sourcesImported), .integer(report.sources.count)],
                [.text(labels.rowsQuarantined), .integer(report.quarantine.count)],
                [.text(labels.generated), .text(Self.timestamp(report.generatedAt))],
            ] + wellbeingHeadline(report, labels: labels)
        let figuresRow = try SummaryComparison.reading(on: sheet, table: &table, labels: labels, at: 3) + 1
        try table.write(at: figuresRow, headers: [labels.headline, ""], rows: figures, freeze: false, filter: false)

        let top = needs.priorities.prefix(5).map { priority -> [Cell] in
            [
                .integer(priority.rank), .text(report.areaName(priority.input.areaID, labels.language)),
                .decimal(priority.score, format: "0.0"),
                .share(priority.highNeedShare, base: priority.input.counts.answered, minGroup: report.settings.minGroupSize),
            ]
        }
        let topRow = figuresRow + figures.count + 2
        try sheet.write(topRow, 0, labels.topPriorities, Styles.label)
        try table.write(
            at: topRow + 1, headers: [labels.rank, labels.needArea, labels.score, labels.highNeed],
            rows: top, freeze: false, filter: false)

        // Page two: the comparison with the previous wave, then the input files, each table whole
        // (on page one the inputs' header stood alone at the foot of the page).
        let pageTwo = topRow + 1 + top.count + 2
        let inputsRow = try SummaryComparison.write(report, on: sheet, table: &table, labels: labels, at: pageTwo)
        try sheet.write(inputsRow, 0, labels.inputs, Styles.label)
        let inputs = report.sources.map { source -> [Cell] in
            [
                .text(source.description.fileName), .text(ReadabilityLabels.formatName(source.description.format, labels.language)),
                .integer(source.rowsRead),
                .integer(source.rowsAccepted), .integer(source.rowsQuarantined),
            ]
        }
        try table.write(
            at: inputsRow + 1,
            headers: [labels.file, labels.format, labels.rowsRead, labels.rowsAccepted, labels.rowsQuarantined],
            rows: inputs, freeze: false, filter: false)
        try sheet.pageBreaks(above: [pageTwo])
        try sheet.freezePanes(row: 3)
        table.setWidth(0...0, 34)
        try table.applyWidths()
        try sheet.printSetup(headerRows: nil, title: title)
    }

    /// The municipality's wellbeing in five numbers, hidden like any other group under the threshold.
    static func wellbeingHeadline(_ report: CouncilReport, labels: Labels) -> [[Cell]] {
        let words = labels.wellbeing
        let total = report.wellbeing.municipality
        guard report.wellbeing.available else { return [] }
        let minGroup = report.settings.minGroupSize
        let group = WellbeingGroup(total: total, key: "", label: Bilingual(lv: "", en: ""), asked: total, minGroupSize: minGroup)
        return WellbeingSheet.headline.map { measure in
            [.text(WellbeingSheet.header(measure, words)), WellbeingSheet.cell(group, measure, minGroup: minGroup)]
        }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: date)
    }
}
