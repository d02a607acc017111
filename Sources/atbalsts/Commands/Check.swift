import AtbalstsCore
import ArgumentParser
import Foundation
import Ingest
import Pipeline

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what would be imported from one export; store nothing.",
        discussion: "Example:\n  atbalsts check samples/google-forms-needs.csv --seeds seeds")

    @Argument(help: "The export to look at.")
    var file: String

    @Option(help: "The instrument to read it through.")
    var instrument = "needs-v1"

    @Option(help: "The seeds folder (instruments and the institutions register).")
    var seeds = "seeds"

    @Option(help: "How many problems to list.")
    var problems = 10

    func run() throws {
        do {
            let seedFiles = Seeds(directory: URL(fileURLWithPath: seeds))
            let parsed = try SourceReader.read(
                file: URL(fileURLWithPath: file), instrument: try seedFiles.instrument(instrument),
                register: try Seeds.register(at: seedFiles.defaultRegister),
                pseudonymizer: Pseudonymizer(key: Digest.randomBytes(32)))
            print(CheckReport(parsed: parsed, instrument: try seedFiles.instrument(instrument), problems: problems).text)
        } catch {
            throw Outcome.report(error)
        }
    }
}

/// The text of `atbalsts check`: how the file looks and how its columns map.
struct CheckReport {
    let parsed: ParsedSource
    let instrument: Instrument
    let problems: Int

    var text: String {
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
