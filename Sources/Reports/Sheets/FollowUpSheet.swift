import AtbalstsCore
import Foundation
import Scoring
import XLSX

/// Īstenošana (SPEC 12.1): each priority of the earlier plan with its actions and status, and its
/// high-need share when planned and now, for the municipality and each institution where both
/// are published; WHO-5 and CBI for stress and burnout prevention; a summary line per priority.
enum FollowUpSheet {
    static let top = 3

    static func write(
        _ followUp: PlanFollowUp, report: CouncilReport, only institution: String? = nil, on sheet: Worksheet,
        labels: Labels, title: String
    ) throws {
        let words = FollowUpLabels.of(labels.language)
        let planned = WaveName.text(followUp.plannedIn, labels.language)
        var table = Table(sheet: sheet, labels: labels)
        try table.heading(
            words.title,
            "\(labels.wave): \(WaveName.text(report.wave, labels.language)) · " + words.note.replacingOccurrences(of: "%@", with: planned))
        // 16 columns, not 20: WHO-5 and CBI, which only the stress row has, go to a small table of their
        // own above the actions (above, so the actions' header repeated on printed pages never stands
        // over it), and the printed page is one readable A4 width (issue 15).
        let headers = [
            labels.needArea, words.group, words.action, words.targets, words.status, words.responsible, words.term,
            words.notes, words.highNeedBefore, words.low, words.high, words.highNeedNow, words.low, words.high,
            words.beyond, words.summary,
        ]
        let minGroup = report.settings.minGroupSize
        func indicators(_ change: PlanFollowUp.Change) -> [Cell] { Self.indicators(change, words: words, minGroup: minGroup) }
        func mean(_ value: Double?) -> Cell { value.map { .decimal($0, format: "0.0") } ?? .blank }
        var rows: [[Cell]] = []
        var wellbeing: [[Cell]] = []
        for item in followUp.items {
            let area = report.areaName(item.area, labels.language)
            let summary = Cell.wrapped(words.summary(item))
            if item.who5 != nil || item.cbi != nil {
                wellbeing.append([
                    .wrapped(area), mean(item.who5?.before), mean(item.who5?.now), mean(item.cbi?.before), mean(item.cbi?.now),
                ])
            }
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
                        .wrapped(area), .wrapped(group), .wrapped(action.action), .wrapped(action.targets),
                        .wrapped(words.statuses[action.status]!), .wrapped(action.responsible), .wrapped(action.term),
                        .wrapped(action.notes),
                    ] + indicators(change) + [summary])
            }
            guard institution == nil else { continue }
            for (code, change) in item.institutions {
                rows.append(
                    [.wrapped(area), .wrapped(report.institutionName(code)), .blank, .blank, .blank, .blank, .blank, .blank]
                        + indicators(change) + [summary])
            }
        }
        var headerRow = top
        if !wellbeing.isEmpty {
            try sheet.write(top, 0, words.wellbeingTitle, Styles.label)
            let body = try table.write(
                at: top + 1, headers: [labels.needArea, words.who5Before, words.who5Now, words.cbiBefore, words.cbiNow],
                rows: wellbeing, freeze: false, filter: false)
            headerRow = body.upperBound + 2
        }
        try table.write(at: headerRow, headers: headers, rows: rows)
        // Widths through the table, before it sets the row heights from them; every text column wraps.
        // About 185 character widths: a landscape A4 page one page wide prints at about 70 %. The
        // columns every row fills (need area, group, summary) wide enough for two lines ("Digitālās
        // prasmes un / izglītības tehnoloģijas", "procesā, vajadzība / būtiski nav mainījusies"):
        // narrower, they took three or four, and so did each of the hundred rows (issue 15). The
        // action's columns, filled on its own rows only, give the room.
        for (columns, width) in [
            (0...0, 20.0), (1...1, 16), (2...2, 17), (3...3, 12), (4...4, 10), (5...5, 11), (6...6, 10), (7...7, 10),
            (15...15, 22),
        ] {
            table.setWidth(columns, width, Styles.wrapColumn)
        }
        table.setWidth(8...8, 9)
        table.setWidth(9...10, 7.5)
        table.setWidth(11...11, 9)
        table.setWidth(12...13, 7.5)
        table.setWidth(14...14, 9)
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
        let carried = words.carriedFrom.replacingOccurrences(of: "%@", with: WaveName.text(followUp.plannedIn, labels.language))
        return followUp.items.flatMap { item in
            item.actions.filter(\.status.unfinished).map { action -> [Cell] in
                [
                    .blank, .wrapped(report.areaName(item.area, labels.language)), .blank, .wrapped(action.targets), .blank,
                    .blank, .wrapped(action.action), .wrapped(action.term.isEmpty ? carried : "\(action.term) (\(carried))"),
                    .wrapped(action.responsible), .text(words.statuses[action.status]!),
                ]
            }
        }
    }
}
