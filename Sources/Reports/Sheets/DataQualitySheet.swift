import AtbalstsCore
import XLSX

/// Datu kvalitāte: per source how it was read and what happened to every row (SPEC 9).
enum DataQualitySheet {
    static func write(_ report: CouncilReport, on sheet: Worksheet, labels: Labels, title: String) throws {
        try sheet.heading(labels.dataQualityTitle, "\(labels.wave): \(report.wave)")
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
                .text(entry.row.value ?? ""), .text(QuarantineReasons.text(entry.row.reason, labels.language)),
            ]
        }
        if quarantined.isEmpty {
            try sheet.write(quarantineTop, 0, labels.noQuarantine)
        } else {
            try table.write(
                at: quarantineTop, headers: [labels.file, labels.line, labels.column, labels.value, labels.reason],
                rows: quarantined, freeze: false)
        }
        try table.applyWidths()
        try sheet.printSetup(headerRows: 3...3, title: title)
    }
}
