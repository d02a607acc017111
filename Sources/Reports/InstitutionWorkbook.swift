import AtbalstsCore
import Foundation
import Scoring
import XLSX

/// Writes `<wave>-<code>.xlsx`: one institution beside the municipality (SPEC 10).
public enum InstitutionWorkbook {
    public static func write(
        _ report: InstitutionReport, to path: String, language: Language, temporaryDirectory: String? = nil
    ) throws {
        let labels = Labels.of(language)
        let words = labels.own
        let council = report.council
        let title = "\(report.institution.name) — \(words.title) — \(WaveName.text(council.wave, language))"
        let workbook = try Workbook(path: path, temporaryDirectory: temporaryDirectory)
        try workbook.setProperties(title: title, subject: council.wave, author: "atbalsts", keywords: council.wave)
        let summary = try workbook.addWorksheet(labels.summarySheet)
        let priorities = try workbook.addWorksheet(labels.prioritiesSheet)
        let wellbeing = try workbook.addWorksheet(labels.wellbeing.sheet)
        let forms = try workbook.addWorksheet(labels.plan.formsSheet)
        let followUp = try council.followUp.map { _ in try workbook.addWorksheet(FollowUpLabels.of(language).sheet) }
        let comments = try report.comments.map { _ in try workbook.addWorksheet(words.commentsSheet) }
        let observed = try council.observation.map { _ in try workbook.addWorksheet(ObservationLabels.of(language).sheet) }
        let methodology = try workbook.addWorksheet(labels.methodologySheet)

        try writeSummary(report, on: summary, labels: labels, title: title)
        try writePriorities(report, on: priorities, labels: labels, title: title)
        try writeWellbeing(report, on: wellbeing, labels: labels, title: title)
        try writeForms(report, on: forms, labels: labels, title: title)
        if let followUp, let data = council.followUp {
            try FollowUpSheet.write(
                data, report: council, only: report.institution.code, on: followUp, labels: labels, title: title)
        }
        if let comments, let texts = report.comments {
            try writeComments(texts, on: comments, labels: labels, title: title)
        }
        if let observed, let observation = council.observation {
            try ObservationSheet.writeInstitution(report, observation, on: observed, labels: labels, title: title)
        }
        try MethodologySheet.write(council, on: methodology, labels: labels, title: title)
        try summary.activate()
        try workbook.close()
    }

    static func writeSummary(_ report: InstitutionReport, on sheet: Worksheet, labels: Labels, title: String) throws {
        let words = labels.own
        let council = report.council
        var table = Table(sheet: sheet, labels: labels)
        try table.heading(report.institution.name, "\(words.title) · \(labels.wave): \(WaveName.text(council.wave, labels.language))")
        let rate = report.institution.teachers > 0 ? Double(report.respondents) / Double(report.institution.teachers) : nil
        let wellbeingWords = labels.wellbeing
        let minGroup = council.settings.minGroupSize
        let own = report.ownWellbeing
        let all = WellbeingGroup(
            total: council.wellbeing.municipality, key: "", label: Bilingual(lv: "", en: ""),
            asked: council.wellbeing.municipality, minGroupSize: minGroup)
        var figures: [[Cell]] = [
            [.text(labels.respondents), .integer(report.respondents), .integer(council.needs.respondents)],
            [.text(labels.teachersInRegister), .integer(report.institution.teachers), .integer(council.needs.teachers)],
            [.text(labels.responseRate), .percent(rate), .percent(council.needs.responseRate)],
        ]
        if council.wellbeing.available {
            figures += WellbeingSheet.headline.map { measure in
                [
                    .text(WellbeingSheet.header(measure, wellbeingWords)),
                    WellbeingSheet.cell(own, measure, minGroup: minGroup), WellbeingSheet.cell(all, measure, minGroup: minGroup),
                ]
            }
        }
        let body = try table.write(
            at: 3, headers: [labels.headline, words.inInstitution, words.inMunicipality], rows: figures, filter: false)
        let status = report.areaStatus
        let top = report.priorities.prefix(CouncilReport.topPriorities).map { priority -> [Cell] in
            let shown = status[priority.input.areaID] == .shown
            let hidden = Cell.withheld(status[priority.input.areaID] ?? .notAsked, minGroup: minGroup)
            return [
                .integer(priority.rank), .text(council.areaName(priority.input.areaID, labels.language)),
                shown ? .decimal(priority.score, format: "0.0") : hidden, shown ? .percent(priority.highNeedShare) : hidden,
            ]
        }
        try sheet.write(body.upperBound + 2, 0, labels.topPriorities, Styles.label)
        let topBody = try table.write(
            at: body.upperBound + 3, headers: [labels.rank, labels.needArea, labels.score, labels.highNeed], rows: top,
            freeze: false, filter: false)
        if let previous = report.previous {
            let readability = ReadabilityLabels.of(labels.language)
            let row = topBody.upperBound + 2
            try sheet.write(row, 0, "\(readability.comparedTitle): \(WaveName.text(previous.wave, labels.language))", Styles.label)
            try table.write(
                at: row + 1, headers: [readability.measure, readability.then, readability.now, readability.change, readability.beyond],
                rows: comparison(report, previous: previous, labels: labels), freeze: false, filter: false)
            // Page two, as on the council's Kopsavilkums: at the foot of page one its last rows
            // could spill onto a page without its header (issue 15).
            try sheet.pageBreaks(above: [row])
        }
        table.setWidth(0...0, 40)
        try table.applyWidths()
        try sheet.printSetup(headerRows: nil, title: title)
    }

    /// The institution's own change since the previous wave: respondents and its top areas, each
    /// only where both waves published it (SPEC 8), and whether it is beyond the intervals.
    static func comparison(_ report: InstitutionReport, previous: InstitutionPreviousWave, labels: Labels) -> [[Cell]] {
        let minGroup = report.council.settings.minGroupSize
        var rows: [[Cell]] = [
            [
                .text(labels.respondents), previous.respondents.map { .integer($0) } ?? .withheld(.small, minGroup: minGroup),
                .integer(report.respondents),
                previous.respondents.map { .decimal(Double(report.respondents - $0), format: ReadabilityLabels.signedInteger) }
                    ?? .blank,
                .blank,
            ]
        ]
        let status = report.areaStatus
        for priority in report.priorities.prefix(CouncilReport.topPriorities) {
            let area = priority.input.areaID
            let now = priority.input.counts.highNeed
            let then = previous.highNeed[area]
            let nowShown = status[area] == .shown
            let change = report.signedChange(area, now: now.share)
            var beyond: Cell = .blank
            if nowShown, let a = now.wilson, let b = then?.wilson {
                beyond = .text(a.low > b.high || b.low > a.high ? labels.yes : labels.no)
            }
            rows.append([
                .wrapped("\(labels.highNeed): \(report.council.areaName(area, labels.language))"),
                then.map { .percent($0.share) } ?? .withheld(.small, minGroup: minGroup),
                nowShown ? .percent(now.share) : .withheld(status[area] ?? .notAsked, minGroup: minGroup),
                change.map { .decimal($0, format: ReadabilityLabels.signedPercent) } ?? .blank,
                beyond,
            ])
        }
        return rows
    }

    static func writePriorities(_ report: InstitutionReport, on sheet: Worksheet, labels: Labels, title: String) throws {
        let words = labels.own
        let council = report.council
        let readability = ReadabilityLabels.of(labels.language)
        // The change's legend only where there is a previous wave to compare with.
        let changeNote = report.previous.map { "\(readability.changeNote) (\(WaveName.text($0.wave, labels.language))) · " } ?? ""
        var table = Table(sheet: sheet, labels: labels)
        try table.heading(
            labels.prioritiesTitle,
            "\(report.institution.name) · \(labels.wave): \(WaveName.text(council.wave, labels.language)) · \(changeNote)\(labels.marksLegend(minGroup: council.settings.minGroupSize))"
        )
        let municipality = Dictionary(uniqueKeysWithValues: council.needs.priorities.map { ($0.input.areaID, $0) })
        let headers = [
            labels.rank, labels.id, labels.needArea, labels.score, labels.highNeed, labels.wilsonLow, labels.wilsonHigh,
            labels.intensity, labels.gap, labels.trend, readability.change, labels.n, words.municipalityScore,
            words.municipalityHighNeed,
            words.municipalityRank,
        ]
        let status = report.areaStatus
        let minGroup = council.settings.minGroupSize
        let rows = report.priorities.map { priority -> [Cell] in
            let input = priority.input
            let all = municipality[input.areaID]
            // SPEC 8: the same cells as in the council workbook; score, interval, intensity, change
            // and n would each give a hidden share back, so they go with it.
            let shown = status[input.areaID] == .shown
            let hidden = Cell.withheld(status[input.areaID] ?? .notAsked, minGroup: minGroup)
            func own(_ cell: Cell) -> Cell { shown ? cell : hidden }
            return [
                .integer(priority.rank), .text(input.areaID), .text(council.areaName(input.areaID, labels.language)),
                own(.decimal(priority.score, format: "0.0")), own(.percent(priority.highNeedShare)),
                own(.percent(priority.wilson?.low)), own(.percent(priority.wilson?.high)), own(.percent(priority.intensity)),
                .percent(input.gap), own(.percent(input.trend)),
                // Signed, beside the trend component that keeps only the rise (issue 15).
                own(
                    .decimal(
                        report.signedChange(input.areaID, now: priority.highNeedShare), format: ReadabilityLabels.signedPercent)),
                own(.integer(input.counts.answered)),
                .decimal(all?.score, format: "0.0"), .percent(all?.highNeedShare), all.map { .integer($0.rank) } ?? .blank,
            ]
        }
        let body = try table.write(at: 3, headers: headers, rows: rows)
        try sheet.dataBar(body, 3...3, color: 0x5B9BD5)
        table.setWidth(2...2, 44)
        table.hide(1)  // the area id, as in the council workbook
        try table.applyWidths()
        try sheet.printSetup(headerRows: 3...3, title: title)
    }

    static func writeWellbeing(_ report: InstitutionReport, on sheet: Worksheet, labels: Labels, title: String) throws {
        let words = labels.wellbeing
        let council = report.council
        var table = Table(sheet: sheet, labels: labels)
        try table.heading(
            words.title,
            "\(report.institution.name) · \(labels.wave): \(WaveName.text(council.wave, labels.language)) · \(labels.marksLegend(minGroup: council.settings.minGroupSize))"
        )
        guard report.wellbeing.available else {
            try sheet.write(3, 0, words.unavailable)
            return
        }
        let minGroup = council.settings.minGroupSize
        let own = report.ownWellbeing
        let municipality = WellbeingGroup(
            total: council.wellbeing.municipality, key: "",
            label: Bilingual(lv: words.dimensions[.municipality]!, en: words.dimensions[.municipality]!),
            asked: council.wellbeing.municipality, minGroupSize: minGroup)
        // No roles, experience bands or learning areas inside one institution (issue 13): with the
        // council's breakdowns as margins they form a two-way table whose small cells the other
        // workbooks give back, which a one-way rule cannot protect.
        let sections = [(words.dimensions[.institution]!, [own]), (words.dimensions[.municipality]!, [municipality])]
        let body = try WellbeingSheet.table(
            sections, on: sheet, into: &table, sources: report.wellbeing.stressSources, labels: labels, minGroup: minGroup)
        try table.applyWidths()
        _ = try WellbeingSheet.legend(on: sheet, below: body, words: words)
        try sheet.printSetup(headerRows: 3...3, title: title)
    }

    static func writeForms(_ report: InstitutionReport, on sheet: Worksheet, labels: Labels, title: String) throws {
        let words = labels.plan
        let council = report.council
        var table = Table(sheet: sheet, labels: labels)
        try table.heading(
            words.formsTitle,
            "\(report.institution.name) · \(labels.wave): \(WaveName.text(council.wave, labels.language)) · \(labels.marksLegend(minGroup: council.settings.minGroupSize))"
        )
        let minGroup = council.settings.minGroupSize
        let columns = [labels.own.inInstitution, labels.own.inMunicipality]
        var next = SupportFormsSheet.headerRow
        if let own = report.supportForms, let all = council.supportForms {
            let body = try table.write(
                at: next, headers: [words.form] + columns, rows: sideBySide(own, all, minGroup: minGroup, language: labels.language))
            next = body.upperBound + 3
        }
        // The council's barriers table for this institution, on a printed page of its own (issue 15).
        var blocks: [Int] = []
        if let own = report.barriers, let all = council.barriers {
            if next > SupportFormsSheet.headerRow { blocks.append(next - 1) }
            try sheet.write(next - 1, 0, words.barriersTitle, Styles.label)
            try table.write(
                at: next, headers: [words.barrier] + columns,
                rows: sideBySide(own, all, minGroup: minGroup, language: labels.language), freeze: false, filter: false)
        }
        try table.applyWidths()
        try sheet.pageBreaks(above: blocks)
        try sheet.printSetup(headerRows: blocks.isEmpty ? SupportFormsSheet.headerRow...SupportFormsSheet.headerRow : nil, title: title)
    }

    /// Options in the institution's order of choice, its share beside the municipality's. SPEC 8 per
    /// group: a group under the threshold shows `<N`, and 0 % or 100 % of a group under 2 × N is withheld.
    static func sideBySide(_ own: OptionCounts, _ all: OptionCounts, minGroup: Int, language: Language) -> [[Cell]] {
        let asked = all.answered > 0
        let ownStatus = SupportFormsSheet.groupStatus(own, asked: asked, minGroup: minGroup)
        let allStatus = SupportFormsSheet.groupStatus(all, asked: asked, minGroup: minGroup)
        // A hidden group's own order would tell what its shares hide: the municipality's order then.
        return (ownStatus == .shown ? own.ranked : all.ranked).map { option in
            [
                .text(own.options[option].label.text(language)),
                SupportFormsSheet.share(own, option, status: ownStatus, minGroup: minGroup),
                SupportFormsSheet.share(all, option, status: allStatus, minGroup: minGroup),
            ]
        }
    }

    static func writeComments(_ comments: [String], on sheet: Worksheet, labels: Labels, title: String) throws {
        let words = labels.own
        var table = Table(sheet: sheet, labels: labels)
        try table.heading(words.commentsTitle, words.commentsNote)
        try table.write(at: 3, headers: [words.comment], rows: comments.map { [.text($0)] })
        table.setWidth(0...0, 110, Styles.wrapColumn)
        try table.applyWidths()
        try sheet.printSetup(headerRows: 3...3, title: title)
    }
}
