import AtbalstsCore
import Scoring
import XLSX

/// Kopsavilkums additions (issue 15): the comparison with the previous wave and how to read the
/// workbook. Every number follows SPEC 8: a change is shown only where both values are published.
enum SummaryComparison {
    /// How to read the workbook, short, near the top (issue 15); returns the next free row.
    static func reading(on sheet: Worksheet, table: inout Table, labels: Labels, at top: Int) throws -> Int {
        let words = ReadabilityLabels.of(labels.language)
        var next = top
        try sheet.write(next, 0, words.readingTitle, Styles.label)
        for line in words.reading {
            next += 1
            try table.note(line, row: next, columns: 0...4)
        }
        return next + 1
    }

    /// The comparison with the previous wave, when there is one; returns the next free row.
    static func write(_ report: CouncilReport, on sheet: Worksheet, table: inout Table, labels: Labels, at top: Int) throws -> Int {
        let words = ReadabilityLabels.of(labels.language)
        guard let previous = report.previousSnapshot else { return top }
        try sheet.write(top, 0, "\(words.comparedTitle): \(WaveName.text(previous.wave, labels.language))", Styles.label)
        let rows = comparison(report, previous: previous, labels: labels)
        let body = try table.write(
            at: top + 1, headers: [words.measure, words.then, words.now, words.change, words.beyond], rows: rows,
            freeze: false, filter: false)
        return body.upperBound + 2
    }

    static func comparison(_ report: CouncilReport, previous: WaveSnapshot, labels: Labels) -> [[Cell]] {
        let minGroup = report.settings.minGroupSize
        let before = previous.respondents >= minGroup
        var rows: [[Cell]] = [
            [
                .text(labels.respondents), .integer(previous.respondents), .integer(report.needs.respondents),
                .decimal(Double(report.needs.respondents - previous.respondents), format: ReadabilityLabels.signedInteger),
                .blank,
            ]
        ]
        for priority in report.needs.priorities.prefix(CouncilReport.topPriorities) {
            let area = priority.input.areaID
            let name = "\(labels.highNeed): \(report.areaName(area, labels.language))"
            let now = priority.input.counts.highNeed
            let then = previous.highNeedCounts[area]
            let nowShown = report.municipalityStatus(area) == .shown
            let thenShown = before && report.previousPublished(area)
            let change = report.signedChange(area, now: now.share)
            let beyond: Cell
            if nowShown, thenShown, let a = now.wilson, let b = then?.wilson {
                beyond = .text(a.low > b.high || b.low > a.high ? labels.yes : labels.no)
            } else {
                beyond = .blank
            }
            rows.append([
                .wrapped(name),
                thenShown ? .percent(then?.share) : .withheld(.small, minGroup: minGroup),
                nowShown
                    ? .share(now.share, base: now.trials, minGroup: minGroup)
                    : .withheld(report.municipalityStatus(area), minGroup: minGroup),
                thenShown && nowShown ? .decimal(change, format: ReadabilityLabels.signedPercent) : .blank,
                beyond,
            ])
        }
        let who5Now = report.wellbeing.municipality.who5
        let who5Then = previous.wellbeing.who5
        if who5Now.count > 0 || who5Then.count > 0 {
            let nowShown = who5Now.count >= minGroup
            let thenShown = who5Then.count >= minGroup
            rows.append([
                .text(WellbeingSheet.header(.who5, labels.wellbeing)),
                thenShown ? .decimal(who5Then.value, format: "0.0") : .withheld(.small, minGroup: minGroup),
                nowShown ? .decimal(who5Now.value, format: "0.0") : .withheld(.small, minGroup: minGroup),
                nowShown && thenShown
                    ? .decimal(who5Now.value.flatMap { a in who5Then.value.map { a - $0 } }, format: ReadabilityLabels.signedDecimal)
                    : .blank,
                .blank,
            ])
        }
        return rows
    }
}
