import AtbalstsCore
import Ingest
import Reports

/// The text of `atbalsts check`: how the file looks and how its columns map.
public struct CheckReport {
    let parsed: ParsedSource
    let instrument: Instrument
    let problems: Int

    public init(parsed: ParsedSource, instrument: Instrument, problems: Int) {
        self.parsed = parsed
        self.instrument = instrument
        self.problems = problems
    }

    public var text: String {
        let delimiter = Runner.delimiterName(parsed.delimiter)
        var lines = [
            say(
                "file:       \(parsed.fileName) (\(parsed.byteCount) bytes, SHA-256 \(parsed.sha256.prefix(16))…)",
                lv: "fails:      \(parsed.fileName) (\(parsed.byteCount) baiti, SHA-256 \(parsed.sha256.prefix(16))…)"),
            say("format:     \(parsed.format.rawValue)", lv: "formāts:    \(parsed.format.rawValue)"),
            say("encoding:   \(parsed.encoding.rawValue)", lv: "kodējums:   \(parsed.encoding.rawValue)"),
            say("delimiter:  \(delimiter)", lv: "atdalītājs: \(delimiter)"),
            say(
                "rows:       \(parsed.rowsRead) read, \(parsed.accepted) accepted, \(parsed.quarantine.count) quarantined",
                lv: "rindas:     \(parsed.rowsRead) nolasītas, \(parsed.accepted) pieņemtas, \(parsed.quarantine.count) atsijātas"),
            "",
            say(
                "columns → items (\(parsed.mapping.matches.count) of \(instrument.items.count) items):",
                lv: "kolonnas → jautājumi (\(parsed.mapping.matches.count) no \(instrument.items.count)):"),
        ]
        for match in parsed.mapping.matches {
            lines.append(
                "  \(match.column + 1). \(parsed.headers[match.column]) → \(instrument.items[match.itemIndex].id) [\(match.rule.rawValue)]")
        }
        // Items the pipeline says were not asked have no column on purpose: listed apart, not as a fault.
        let missing = parsed.findings.missingItems
        let notAsked = parsed.mapping.missingItems(of: instrument, notAsked: []).filter { !missing.contains($0) }
        if !missing.isEmpty {
            lines.append(say("items without a column: ", lv: "jautājumi bez kolonnas: ") + missing.joined(separator: ", "))
        }
        if !notAsked.isEmpty {
            lines.append(say("not asked (`not_asked:`): ", lv: "nav jautāts (`not_asked:`): ") + notAsked.joined(separator: ", "))
        }
        if !parsed.mapping.unmapped.isEmpty {
            lines.append(say("unmapped columns: ", lv: "nesasaistītas kolonnas: ") + parsed.mapping.unmapped.joined(separator: " | "))
        }
        if !parsed.quarantine.isEmpty {
            lines += ["", say("first problems:", lv: "pirmās problēmas:")]
            for row in parsed.quarantine.prefix(problems) {
                let column = row.column.map { say(": column \"\($0)\"", lv: ": kolonna \"\($0)\"") } ?? ""
                let value = row.value.map { say(" value \"\($0)\"", lv: " vērtība \"\($0)\"") } ?? ""
                let place = say("  line \(row.line)", lv: "  \(row.line). rinda") + column + value
                lines.append("\(place): \(row.reason.text(MessageLanguage.current))")
            }
        }
        return lines.joined(separator: "\n")
    }
}
