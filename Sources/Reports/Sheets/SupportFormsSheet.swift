import AtbalstsCore
import Scoring
import XLSX

/// Atbalsta formas: preferred support forms overall and for each top priority, and barriers.
enum SupportFormsSheet {
    static let headerRow = 3

    static func write(_ report: CouncilReport, on sheet: Worksheet, labels: Labels, title: String) throws {
        let words = labels.plan
        let minGroup = report.settings.minGroupSize
        try sheet.heading(words.formsTitle, "\(labels.wave): \(WaveName.text(report.wave, labels.language))")
        var table = Table(sheet: sheet, labels: labels)
        var next = headerRow
        if let forms = report.supportForms {
            let body = try table.write(
                at: next, headers: [words.form, words.chosen, words.shareOfAnswered],
                rows: rows(forms, minGroup: minGroup, language: labels.language))
            next = body.upperBound + 3
        }
        // One table per printed block (issue 15): each later table starts a page under its own title.
        var blocks: [Int] = []
        // Not asked, there is nothing to break down by priority: the table above already says so.
        if !report.formsByPriority.isEmpty, let forms = report.supportForms, forms.answered > 0 {
            let options = forms.options
            if next > headerRow { blocks.append(next - 1) }
            try sheet.write(next - 1, 0, words.formsByPriority, Styles.label)
            let headers = [words.form] + report.formsByPriority.map { report.areaName($0.areaID, labels.language) }
            var rows: [[Cell]] = [
                [.text(words.amongHighNeed)]
                    + report.formsByPriority.map { entry in
                        let status = groupStatus(entry.counts, asked: true, minGroup: minGroup)
                        return status == .shown ? .integer(entry.counts.answered) : .withheld(status, minGroup: minGroup)
                    }
            ]
            rows += options.indices.map { option in
                [.text(options[option].label.text(labels.language))]
                    + report.formsByPriority.map { entry in
                        share(entry.counts, option, status: groupStatus(entry.counts, asked: true, minGroup: minGroup), minGroup: minGroup)
                    }
            }
            let body = try table.write(at: next, headers: headers, rows: rows, freeze: false, filter: false)
            try sheet.colorScale(
                (body.lowerBound + 1)...body.upperBound, 1...report.formsByPriority.count, low: 0xFFFFFF,
                mid: 0xBDD7EE, high: 0x2F75B5, midValue: 0.3, maxValue: 0.8)
            next = body.upperBound + 3
        }
        if let barriers = report.barriers {
            if next > headerRow { blocks.append(next - 1) }
            try sheet.write(next - 1, 0, words.barriersTitle, Styles.label)
            try table.write(
                at: next, headers: [words.barrier, words.chosen, words.shareOfAnswered],
                rows: rows(barriers, minGroup: minGroup, language: labels.language), freeze: false, filter: false)
        }
        table.setWidth(1...max(2, report.formsByPriority.count), 18)
        try table.applyWidths()
        try sheet.pageBreaks(above: blocks)
        // The first table's header repeated over another table would mislabel it.
        try sheet.printSetup(headerRows: blocks.isEmpty ? headerRow...headerRow : nil, title: title)
    }

    /// Most chosen first; counts of a municipality smaller than the threshold are hidden.
    static func rows(_ counts: OptionCounts, minGroup: Int, language: Language) -> [[Cell]] {
        let status = groupStatus(counts, asked: counts.answered > 0, minGroup: minGroup)
        return counts.ranked.map { option in
            // A count of 0 or all beside its share would tell what the withheld share hides.
            let extreme = counts.share(option).map { isExtremeShare($0, of: counts.answered, minGroup: minGroup) } ?? false
            return [
                .text(counts.options[option].label.text(language)),
                status != .shown
                    ? .withheld(status, minGroup: minGroup)
                    : extreme ? .withheld(.extreme, minGroup: minGroup) : .integer(counts.chosen[option]),
                share(counts, option, status: status, minGroup: minGroup),
            ]
        }
    }

    /// SPEC 8 for one group's option table: not asked (nobody in the wave answered the item), no
    /// answers in the group, fewer than the threshold, or shown.
    static func groupStatus(_ counts: OptionCounts, asked: Bool, minGroup: Int) -> CellStatus {
        guard asked else { return .notAsked }
        if counts.answered == 0 { return .noAnswers }
        return counts.answered < minGroup ? .small : .shown
    }

    /// One option's share of a group, or the group's mark; 0 % or 100 % of a group under 2 × N withheld.
    static func share(_ counts: OptionCounts, _ option: Int, status: CellStatus, minGroup: Int) -> Cell {
        status == .shown
            ? .share(counts.share(option), base: counts.answered, minGroup: minGroup) : .withheld(status, minGroup: minGroup)
    }
}
