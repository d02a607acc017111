import AtbalstsCore
import Foundation
import Ingest
import Yams

/// Reference data from `seeds/` (SPEC 3): instruments, reference lists, the institutions register.
public struct Seeds: Sendable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    /// A seed list `seeds/<name>.csv` with columns `id,lv,en`.
    public func referenceList(_ name: String) throws(PipelineError) -> [ReferenceEntry] {
        let file = directory.appendingPathComponent("\(name).csv")
        return try Self.rows(of: file, columns: ["id", "lv", "en"]).map {
            ReferenceEntry(id: $0.fields[0], label: Bilingual(lv: $0.fields[1], en: $0.fields[2]))
        }
    }

    /// The institutions register: `code,name,type,teachers`, and optionally `aliases` (other
    /// spellings of the name, separated by `|`).
    public static func register(at file: URL) throws(PipelineError) -> [Institution] {
        try rows(of: file, columns: ["code", "name", "type", "teachers"], optional: "aliases").map { (record) throws(PipelineError) in
            let code = record.fields[0]
            guard Institution.isValidCode(code) else {
                throw PipelineError(
                    file: file.path, line: record.line,
                    say(
                        "institution code \"\(code)\" is not 1–32 characters of A–Z a–z 0–9 _ - (it becomes part of a file name); correct the code in the register",
                        lv:
                            "iestādes kods \"\(code)\" nav 1–32 rakstzīmes no A–Z a–z 0–9 _ - (tas kļūst par daļu no faila nosaukuma); izlabojiet kodu reģistrā"
                    ))
            }
            guard let teachers = Int(record.fields[3].trimmingCharacters(in: .whitespaces)), teachers >= 0 else {
                throw PipelineError(
                    file: file.path, line: record.line, "teacher headcount \"\(record.fields[3])\" is not a whole number")
            }
            let aliases =
                record.fields.count > 4
                ? record.fields[4].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                : []
            return Institution(
                code: code, name: record.fields[1], type: record.fields[2], teachers: teachers, aliases: aliases)
        }
    }

    public var defaultRegister: URL { directory.appendingPathComponent("institutions.csv") }

    /// The records of a seed file whose header is `columns`, or `columns` and then `optional`.
    static func rows(of file: URL, columns: [String], optional: String? = nil) throws(PipelineError) -> [CSVRecord] {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw PipelineError(file: file.path, say("seed file not found", lv: "sēklas fails nav atrasts"))
        }
        do {
            let text = try decodeText(Array(data), choice: .auto)
            var reader = CSVReader(utf8: text.utf8, delimiter: CSVReader.sniffDelimiter(text.utf8))
            let allowed = [columns] + (optional.map { [columns + [$0]] } ?? [])
            guard let header = try reader.next(), allowed.contains(header.fields) else {
                let optionalHint = optional.map { " (and optionally ,\($0))" } ?? ""
                throw PipelineError(file: file.path, line: 1, "the header must be \(columns.joined(separator: ","))\(optionalHint)")
            }
            var records: [CSVRecord] = []
            while let record = try reader.next() {
                guard record.fields.count == header.fields.count else {
                    throw PipelineError(
                        file: file.path, line: record.line,
                        "expected \(header.fields.count) fields, found \(record.fields.count)")
                }
                records.append(record)
            }
            return records
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError(file: file.path, "\(error)")
        }
    }
}
