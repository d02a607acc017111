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
        try sheet.heading(report.institution.name, "\(words.title) · \(labels.wave): \(WaveName.text(council.wave, labels.language))")
        var table = Table(sheet: sheet, labels: labels)
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
        try table.write(
            at: body.upperBound + 3, headers: [labels.rank, labels.needArea, labels.score, labels.highNeed], rows: top,
            freeze: false, filter: false)
        table.setWidth(0...0, 40)
        try table.applyWidths()
        try sheet.printSetup(headerRows: nil, title: title)
    }

    static func writePriorities(_ report: InstitutionReport, on sheet: Worksheet, labels: Labels, title: String) throws {
        let words = labels.own
        let council = report.council
        try sheet.heading(
            labels.prioritiesTitle,
            "\(report.institution.name) · \(labels.wave): \(WaveName.text(council.wave, labels.language)) · \(labels.marksLegend(minGroup: council.settings.minGroupSize))"
        )
        let municipality = Dictionary(uniqueKeysWithValues: council.needs.priorities.map { ($0.input.areaID, $0) })
        let headers = [
            labels.rank, labels.id, labels.needArea, labels.score, labels.highNeed, labels.wilsonLow, labels.wilsonHigh,
            labels.intensity, labels.gap, labels.trend, labels.n, words.municipalityScore, words.municipalityHighNeed,
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
                .percent(input.gap), own(.percent(input.trend)), own(.integer(input.counts.answered)),
                .decimal(all?.score, format: "0.0"), .percent(all?.highNeedShare), all.map { .integer($0.rank) } ?? .blank,
            ]
        }
        var table = Table(sheet: sheet, labels: labels)
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
        try sheet.heading(
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
            sections, on: sheet, sources: report.wellbeing.stressSources, labels: labels, minGroup: minGroup)
        _ = try WellbeingSheet.legend(on: sheet, below: body, words: words)
        try sheet.printSetup(headerRows: 3...3, title: title)
    }

    static func writeForms(_ report: InstitutionReport, on sheet: Worksheet, labels: Labels, title: String) throws {
        let words = labels.plan
        let council = report.council
        try sheet.heading(
            words.formsTitle,
            "\(report.institution.name) · \(labels.wave): \(WaveName.text(council.wave, labels.language)) · \(labels.marksLegend(minGroup: council.settings.minGroupSize))"
        )
        guard let own = report.supportForms, let all = council.supportForms else { return }
        let minGroup = council.settings.minGroupSize
        let rows = own.ranked.map { option -> [Cell] in
            [
                .text(own.options[option].label.text(labels.language)),
                own.answered < minGroup
                    ? .withheld(.small, minGroup: minGroup) : .share(own.share(option), base: own.answered, minGroup: minGroup),
                all.answered < minGroup
                    ? .withheld(.small, minGroup: minGroup) : .share(all.share(option), base: all.answered, minGroup: minGroup),
            ]
        }
        var table = Table(sheet: sheet, labels: labels)
        try table.write(at: 3, headers: [words.form, labels.own.inInstitution, labels.own.inMunicipality], rows: rows)
        try table.applyWidths()
        try sheet.printSetup(headerRows: 3...3, title: title)
    }

    static func writeComments(_ comments: [String], on sheet: Worksheet, labels: Labels, title: String) throws {
        let words = labels.own
        try sheet.heading(words.commentsTitle, words.commentsNote)
        var table = Table(sheet: sheet, labels: labels)
        try table.write(at: 3, headers: [words.comment], rows: comments.map { [.text($0)] })
        table.setWidth(0...0, 110, Styles.wrapColumn)
        try table.applyWidths()
        try sheet.printSetup(headerRows: 3...3, title: title)
    }
}
