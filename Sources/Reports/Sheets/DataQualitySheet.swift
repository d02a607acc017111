import AtbalstsCore
import XLSX

/// Datu kvalitāte: per source how it was read and what happened to every row (SPEC 9).
enum DataQualitySheet {
    static func write(_ report: CouncilReport, on sheet: Worksheet, labels: Labels, title: String) throws {
        try sheet.heading(labels.dataQualityTitle, "\(labels.wave): \(WaveName.text(report.wave, labels.language))")
        let headers = [
            labels.file, labels.format, labels.encoding, labels.delimiter, labels.rowsRead,
            labels.rowsAccepted, labels.rowsQuarantined, labels.rowsSuperseded, labels.sha256,
        ]
        let rows = report.sources.map { source -> [Cell] in
            let description = source.description
            return [
                .text(description.fileName), .text(description.format), .text(description.encoding),
                .text(description.delimiter), .integer(source.rowsRead), .integer(source.rowsAccepted),
                .integer(source.rowsQuarantined), .integer(source.rowsSuperseded), .text(description.sha256),
            ]
        }
        var table = Table(sheet: sheet, labels: labels)
        let sources = try table.write(at: 3, headers: headers, rows: rows, filter: false)

        let quarantineTop = sources.upperBound + 3
        try sheet.write(quarantineTop - 1, 0, labels.quarantineTitle, Styles.label)
        let quarantined = report.quarantine.map { entry -> [Cell] in
            [
                .text(entry.fileName), .integer(entry.row.line), .text(entry.row.column ?? ""),
                .text(entry.row.value ?? ""), .text(entry.row.reason.text(labels.language)),
            ]
        }
        if quarantined.isEmpty {
            try sheet.write(quarantineTop, 0, labels.noQuarantine)
        } else {
            try table.write(
                at: quarantineTop, headers: [labels.file, labels.line, labels.column, labels.value, labels.reason],
                rows: quarantined, freeze: false)
        }
        let unreadableTop = (quarantined.isEmpty ? quarantineTop : quarantineTop + quarantined.count) + 3
        let own = UnreadableLabels.of(labels.language)
        try sheet.write(unreadableTop - 1, 0, own.title, Styles.label)
        let unreadable = Self.unreadableByItem(report.unreadable, instrument: report.instrument, language: labels.language)
        if unreadable.isEmpty {
            try sheet.write(unreadableTop, 0, own.none)
        } else {
            try table.write(
                at: unreadableTop, headers: [labels.file, own.item, labels.value, own.count], rows: unreadable, freeze: false)
        }
        table.setWidth(8...8, 68)  // a SHA-256 is one 64-character word: it must not break
        try table.applyWidths()
        try sheet.printSetup(headerRows: 3...3, title: title)
    }

    /// SPEC 9: unreadable answers listed per item with their distinct values and counts.
    static func unreadableByItem(_ entries: [UnreadableEntry], instrument: Instrument, language: Language) -> [[Cell]] {
        var counts: [String: Int] = [:]
        var order: [(file: String, item: String, value: String)] = []
        for entry in entries {
            let key = "\(entry.fileName)\u{0}\(entry.answer.itemID)\u{0}\(entry.answer.value)"
            if counts[key] == nil { order.append((entry.fileName, entry.answer.itemID, entry.answer.value)) }
            counts[key, default: 0] += 1
        }
        let itemOrder = Dictionary(uniqueKeysWithValues: instrument.items.enumerated().map { ($1.id, $0) })
        return order.sorted {
            ($0.file, itemOrder[$0.item] ?? .max, -counts["\($0.file)\u{0}\($0.item)\u{0}\($0.value)"]!, $0.value)
                < ($1.file, itemOrder[$1.item] ?? .max, -counts["\($1.file)\u{0}\($1.item)\u{0}\($1.value)"]!, $1.value)
        }.map { entry in
            let item = instrument.item(entry.item)
            let name =
                item.map { language == .lv ? $0.header : $0.englishName }
                ?? (entry.item == ItemID.submissionTime ? UnreadableLabels.of(language).submissionTime : entry.item)
            return [
                .text(entry.file), .text(name), .text(entry.value),
                .integer(counts["\(entry.file)\u{0}\(entry.item)\u{0}\(entry.value)"]!),
            ]
        }
    }
}

/// The words of the unreadable-answers block, in the workbook's language.
struct UnreadableLabels {
    let title: String, item: String, count: String, none: String, submissionTime: String

    static func of(_ language: Language) -> UnreadableLabels {
        language == .lv
            ? UnreadableLabels(
                title: "Nenolasāmas atbildes (neatbilst nevienam atbilžu variantam; skaitās kā neatbildētas tikai šim jautājumam)",
                item: "Jautājums", count: "Skaits", none: "Visas atbildes atbilst atbilžu variantiem.",
                submissionTime: "Iesniegšanas laiks (rinda saglabāta bez laika)")
            : UnreadableLabels(
                title: "Unreadable answers (match no answer option; missing for that question only)",
                item: "Question", count: "Count", none: "Every answer matches an answer option.",
                submissionTime: "Submission time (row kept without a time)")
    }
}
