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

    /// The institutions register: `code,name,type,teachers`.
    public static func register(at file: URL) throws(PipelineError) -> [Institution] {
        try rows(of: file, columns: ["code", "name", "type", "teachers"]).map { (record) throws(PipelineError) in
            guard let teachers = Int(record.fields[3].trimmingCharacters(in: .whitespaces)), teachers >= 0 else {
                throw PipelineError(
                    file: file.path, line: record.line, "teacher headcount \"\(record.fields[3])\" is not a whole number")
            }
            return Institution(code: record.fields[0], name: record.fields[1], type: record.fields[2], teachers: teachers)
        }
    }

    public var defaultRegister: URL { directory.appendingPathComponent("institutions.csv") }

    static func rows(of file: URL, columns: [String]) throws(PipelineError) -> [CSVRecord] {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw PipelineError(file: file.path, say("seed file not found", lv: "sēklas fails nav atrasts"))
        }
        do {
            let text = try decodeText(Array(data), choice: .auto)
            var reader = CSVReader(utf8: text.utf8, delimiter: CSVReader.sniffDelimiter(text.utf8))
            guard let header = try reader.next(), header.fields == columns else {
                throw PipelineError(file: file.path, line: 1, "the header must be \(columns.joined(separator: ","))")
            }
            var records: [CSVRecord] = []
            while let record = try reader.next() {
                guard record.fields.count == columns.count else {
                    throw PipelineError(
                        file: file.path, line: record.line,
                        "expected \(columns.count) fields, found \(record.fields.count)")
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
