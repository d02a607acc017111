import AtbalstsCore
import Scoring
import XLSX

/// MA plāni (SPEC 12.1): per learning area with enough respondents, a draft work plan of its
/// methodological association in the shape municipal plans use — line of work, theme, time and
/// place left to fill — then the earlier plans' unfinished actions, carried forward. No numbers:
/// the order of the needs is all a row tells.
enum AssociationPlanSheet {
    static let headerRow = 3
    /// Rows below the draft where an added row still gets the status drop-down.
    static let rowsToAdd = 50

    static func write(_ report: CouncilReport, on sheet: Worksheet, labels: Labels, title: String) throws {
        let words = AssociationPlanLabels.of(labels.language)
        let language = labels.language
        let minGroup = report.settings.minGroupSize
        try sheet.heading(words.title, "\(labels.wave): \(WaveName.text(report.wave, language)) · \(words.note)")
        let headers = [
            words.learningArea, words.direction, words.theme, words.needArea, words.forms, words.timePlace, words.responsible,
            words.status, words.notes,
        ]
        let statuses = labels.plan.statuses
        var rows: [[Cell]] = []
        for plan in report.associationPlans {
            let learningArea = report.optionName(ItemID.learningAreas, plan.learningArea, language)
            for action in plan.actions {
                let forms = action.forms.map { report.optionName(ItemID.supportForms, $0, language) }
                let need = report.areaName(action.needArea, language)
                rows.append([
                    .wrapped(learningArea), .wrapped(action.direction.label.text(language)),
                    .wrapped(forms.isEmpty ? need : "\(forms.joined(separator: " / ")): \(need)"), .wrapped(need),
                    .wrapped(forms.joined(separator: "; ")), .text(""), .text(""), .text(statuses[0]), .text(""),
                ])
            }
        }
        rows += carriedForward(report, labels: labels)
        var table = Table(sheet: sheet, labels: labels)
        let withheld = report.associationPlans.isEmpty ? words.noPlans : words.withheld
        try table.note(withheld.replacingOccurrences(of: "%@", with: "\(minGroup)"), row: 2, columns: 0...(headers.count - 1))
        let body = try table.write(at: headerRow, headers: headers, rows: rows)
        try sheet.dropDown(body.lowerBound...(body.upperBound + rowsToAdd), 7...7, values: statuses)
        table.setWidth(0...1, 24, Styles.wrapColumn)
        table.setWidth(2...2, 44, Styles.wrapColumn)
        table.setWidth(3...4, 30, Styles.wrapColumn)
        table.setWidth(5...6, 20, Styles.wrapColumn)
        table.setWidth(7...7, 12)
        table.setWidth(8...8, 24, Styles.wrapColumn)
        try table.applyWidths()
        try sheet.printSetup(headerRows: headerRow...headerRow, title: title)
    }

    /// The earlier association plans' unfinished actions (planned, in progress), marked as
    /// carried forward, in this sheet's columns.
    static func carriedForward(_ report: CouncilReport, labels: Labels) -> [[Cell]] {
        guard let followUp = report.followUp, let associations = followUp.associations else { return [] }
        let words = FollowUpLabels.of(labels.language)
        let carried = words.carriedFrom.replacingOccurrences(of: "%@", with: followUp.plannedIn)
        return associations.items.map(\.action).filter(\.status.unfinished).map { action in
            [
                .wrapped(report.optionName(ItemID.learningAreas, action.learningArea ?? "", labels.language)),
                .wrapped(directionName(action.direction, labels.language)), .wrapped(action.action),
                .wrapped(report.areaName(action.area, labels.language)), .wrapped(action.targets),
                .text(action.term.isEmpty ? carried : "\(action.term) (\(carried))"), .text(action.responsible),
                .text(words.statuses[action.status]!), .wrapped(action.notes),
            ]
        }
    }

    /// Metodoloģija's line: who gets a plan, how needs are ranked, how forms become lines of work.
    static func definitions(_ report: CouncilReport, _ labels: Labels) -> [(String, String)] {
        let words = AssociationPlanLabels.of(labels.language)
        return [(words.methodologyTerm, words.methodology.replacingOccurrences(of: "%@", with: "\(report.settings.minGroupSize)"))]
    }

    /// A stored direction: the label of a known one, else the specialist's own words.
    static func directionName(_ stored: String?, _ language: Language) -> String {
        guard let stored else { return "" }
        return WorkDirection(rawValue: stored)?.label.text(language) ?? stored
    }
}
