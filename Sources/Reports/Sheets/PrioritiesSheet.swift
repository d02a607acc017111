import AtbalstsCore
import Scoring
import XLSX

/// Prioritātes: ranked need areas with every component, a data bar and a native bar chart.
/// Column order is a contract with the oracle test (e2e/oracle/priorities.py).
enum PrioritiesSheet {
    static let headerRow = 3

    static func write(
        _ report: CouncilReport, on sheet: Worksheet, in workbook: Workbook, labels: Labels, title: String
    ) throws {
        var table = Table(sheet: sheet, labels: labels)
        try table.heading(
            labels.prioritiesTitle,
            "\(labels.wave): \(WaveName.text(report.wave, labels.language)) · \(labels.respondents): \(report.needs.respondents) · \(labels.prioritiesNote) \(ReadabilityLabels.of(labels.language).changeNote)"
        )
        let headers =
            [
                labels.rank, labels.id, labels.needArea, labels.score, labels.highNeed, labels.wilsonLow,
                labels.wilsonHigh, labels.intensity, labels.breadth, labels.gap, labels.trend, labels.n,
                labels.stable, ReadabilityLabels.of(labels.language).change,
            ] + (report.observation == nil ? [] : [ObservationLabels.of(labels.language).observedWeakness])
        let minGroup = report.settings.minGroupSize
        func row(_ priority: Priority, _ report: CouncilReport, _ labels: Labels) -> [Cell] {
            let input = priority.input
            let status = report.municipalityStatus(input.areaID)
            guard status == .shown else {
                // A municipality too small (or all-or-none under 2 × min_group_size) for its shares.
                // An area the questionnaire did not ask has no place in the ranking (issue 12).
                let rank: Cell = status == .notAsked ? .blank : .integer(priority.rank)
                return [rank, .text(input.areaID), .text(report.areaName(input.areaID, labels.language))]
                    + Array(repeating: .withheld(status, minGroup: minGroup), count: 6)
                    + [
                        .percent(input.gap), .withheld(status, minGroup: minGroup), .withheld(status, minGroup: minGroup),
                        .text(labels.no), .withheld(status, minGroup: minGroup),
                    ]
            }
            return [
                .integer(priority.rank), .text(input.areaID),
                .text(report.areaName(input.areaID, labels.language)),
                .decimal(priority.score, format: "0.0"), .percent(priority.highNeedShare),
                .percent(priority.wilson?.low), .percent(priority.wilson?.high),
                .percent(priority.intensity), .percent(input.breadth), .percent(input.gap),
                .percent(input.trend), .integer(input.counts.answered),
                .text(priority.stable ? labels.yes : labels.no),
                // Signed, beside the trend component that keeps only the rise (issue 15).
                .decimal(report.signedChange(input.areaID, now: priority.highNeedShare), format: ReadabilityLabels.signedPercent),
            ]
        }
        // Observed weakness beside the need, when observations were imported (SPEC 12.2).
        let rows = report.needs.priorities.map { priority -> [Cell] in
            row(priority, report, labels) + ObservationSheet.observedCells(priority.input.areaID, report)
        }
        let body = try table.write(at: headerRow, headers: headers, rows: rows)
        try sheet.dataBar(body, 3...3, color: 0x5B9BD5)
        table.setWidth(2...2, 44)
        table.hide(1)  // the area id: kept for filtering and the oracle, the name beside it is what a reader reads
        try table.applyWidths()

        if !rows.isEmpty {
            let chart = try workbook.addChart(.bar)
            try chart.addSeries(
                name: labels.score,
                categories: "=" + absoluteRange(sheet: sheet.name, rows: body, columns: 2...2),
                values: "=" + absoluteRange(sheet: sheet.name, rows: body, columns: 3...3))
            try chart.title(labels.chartTitle)
            try chart.reverseCategories()
            try chart.legend(bottom: false)
            try sheet.insertChart(chart, row: body.upperBound + 2, column: 2, scale: (1.6, 1.8))
        }
        try sheet.printSetup(headerRows: headerRow...headerRow, title: title)
    }
}
