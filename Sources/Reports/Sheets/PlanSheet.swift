import AtbalstsCore
import Scoring
import XLSX

/// Pilnveides plāns: for each top priority, who and where, how many, which forms, when; an empty
/// responsible column and a status drop-down (SPEC 10).
enum PlanSheet {
    static let headerRow = 3

    static func write(_ report: CouncilReport, on sheet: Worksheet, labels: Labels, title: String) throws {
        let words = labels.plan
        try sheet.heading(words.planTitle, "\(labels.wave): \(WaveName.text(report.wave, labels.language)) · \(words.planNote)")
        let headers = [
            labels.rank, labels.needArea, labels.score, words.targetInstitutions, words.targetLearningAreas,
            words.teachersInNeed, words.suggestedForms, words.term, words.responsible, words.status,
        ]
        let minGroup = report.settings.minGroupSize
        let rows =
            report.plan.map { row -> [Cell] in
                let institutions = row.targetInstitutions.map(report.institutionName)
                let areas = row.targetLearningAreas.map { report.optionName(ItemID.learningAreas, $0, labels.language) }
                return [
                    .integer(row.priority.rank), .wrapped(report.areaName(row.priority.input.areaID, labels.language)),
                    .decimal(row.priority.score, format: "0.0"),
                    .wrapped(institutions.isEmpty ? words.allInstitutions : institutions.joined(separator: "; ")),
                    .wrapped(areas.joined(separator: "; ")),
                    row.teachersInNeed < minGroup ? .withheld(.small, minGroup: minGroup) : .integer(row.teachersInNeed),
                    .wrapped(row.forms.map { report.optionName(ItemID.supportForms, $0, labels.language) }.joined(separator: "; ")),
                    .wrapped(WaveName.text(row.term, labels.language)), .text(""), .text(words.statuses[0]),
                ]
            } + FollowUpSheet.carriedForward(report, labels: labels)
        var table = Table(sheet: sheet, labels: labels)
        let body = try table.write(at: headerRow, headers: headers, rows: rows)
        if !rows.isEmpty {
            try sheet.dropDown(body, 9...9, values: words.statuses)
        }
        // About 175 character widths, every text column wrapping: one landscape A4 page wide at a
        // readable size (a carried-forward term ran 70 characters wide and shrank the page).
        table.setWidth(1...1, 26, Styles.wrapColumn)
        table.setWidth(2...2, 11)  // a score; its header wraps
        table.setWidth(5...5, 12)  // a count; its header wraps
        table.setWidth(3...3, 30, Styles.wrapColumn)
        table.setWidth(4...4, 26, Styles.wrapColumn)
        table.setWidth(6...6, 24, Styles.wrapColumn)
        table.setWidth(7...7, 18, Styles.wrapColumn)
        table.setWidth(8...8, 16, Styles.wrapColumn)
        table.setWidth(9...9, 12)
        try table.applyWidths()
        try sheet.printSetup(headerRows: headerRow...headerRow, title: title)
    }
}
