import AtbalstsCore
import Scoring
import XLSX

/// Iestādes: institution × need area high-need share as a heat map; hidden cells show SPEC 8's marks.
/// Column order is a contract with the oracle test (e2e/oracle/priorities.py).
enum InstitutionsSheet {
    static let headerRow = 3

    static func write(_ report: CouncilReport, on sheet: Worksheet, labels: Labels, title: String) throws {
        var table = Table(sheet: sheet, labels: labels)
        try table.heading(
            labels.institutionsTitle,
            "\(labels.wave): \(WaveName.text(report.wave, labels.language)) · \(labels.marksLegend(minGroup: report.settings.minGroupSize))"
        )
        let areas = report.instrument.needAreas
        let headers =
            [labels.code, labels.institution, labels.n, labels.responseRate]
            + areas.map { $0.label.text(labels.language) }
        let minGroup = report.settings.minGroupSize
        let rows = report.needs.institutions.map { row -> [Cell] in
            let lead: [Cell] = [.text(row.institution.code), .text(row.institution.name)]
            let size: [Cell] =
                row.status == .shown
                ? [.integer(row.respondents), .percent(row.responseRate)]
                : Array(repeating: .withheld(row.status, minGroup: minGroup), count: 2)
            return lead + size
                + zip(row.needs.areas, row.areaStatus).map { counts, status in
                    status == .shown ? .percent(counts.highNeed.share) : .withheld(status, minGroup: minGroup)
                }
        }
        let body = try table.write(at: headerRow, headers: headers, rows: rows)
        let needs = report.needs
        let totalRow = body.upperBound + 2
        let total: [Cell] =
            [
                .text(""), .text(labels.municipalityTotal), .integer(needs.respondents),
                .percent(needs.responseRate),
            ]
            + zip(needs.municipality.areas, needs.municipalityStatus).map { counts, status in
                status == .shown ? .percent(counts.highNeed.share) : .withheld(status, minGroup: minGroup)
            }
        for (column, cell) in total.enumerated() {
            try table.write(cell, row: totalRow, column: column)
        }
        if !areas.isEmpty {
            try sheet.colorScale(
                body.lowerBound...totalRow, 4...(3 + areas.count), low: 0xF8F8F8, mid: 0xFFD966,
                high: 0xE06666, midValue: report.settings.highNeedBreadthThreshold, maxValue: 0.6)
        }
        if !areas.isEmpty { table.setWidth(4...(3 + areas.count), 13) }
        table.hide(0)  // the register code: kept for filtering and the oracle, the name beside it is what a reader reads
        try table.applyWidths()
        try sheet.freezePanes(row: headerRow + 1, column: 2)
        try sheet.printSetup(headerRows: headerRow...headerRow, title: title)
    }
}
