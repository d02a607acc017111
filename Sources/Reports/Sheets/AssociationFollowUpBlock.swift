import AtbalstsCore
import Scoring
import XLSX

/// The association plans' block of Īstenošana (SPEC 12.1): each action of the earlier MA plāni
/// with its status, and its learning area's high-need share in the action's need area when
/// planned and now. The columns line up with the municipal table above it.
enum AssociationFollowUpBlock {
    static func write(
        _ associations: AssociationFollowUp, report: CouncilReport, at top: Int, table: inout Table, labels: Labels
    ) throws {
        let words = AssociationPlanLabels.of(labels.language)
        let followUpWords = FollowUpLabels.of(labels.language)
        let minGroup = report.settings.minGroupSize
        try table.sheet.write(top, 0, words.followUpTitle, Styles.label)
        try table.note(
            words.followUpNote.replacingOccurrences(of: "%@", with: "\(minGroup)"), row: top + 1, columns: 0...13)
        let headers = [
            words.needArea, words.learningArea, words.theme, words.direction, words.status, words.responsible, words.timePlace,
            words.notes, words.highNeedBefore, followUpWords.low, followUpWords.high, words.highNeedNow, followUpWords.low,
            followUpWords.high, followUpWords.beyond,
        ]
        let rows = associations.items.map { item -> [Cell] in
            let action = item.action
            return [
                .wrapped(report.areaName(action.area, labels.language)),
                .text(report.optionName(ItemID.learningAreas, action.learningArea ?? "", labels.language)),
                .wrapped(action.action), .wrapped(AssociationPlanSheet.directionName(action.direction, labels.language)),
                .text(followUpWords.statuses[action.status]!), .text(action.responsible), .text(action.term), .wrapped(action.notes),
            ] + FollowUpSheet.indicators(item.change, words: followUpWords, minGroup: minGroup)
        }
        try table.write(at: top + 2, headers: headers, rows: rows, freeze: false, filter: false)
    }
}
