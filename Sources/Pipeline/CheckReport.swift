import AtbalstsCore
import Ingest

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
        var lines = [
            "file:       \(parsed.fileName) (\(parsed.byteCount) bytes, SHA-256 \(parsed.sha256.prefix(16))…)",
            "format:     \(parsed.format.rawValue)",
            "encoding:   \(parsed.encoding.rawValue)",
            "delimiter:  \(parsed.delimiter == 9 ? "tab" : String(UnicodeScalar(parsed.delimiter)))",
            "rows:       \(parsed.rowsRead) read, \(parsed.responses.count) accepted, \(parsed.quarantine.count) quarantined",
            "", "columns → items (\(parsed.mapping.matches.count) of \(instrument.items.count) items):",
        ]
        for match in parsed.mapping.matches {
            lines.append("  \(match.column + 1). \(parsed.headers[match.column]) → \(instrument.items[match.itemIndex].id) [\(match.rule.rawValue)]")
        }
        let missing = instrument.items.indices.filter { parsed.mapping.columnForItem[$0] == nil }
        if !missing.isEmpty {
            lines.append("items without a column: " + missing.map { instrument.items[$0].id }.joined(separator: ", "))
        }
        if !parsed.mapping.unmapped.isEmpty {
            lines.append("unmapped columns: " + parsed.mapping.unmapped.joined(separator: " | "))
        }
        if !parsed.quarantine.isEmpty {
            lines += ["", "first problems:"]
            for row in parsed.quarantine.prefix(problems) {
                let column = row.column.map { " column \"\($0)\"" } ?? ""
                let value = row.value.map { " value \"\($0)\"" } ?? ""
                lines.append("  line \(row.line):\(column)\(value): \(row.reason)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
