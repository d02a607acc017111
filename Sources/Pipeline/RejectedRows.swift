import AtbalstsCore
import Foundation

/// `<wave>-rejected.csv` (SPEC 9): every quarantined row with file, line, column, value, reason.
enum RejectedRows {
    static func write(_ rows: [QuarantineEntry], to url: URL) throws {
        var text = "\u{FEFF}file,line,column,value,reason\r\n"  // BOM: Excel then reads it as UTF-8
        for entry in rows {
            let fields = [entry.fileName, String(entry.row.line), entry.row.column ?? "", entry.row.value ?? "", entry.row.reason]
            text += fields.map(quoted).joined(separator: ",") + "\r\n"
        }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw PipelineError(file: url.path, "cannot write the rejected rows: \(error.localizedDescription)")
        }
    }

    /// RFC 4180: quote when the field holds a comma, quote or line break; double inner quotes.
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
