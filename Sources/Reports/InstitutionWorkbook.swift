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
        let title = "\(report.institution.name) — \(words.title) — \(council.wave)"
        let workbook = try Workbook(path: path, temporaryDirectory: temporaryDirectory)
        try workbook.setProperties(title: title, subject: council.wave, author: "atbalsts", keywords: council.wave)
        let summary = try workbook.addWorksheet(labels.summarySheet)
        let priorities = try workbook.addWorksheet(labels.prioritiesSheet)
        let wellbeing = try workbook.addWorksheet(labels.wellbeing.sheet)
        let forms = try workbook.addWorksheet(labels.plan.formsSheet)
        let comments = try report.comments.map { _ in try workbook.addWorksheet(words.commentsSheet) }
        let methodology = try workbook.addWorksheet(labels.methodologySheet)

        try writeSummary(report, on: summary, labels: labels, title: title)
        try writePriorities(report, on: priorities, labels: labels, title: title)
        try writeWellbeing(report, on: wellbeing, labels: labels, title: title)
        try writeForms(report, on: forms, labels: labels, title: title)
        if let comments, let texts = report.comments {
            try writeComments(texts, on: comments, labels: labels, title: title)
        }
        try MethodologySheet.write(council, on: methodology, labels: labels, title: title)
        summary.activate()
        try workbook.close()
    }

    static func writeSummary(_ report: InstitutionReport, on sheet: Worksheet, labels: Labels, title: String) throws {
        let words = labels.own
        let council = report.council
        try sheet.heading(report.institution.name, "\(words.title) · \(labels.wave): \(council.wave)")
        var table = Table(sheet: sheet, labels: labels)
        let rate = report.institution.teachers > 0 ? Double(report.respondents) / Double(report.institution.teachers) : nil
        let wellbeingWords = labels.wellbeing
        let minGroup = council.settings.minGroupSize
        func mean(_ mean: Mean) -> Cell { mean.count < minGroup ? .suppressed : .decimal(mean.value, format: "0.0") }
        func share(_ share: Share) -> Cell {
            share.answered < minGroup ? .suppressed : .share(share.proportion.share, base: share.answered)
        }
        let own = report.wellbeing.municipality, all = council.wellbeing.municipality
        let figures: [[Cell]] = [
            [.text(labels.respondents), .integer(report.respondents), .integer(council.needs.respondents)],
            [.text(labels.teachersInRegister), .integer(report.institution.teachers), .integer(council.needs.teachers)],
            [.text(labels.responseRate), .percent(rate), .percent(council.needs.responseRate)],
            [.text(wellbeingWords.who5Mean), mean(own.who5), mean(all.who5)],
            [.text(wellbeingWords.poor), share(own.poorWellbeing), share(all.poorWellbeing)],
            [.text(wellbeingWords.cbiMean), mean(own.cbi), mean(all.cbi)],
            [.text(wellbeingWords.highBurnout), share(own.highBurnout), share(all.highBurnout)],
            [.text(wellbeingWords.stressed), share(own.stressed), share(all.stressed)],
        ]
        let body = try table.write(
            at: 3, headers: [labels.headline, words.inInstitution, words.inMunicipality], rows: figures, filter: false)
        let top = report.priorities.prefix(CouncilReport.topPriorities).map { priority -> [Cell] in
            [.integer(priority.rank), .text(council.areaName(priority.input.areaID, labels.language)),
             .decimal(priority.score, format: "0.0"), .percent(priority.highNeedShare)]
        }
        try sheet.write(body.upperBound + 2, 0, labels.topPriorities, Styles.label)
        try table.write(
            at: body.upperBound + 3, headers: [labels.rank, labels.needArea, labels.score, labels.highNeed], rows: top,
            freeze: false, filter: false)
        try table.applyWidths()
        try sheet.setColumn(0, 0, width: 40)
        try sheet.printSetup(headerRows: nil, title: title)
    }

    static func writePriorities(_ report: InstitutionReport, on sheet: Worksheet, labels: Labels, title: String) throws {
        let words = labels.own
        let council = report.council
        try sheet.heading(labels.prioritiesTitle, "\(report.institution.name) · \(labels.wave): \(council.wave)")
        let municipality = Dictionary(uniqueKeysWithValues: council.needs.priorities.map { ($0.input.areaID, $0) })
        let headers = [
            labels.rank, labels.id, labels.needArea, labels.score, labels.highNeed, labels.wilsonLow, labels.wilsonHigh,
            labels.intensity, labels.gap, labels.trend, labels.n, words.municipalityScore, words.municipalityHighNeed,
            words.municipalityRank,
        ]
        let rows = report.priorities.map { priority -> [Cell] in
            let input = priority.input
            let all = municipality[input.areaID]
            return [
                .integer(priority.rank), .text(input.areaID), .text(council.areaName(input.areaID, labels.language)),
                .decimal(priority.score, format: "0.0"), .percent(priority.highNeedShare), .percent(priority.wilson?.low),
                .percent(priority.wilson?.high), .percent(priority.intensity), .percent(input.gap), .percent(input.trend),
                .integer(input.counts.answered), .decimal(all?.score, format: "0.0"), .percent(all?.highNeedShare),
                all.map { .integer($0.rank) } ?? .blank,
            ]
        }
        var table = Table(sheet: sheet, labels: labels)
        let body = try table.write(at: 3, headers: headers, rows: rows)
        try sheet.dataBar(body, 3...3, color: 0x5B9BD5)
        try table.applyWidths()
        try sheet.setColumn(2, 2, width: 44)
        try sheet.printSetup(headerRows: 3...3, title: title)
    }

    static func writeWellbeing(_ report: InstitutionReport, on sheet: Worksheet, labels: Labels, title: String) throws {
        let words = labels.wellbeing
        let council = report.council
        try sheet.heading(words.title, "\(report.institution.name) · \(labels.wave): \(council.wave) · \(words.note)")
        guard report.wellbeing.available else {
            try sheet.write(3, 0, words.unavailable)
            return
        }
        let minGroup = council.settings.minGroupSize
        let own = WellbeingGroup(
            key: report.institution.code, label: Bilingual(lv: report.institution.name, en: report.institution.name),
            summary: report.wellbeing.municipality, suppressed: report.respondents < minGroup)
        let municipality = WellbeingGroup(
            key: "", label: Bilingual(lv: words.dimensions[.municipality]!, en: words.dimensions[.municipality]!),
            summary: council.wellbeing.municipality, suppressed: council.wellbeing.municipality.respondents < minGroup)
        let inside = report.wellbeing.breakdowns.filter { $0.dimension != .institution }
        let sections = [(words.dimensions[.institution]!, [own]), (words.dimensions[.municipality]!, [municipality])]
            + inside.map { (words.dimensions[$0.dimension]!, $0.groups) }
        let body = try WellbeingSheet.table(
            sections, on: sheet, sources: report.wellbeing.stressSources, labels: labels, minGroup: minGroup)
        _ = try WellbeingSheet.legend(on: sheet, below: body, words: words)
        try sheet.printSetup(headerRows: 3...3, title: title)
    }

    static func writeForms(_ report: InstitutionReport, on sheet: Worksheet, labels: Labels, title: String) throws {
        let words = labels.plan
        let council = report.council
        try sheet.heading(words.formsTitle, "\(report.institution.name) · \(labels.wave): \(council.wave)")
        guard let own = report.supportForms, let all = council.supportForms else { return }
        let minGroup = council.settings.minGroupSize
        let rows = own.ranked.map { option -> [Cell] in
            [
                .text(own.options[option].label.text(labels.language)),
                own.answered < minGroup ? .suppressed : .share(own.share(option), base: own.answered),
                all.answered < minGroup ? .suppressed : .share(all.share(option), base: all.answered),
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
        try sheet.setColumn(0, 0, width: 110, Styles.wrapColumn)
        try sheet.printSetup(headerRows: 3...3, title: title)
    }
}
