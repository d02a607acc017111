import AtbalstsCore
import Scoring
import XLSX

/// MA īstenošana (SPEC 12.1): each action of the earlier MA plāni with its status, and its
/// learning area's high-need share in the action's need area when planned and now. A sheet of its
/// own, beside Īstenošana as MA plāni stands beside Pilnveides plāns: a sheet repeats one header
/// row on its printed pages, and as a block under Īstenošana's table these rows printed under the
/// municipal table's header, which named two of their columns wrongly (issue 15).
enum AssociationFollowUpSheet {
    static let headerRow = 3

    static func write(
        _ followUp: PlanFollowUp, _ associations: AssociationFollowUp, report: CouncilReport, on sheet: Worksheet,
        labels: Labels, title: String
    ) throws {
        let words = AssociationPlanLabels.of(labels.language)
        let followUpWords = FollowUpLabels.of(labels.language)
        let minGroup = report.settings.minGroupSize
        var table = Table(sheet: sheet, labels: labels)
        let planned = WaveName.text(followUp.plannedIn, labels.language)
        try table.heading(
            words.followUpTitle,
            "\(labels.wave): \(WaveName.text(report.wave, labels.language)) · "
                + words.followUpPlanned.replacingOccurrences(of: "%@", with: planned) + " · "
                + words.followUpNote.replacingOccurrences(of: "%@", with: "\(minGroup)"))
        let headers = [
            words.needArea, words.learningArea, words.theme, words.direction, words.status, words.responsible, words.timePlace,
            words.notes, words.highNeedBefore, followUpWords.low, followUpWords.high, words.highNeedNow, followUpWords.low,
            followUpWords.high, followUpWords.beyond,
        ]
        let rows = associations.items.map { item -> [Cell] in
            let action = item.action
            return [
                .wrapped(report.areaName(action.area, labels.language)),
                .wrapped(report.optionName(ItemID.learningAreas, action.learningArea ?? "", labels.language)),
                .wrapped(action.action), .wrapped(AssociationPlanSheet.directionName(action.direction, labels.language)),
                .wrapped(followUpWords.statuses[action.status]!), .wrapped(action.responsible), .wrapped(action.term),
                .wrapped(action.notes),
            ] + FollowUpSheet.indicators(item.change, words: followUpWords, minGroup: minGroup)
        }
        try table.write(at: headerRow, headers: headers, rows: rows)
        // Every text column wraps; about 175 character widths print one landscape A4 page wide at a
        // readable scale, as Pilnveides plāns and MA plāni do. The need area and the time and place
        // wide enough for two and three lines: narrower, every row took four.
        for (columns, width) in [
            (0...0, 19.0), (1...1, 16), (2...2, 24), (3...3, 14), (4...4, 11), (5...5, 12), (6...6, 18), (7...7, 11),
        ] {
            table.setWidth(columns, width, Styles.wrapColumn)
        }
        table.setWidth(8...8, 10)
        table.setWidth(9...10, 7.5)
        table.setWidth(11...11, 10)
        table.setWidth(12...13, 7.5)
        table.setWidth(14...14, 10)
        try table.applyWidths()
        try sheet.printSetup(headerRows: headerRow...headerRow, title: title)
    }
}
