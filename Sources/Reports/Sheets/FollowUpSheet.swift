import AtbalstsCore
import Foundation
import Scoring
import XLSX

/// Īstenošana (SPEC 12.1): each priority of the earlier plan with its actions and status, and its
/// high-need share when planned and now, for the municipality and each institution where both
/// are published; WHO-5 and CBI for stress and burnout prevention; a summary line per priority.
enum FollowUpSheet {
    static let headerRow = 3

    static func write(
        _ followUp: PlanFollowUp, report: CouncilReport, only institution: String? = nil, on sheet: Worksheet,
        labels: Labels, title: String
    ) throws {
        let words = FollowUpLabels.of(labels.language)
        try sheet.heading(
            words.title, "\(labels.wave): \(report.wave) · " + words.note.replacingOccurrences(of: "%@", with: followUp.plannedIn))
        let headers = [
            labels.needArea, words.group, words.action, words.targets, words.status, words.responsible, words.term,
            words.notes, words.highNeedBefore, words.low, words.high, words.highNeedNow, words.low, words.high,
            words.beyond, words.who5Before, words.who5Now, words.cbiBefore, words.cbiNow, words.summary,
        ]
        let minGroup = report.settings.minGroupSize
        func indicators(_ change: PlanFollowUp.Change) -> [Cell] { Self.indicators(change, words: words, minGroup: minGroup) }
        func mean(_ value: Double?) -> Cell { value.map { .decimal($0, format: "0.0") } ?? .blank }
        var rows: [[Cell]] = []
        for item in followUp.items {
            let area = report.areaName(item.area, labels.language)
            let summary = Cell.wrapped(words.summary(item))
            let wellbeing = [mean(item.who5?.before), mean(item.who5?.now), mean(item.cbi?.before), mean(item.cbi?.now)]
            let ownActions = item.actions.filter { action in
                institution.map { code in
                    let everyone = [PlanLabels.latvian.allInstitutions, PlanLabels.english.allInstitutions]
                    return action.targets.isEmpty || everyone.contains(action.targets)
                        || action.targets.contains(report.institutionName(code)) || action.targets.contains(code)
                } ?? true
            }
            for action in ownActions {
                let group: String
                let change: PlanFollowUp.Change
                if let institution, let own = item.institutions.first(where: { $0.code == institution }) {
                    group = report.institutionName(institution)
                    change = own.change
                } else {
                    group = words.municipality
                    change = item.municipality
                }
                rows.append(
                    [
                        .wrapped(area), .text(group), .wrapped(action.action), .wrapped(action.targets),
                        .text(words.statuses[action.status]!), .text(action.responsible), .text(action.term),
                        .wrapped(action.notes),
                    ]
                        + indicators(change) + (group == words.municipality ? wellbeing : [.blank, .blank, .blank, .blank])
                        + [summary])
            }
            guard institution == nil else { continue }
            for (code, change) in item.institutions {
                rows.append(
                    [.wrapped(area), .text(report.institutionName(code)), .blank, .blank, .blank, .blank, .blank, .blank]
                        + indicators(change) + [.blank, .blank, .blank, .blank, summary])
            }
        }
        var table = Table(sheet: sheet, labels: labels)
        let body = try table.write(at: headerRow, headers: headers, rows: rows)
        if institution == nil, let associations = followUp.associations, !associations.items.isEmpty {
            try AssociationFollowUpBlock.write(associations, report: report, at: body.upperBound + 2, table: &table, labels: labels)
        }
        // Widths through the table, before it sets the row heights from them (issue 15).
        table.setWidth(0...0, 30, Styles.wrapColumn)
        table.setWidth(2...3, 30, Styles.wrapColumn)
        table.setWidth(7...7, 24, Styles.wrapColumn)
        table.setWidth(19...19, 34, Styles.wrapColumn)
        try table.applyWidths()
        try sheet.printSetup(headerRows: headerRow...headerRow, title: title)
    }

    /// High-need share when planned and now, each with its Wilson interval, and whether the
    /// change is beyond the intervals; a share SPEC 8 withholds shows its mark and no interval.
    static func indicators(_ change: PlanFollowUp.Change, words: FollowUpLabels, minGroup: Int) -> [Cell] {
        func share(_ value: Proportion?, _ status: CellStatus) -> [Cell] {
            guard status == .shown, let value else { return [.withheld(status, minGroup: minGroup), .blank, .blank] }
            let published: Cell = .share(value.share, base: value.trials, minGroup: minGroup)
            if case .share(let shown, let base, _) = published, let shown, isExtremeShare(shown, of: base, minGroup: minGroup) {
                return [published, .blank, .blank]
            }
            return [published, .percent(value.wilson?.low), .percent(value.wilson?.high)]
        }
        let beyond: Cell = change.beyondIntervals.map { .text($0 ? words.yes : words.no) } ?? .blank
        return share(change.before, change.beforeStatus) + share(change.now, change.nowStatus) + [beyond]
    }

    /// The earlier plan's unfinished actions (planned, in progress), as rows of the new draft
    /// plan, marked as carried forward; the columns are the Pilnveides plāns sheet's.
    static func carriedForward(_ report: CouncilReport, labels: Labels) -> [[Cell]] {
        guard let followUp = report.followUp else { return [] }
        let words = FollowUpLabels.of(labels.language)
        let carried = words.carriedFrom.replacingOccurrences(of: "%@", with: followUp.plannedIn)
        return followUp.items.flatMap { item in
            item.actions.filter(\.status.unfinished).map { action -> [Cell] in
                [
                    .blank, .wrapped(report.areaName(item.area, labels.language)), .blank, .wrapped(action.targets), .blank,
                    .blank, .wrapped(action.action), .text(action.term.isEmpty ? carried : "\(action.term) (\(carried))"),
                    .text(action.responsible), .text(words.statuses[action.status]!),
                ]
            }
        }
    }
}
