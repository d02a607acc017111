import AtbalstsCore
import Scoring
import XLSX

/// Dinamika: every wave in the database — the top areas' high-need share and the wellbeing
/// headline — with native line charts (SPEC 10).
enum TrendsSheet {
    static let headerRow = 3

    static func write(
        _ report: CouncilReport, on sheet: Worksheet, in workbook: Workbook, labels: Labels, title: String
    ) throws {
        let words = labels.plan
        let wellbeingWords = labels.wellbeing
        try sheet.heading(words.trendsTitle, "\(labels.wave): \(WaveName.text(report.wave, labels.language))")
        let topAreas = report.needs.priorities.prefix(CouncilReport.topPriorities).map(\.input.areaID)
        let minGroup = report.settings.minGroupSize
        let headers =
            [labels.wave, labels.respondents, words.returning]
            + topAreas.map { words.highNeedOf + report.areaName($0, labels.language) }
            + [wellbeingWords.who5Mean, wellbeingWords.poor, wellbeingWords.cbiMean, wellbeingWords.highBurnout]
        let rows = report.history.map { snapshot -> [Cell] in
            let small = snapshot.respondents < minGroup
            let returning: Cell = snapshot.returning.map { .integer($0) } ?? .blank
            var cells: [Cell] = [.text(WaveName.text(snapshot.wave, labels.language)), .integer(snapshot.respondents), returning]
            cells += topAreas.map { small ? .withheld(.small, minGroup: minGroup) : .percent(snapshot.highNeed[$0]) }
            let wellbeing = snapshot.wellbeing
            cells += [
                wellbeing.who5.count < minGroup ? .withheld(.small, minGroup: minGroup) : .decimal(wellbeing.who5.value, format: "0.0"),
                wellbeing.poorWellbeing.answered < minGroup
                    ? .withheld(.small, minGroup: minGroup) : .percent(wellbeing.poorWellbeing.proportion.share),
                wellbeing.cbi.count < minGroup ? .withheld(.small, minGroup: minGroup) : .decimal(wellbeing.cbi.value, format: "0.0"),
                wellbeing.highBurnout.answered < minGroup
                    ? .withheld(.small, minGroup: minGroup) : .percent(wellbeing.highBurnout.proportion.share),
            ]
            return cells
        }
        var table = Table(sheet: sheet, labels: labels)
        let body = try table.write(at: headerRow, headers: headers, rows: rows)
        table.setWidth(3...(headers.count - 1), 16)
        try table.applyWidths()
        try sheet.printSetup(headerRows: headerRow...headerRow, title: title)

        // A line needs two points: with fewer waves the sheet says why instead of drawing empty frames.
        guard rows.count >= 2 else {
            try sheet.write(body.upperBound + 2, 0, ReadabilityLabels.of(labels.language).oneWave, Styles.label)
            return
        }
        let waves = "=" + absoluteRange(sheet: sheet.name, rows: body, columns: 0...0)
        let needsChart = try workbook.addChart(.line)
        for (offset, area) in topAreas.enumerated() {
            let column = 3 + offset
            try needsChart.addSeries(
                name: report.areaName(area, labels.language), categories: waves,
                values: "=" + absoluteRange(sheet: sheet.name, rows: body, columns: column...column))
        }
        try needsChart.title(words.trendsChartNeeds)
        try needsChart.valueAxis(min: 0, max: 1, numberFormat: "0%")
        try needsChart.legend(bottom: true)
        try sheet.insertChart(needsChart, row: body.upperBound + 2, column: 0, scale: (1.5, 1.4))

        let who5Column = 3 + topAreas.count
        let wellbeingChart = try workbook.addChart(.line)
        for column in [who5Column, who5Column + 2] {
            try wellbeingChart.addSeries(
                name: headers[column], categories: waves,
                values: "=" + absoluteRange(sheet: sheet.name, rows: body, columns: column...column))
        }
        try wellbeingChart.title(words.trendsChartWellbeing)
        try wellbeingChart.valueAxis(min: 0, max: 100, numberFormat: "0")
        try wellbeingChart.legend(bottom: true)
        try sheet.insertChart(wellbeingChart, row: body.upperBound + 2, column: 6, scale: (1.5, 1.4))
    }
}
