import AtbalstsCore
import Foundation
import Reports

/// `<wave>-rejected.csv` (SPEC 9): every quarantined row with file, line, column, value, reason.
/// SPEC 8: created readable by its owner only (it holds raw answers), and nothing in it runs as a
/// formula when the CSV is opened in a spreadsheet.
enum RejectedRows {
    static func write(_ rows: [QuarantineEntry], unreadable: [UnreadableEntry] = [], to url: URL) throws {
        var text = "\u{FEFF}file,line,column,value,reason\r\n"  // BOM: Excel then reads it as UTF-8
        for entry in rows {
            let fields = [
                entry.fileName, String(entry.row.line), entry.row.column ?? "", entry.row.value ?? "", entry.row.reason.text(.en),
            ]
            text += fields.map { quoted(neutralised($0)) }.joined(separator: ",") + "\r\n"
        }
        // SPEC 9: an unreadable answer is listed too; only its item counts it as missing.
        for entry in unreadable {
            let answer = entry.answer
            let reason =
                answer.itemID == ItemID.submissionTime
                ? "unreadable submission time (row kept without a time)" : "unreadable answer to \(answer.itemID)"
            let fields = [entry.fileName, String(answer.line), answer.column, answer.value, reason]
            text += fields.map { quoted(neutralised($0)) }.joined(separator: ",") + "\r\n"
        }
        try OutputFile.replace(url, with: Data(text.utf8), what: .rejectedRows)
    }

    /// Excel and LibreOffice run a cell that starts with `=`, `+`, `-` or `@` (and after a tab or CR)
    /// as a formula; a leading `'` makes it text (OWASP "CSV injection").
    static func neutralised(_ field: String) -> String {
        guard let first = field.utf8.first else { return field }
        let triggers: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D]
        return triggers.contains(first) ? "'" + field : field
    }

    /// RFC 4180: quote when the field holds a comma, quote or line break; double inner quotes.
    /// Works on bytes: a quote followed by a combining mark is one `Character`, not a `"`.
    static func quoted(_ field: String) -> String {
        let special: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\r")]
        guard field.utf8.contains(where: special.contains) else { return field }
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        for byte in field.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }
}
