import Foundation
import Pipeline

/// The summary of `run` and `report`: JSON on stdout, or a few lines on stderr.
enum SummaryPrinter {
    static func status(_ status: RunSummary.SourceResult.Status) -> String {
        switch status {
        case .imported: return say("imported", lv: "importēts")
        case .alreadyImported: return say("already imported", lv: "jau importēts")
        case .reimported: return say("re-imported: mapping changed", lv: "importēts atkārtoti: mainījās sasaiste")
        case .checked: return say("checked (dry run)", lv: "pārbaudīts (bez saglabāšanas)")
        case .failed: return say("failed", lv: "neizdevās")
        }
    }

    static func print(_ summary: RunSummary, json: Bool, quiet: Bool) {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = (try? encoder.encode(summary)) ?? Data()
            Swift.print(String(decoding: data, as: UTF8.self))
            return
        }
        guard !quiet else { return }
        var lines = ["", say("wave \(summary.wave)", lv: "kārta \(summary.wave)")]
        for source in summary.sources {
            let counts = say(
                "read \(source.rowsRead), accepted \(source.rowsAccepted), quarantined \(source.rowsQuarantined)"
                    + (source.unreadableAnswers > 0 ? ", unreadable answers \(source.unreadableAnswers)" : ""),
                lv: "nolasītas \(source.rowsRead), pieņemtas \(source.rowsAccepted), atsijātas \(source.rowsQuarantined)"
                    + (source.unreadableAnswers > 0 ? ", nenolasāmas atbildes \(source.unreadableAnswers)" : ""))
            lines.append("  \(source.file): \(status(source.status))" + (source.status == .failed ? "" : " — \(counts)"))
        }
        if summary.respondents > 0 {
            lines.append(say("  respondents counted: \(summary.respondents)", lv: "  respondenti: \(summary.respondents)"))
        }
        if summary.wavesInDatabase > 0 {
            lines.append(say("  waves in the database: \(summary.wavesInDatabase)", lv: "  kārtas datubāzē: \(summary.wavesInDatabase)"))
        }
        if let council = summary.workbooks.first(where: { $0.hasSuffix("-padome.xlsx") }) {
            lines.append(say("  council workbook: \(council)", lv: "  novada pārskats: \(council)"))
        }
        let own = summary.workbooks.filter { !$0.hasSuffix("-padome.xlsx") }
        if let first = own.first {
            let folder = URL(fileURLWithPath: first).deletingLastPathComponent().path
            lines.append(say("  institution workbooks: \(own.count) in \(folder)", lv: "  iestāžu pārskati: \(own.count) mapē \(folder)"))
        }
        if !summary.institutionsWithoutWorkbook.isEmpty {
            let codes = summary.institutionsWithoutWorkbook.joined(separator: ", ")
            lines.append(say("  no workbook (too few respondents): \(codes)", lv: "  bez pārskata (par maz respondentu): \(codes)"))
        }
        if !summary.institutionsHiddenWithoutWorkbook.isEmpty {
            let codes = summary.institutionsHiddenWithoutWorkbook.joined(separator: ", ")
            lines.append(
                say(
                    "  no workbook (hidden so that a smaller group cannot be worked out): \(codes)",
                    lv: "  bez pārskata (slēptas, lai mazāku grupu nevarētu aprēķināt): \(codes)"))
        }
        if let rejected = summary.rejectedFile { lines.append(say("  rejected rows: \(rejected)", lv: "  atsijātās rindas: \(rejected)")) }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
