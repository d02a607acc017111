import AtbalstsCore
import Scoring
import XLSX

/// Labbūtība: WHO-5, burnout, stress and digital hygiene per group, with traffic lights, a legend
/// and a native chart by institution. Column order is a contract with e2e/oracle/wellbeing.py.
enum WellbeingSheet {
    static let headerRow = 3

    /// One measure column: its header and the measure it shows.
    struct Measure {
        let header: String
        let measure: WellbeingMeasure
        var isShare: Bool { measure != .who5 && measure != .cbi }
    }

    /// The municipality's wellbeing in five numbers (Kopsavilkums of every workbook).
    static let headline: [WellbeingMeasure] = [.who5, .poorWellbeing, .cbi, .highBurnout, .stressed]

    static func header(_ measure: WellbeingMeasure, _ labels: WellbeingLabels) -> String {
        switch measure {
        case .who5: labels.who5Mean
        case .poorWellbeing: labels.poor
        case .depressionScreen: labels.screen
        case .cbi: labels.cbiMean
        case .highBurnout: labels.highBurnout
        case .stressed: labels.stressed
        case .afterHours: labels.afterHours
        case .stressSource(let index): labels.stressSourcePrefix + "\(index + 1)"
        }
    }

    static func measures(_ labels: WellbeingLabels, sources: [ReferenceEntry], language: Language) -> [Measure] {
        WellbeingMeasure.all(sourceCount: sources.count).map { measure in
            if case .stressSource(let index) = measure {
                return Measure(header: labels.stressSourcePrefix + sources[index].label.text(language), measure: measure)
            }
            return Measure(header: header(measure, labels), measure: measure)
        }
    }

    /// One group's cell for one measure: its value when SPEC 8 lets it be shown, else the mark.
    static func cell(_ group: WellbeingGroup, _ measure: WellbeingMeasure, minGroup: Int) -> Cell {
        let status = group.cells[measure] ?? .notAsked
        guard status == .shown else { return .withheld(status, minGroup: minGroup) }
        let summary = group.summary
        switch measure {
        case .who5: return .decimal(summary.who5.value, format: "0.0")
        case .cbi: return .decimal(summary.cbi.value, format: "0.0")
        default:
            let counts = measure.counts(summary)
            return .share(counts.yes.map { Double($0) / Double(counts.answered) }, base: counts.answered, minGroup: minGroup)
        }
    }

    /// Labbūtība, and its chart on `chartSheet` (made when `hasChart`): under the table the chart
    /// printed beneath the table's repeated header row, which labelled nothing there (issue 15).
    static func write(
        _ report: CouncilReport, on sheet: Worksheet, chartSheet: Worksheet?, in workbook: Workbook, labels: Labels,
        title: String
    ) throws {
        let words = labels.wellbeing
        let wellbeing = report.wellbeing
        let minGroup = report.settings.minGroupSize
        var layout = Table(sheet: sheet, labels: labels)
        try layout.heading(
            words.title, "\(labels.wave): \(WaveName.text(report.wave, labels.language)) · \(labels.marksLegend(minGroup: minGroup))")
        guard wellbeing.available else {
            try sheet.write(headerRow, 0, words.unavailable)
            return
        }
        let total = WellbeingGroup(
            total: wellbeing.municipality, key: "",
            label: Bilingual(lv: words.dimensions[.municipality]!, en: words.dimensions[.municipality]!),
            asked: wellbeing.municipality, minGroupSize: minGroup)
        let sections =
            [(words.dimensions[.municipality]!, [total])]
            + wellbeing.breakdowns.map { (words.dimensions[$0.dimension]!, $0.groups) }
        let body = try table(
            sections, on: sheet, into: &layout, sources: wellbeing.stressSources, labels: labels,
            minGroup: report.settings.minGroupSize)
        try legend(on: sheet, below: body, words: words)
        // The chart's data in hidden columns right of the table, so the reader sees labels only (issue 15).
        if let chartSheet {
            try chart(
                report, on: sheet, drawnOn: chartSheet, in: workbook,
                dataColumn: 4 + measures(words, sources: wellbeing.stressSources, language: labels.language).count + 1,
                table: &layout, words: words, labels: labels, title: title)
        }
        try layout.applyWidths()
        try sheet.printSetup(headerRows: headerRow...headerRow, title: title)
    }

    /// The institutions whose WHO-5 or CBI the chart may draw: shown ones only, so a hidden group
    /// is never drawn as 0.
    static func chartedInstitutions(_ report: CouncilReport) -> (WellbeingBreakdown, [Int])? {
        guard let institutions = report.wellbeing.breakdowns.first(where: { $0.dimension == .institution }) else { return nil }
        let shown = institutions.groups.indices.filter {
            institutions.groups[$0].cells[.who5] == .shown || institutions.groups[$0].cells[.cbi] == .shown
        }
        return shown.isEmpty ? nil : (institutions, shown)
    }

    static func hasChart(_ report: CouncilReport) -> Bool { report.wellbeing.available && chartedInstitutions(report) != nil }

    /// Writes the traffic-light legend under the table; returns its last row.
    @discardableResult
    static func legend(on sheet: Worksheet, below body: ClosedRange<Int>, words: WellbeingLabels) throws -> Int {
        var next = body.upperBound + 2
        try sheet.write(next, 0, words.legendTitle, Styles.label)
        for line in words.legend {
            next += 1
            try sheet.write(next, 0, line)
        }
        return next
    }

    /// The wellbeing table, one block of rows per section (a breakdown and its groups), written
    /// through `table`, whose widths the caller applies.
    static func table(
        _ sections: [(name: String, groups: [WellbeingGroup])], on sheet: Worksheet, into table: inout Table,
        sources: [ReferenceEntry], labels: Labels, minGroup: Int
    ) throws -> ClosedRange<Int> {
        let words = labels.wellbeing
        let columns = measures(words, sources: sources, language: labels.language)
        let headers = [words.dimension, labels.code, words.group, labels.n] + columns.map(\.header)
        let rows = sections.flatMap { section in
            self.rows(section.name, section.groups, columns: columns, language: labels.language, minGroup: minGroup)
        }
        let body = try table.write(at: headerRow, headers: headers, rows: rows)
        table.hide(1)  // the group's code (`languages`, a role's 1/2/3): kept for filtering, its label beside it
        try trafficLights(on: sheet, rows: body, columns: columns)
        if !columns.isEmpty { table.setWidth(4...(3 + columns.count), 14) }
        try sheet.freezePanes(row: headerRow + 1, column: 3)
        return body
    }

    private static func rows(
        _ section: String, _ groups: [WellbeingGroup], columns: [Measure], language: Language, minGroup: Int
    ) -> [[Cell]] {
        groups.map { group in
            let lead: [Cell] = [
                .text(section), .text(group.key), .text(group.label.text(language)),
                group.status == .shown ? .integer(group.summary.respondents) : .withheld(group.status, minGroup: minGroup),
            ]
            return lead + columns.map { cell(group, $0.measure, minGroup: minGroup) }
        }
    }

    private static func trafficLights(on sheet: Worksheet, rows: ClosedRange<Int>, columns: [Measure]) throws {
        let red = FormatSpec(fontColor: 0x9C0006, background: 0xFFC7CE)
        let amber = FormatSpec(fontColor: 0x9C5700, background: 0xFFEB9C)
        let green = FormatSpec(fontColor: 0x006100, background: 0xC6EFCE)
        for (offset, measure) in columns.enumerated() {
            let column = 4 + offset
            switch offset {
            case 0:  // WHO-5 mean: low is bad
                try sheet.highlight(rows, column...column, when: .atMost(50), red)
                try sheet.highlight(rows, column...column, when: .between(50, 60), amber)
                try sheet.highlight(rows, column...column, when: .atLeast(60), green)
            case 3:  // CBI mean: high is bad
                try sheet.highlight(rows, column...column, when: .atLeast(50), red)
                try sheet.highlight(rows, column...column, when: .between(40, 50), amber)
                try sheet.highlight(rows, column...column, when: .atMost(40), green)
            default:
                guard measure.isShare else { continue }
                try sheet.highlight(rows, column...column, when: .atLeast(0.5), red)
                try sheet.highlight(rows, column...column, when: .between(0.3, 0.5), amber)
                try sheet.highlight(rows, column...column, when: .atMost(0.3), green)
            }
        }
    }

    /// The chart reads a block of shown institutions only, so a hidden group is never drawn as 0.
    /// It stands on a sheet of its own, one printed page under its own title.
    private static func chart(
        _ report: CouncilReport, on sheet: Worksheet, drawnOn chartSheet: Worksheet, in workbook: Workbook,
        dataColumn left: Int, table: inout Table, words: WellbeingLabels, labels: Labels, title: String
    ) throws {
        guard let (institutions, shown) = chartedInstitutions(report) else { return }
        let rows = shown.map { index -> [Cell] in
            let summary = institutions.groups[index].summary
            return [
                .text(institutions.groups[index].label.text(labels.language)),
                institutions.groups[index].cells[.who5] == .shown ? .decimal(summary.who5.value, format: "0.0") : .blank,
                institutions.groups[index].cells[.cbi] == .shown ? .decimal(summary.cbi.value, format: "0.0") : .blank,
            ]
        }
        let body = try table.write(
            at: headerRow, column: left, headers: [labels.institution, words.who5Mean, words.cbiMean], rows: rows,
            freeze: false, filter: false)
        for column in left...(left + 2) { table.hide(column) }
        let chart = try workbook.addChart(.column)
        let categories = "=" + absoluteRange(sheet: sheet.name, rows: body, columns: left...left)
        try chart.addSeries(
            name: words.who5Mean, categories: categories,
            values: "=" + absoluteRange(sheet: sheet.name, rows: body, columns: (left + 1)...(left + 1)))
        try chart.addSeries(
            name: words.cbiMean, categories: categories,
            values: "=" + absoluteRange(sheet: sheet.name, rows: body, columns: (left + 2)...(left + 2)))
        try chart.showHiddenData()
        try chart.title(words.chartTitle)
        try chart.valueAxis(min: 0, max: 100, numberFormat: "0")
        try chart.legend(bottom: true)
        try chartSheet.heading(words.title, "\(labels.wave): \(WaveName.text(report.wave, labels.language))")
        try chartSheet.insertChart(chart, row: 3, column: 0, scale: (2.0, 1.5))
        try chartSheet.freezePanes(row: 3)  // SPEC 10 freezes every sheet's head: here the title
        try chartSheet.printSetup(headerRows: nil, title: title)
    }
}
