import AtbalstsCore
import Foundation

/// `<wave>-rejected.csv` (SPEC 9): every quarantined row with file, line, column, value, reason.
/// SPEC 8: created readable by its owner only (it holds raw answers), and nothing in it runs as a
/// formula when the CSV is opened in a spreadsheet.
enum RejectedRows {
    static func write(_ rows: [QuarantineEntry], to url: URL) throws {
        var text = "\u{FEFF}file,line,column,value,reason\r\n"  // BOM: Excel then reads it as UTF-8
        for entry in rows {
            let fields = [entry.fileName, String(entry.row.line), entry.row.column ?? "", entry.row.value ?? "", entry.row.reason]
            text += fields.map { quoted(neutralised($0)) }.joined(separator: ",") + "\r\n"
        }
        // Our own temporary name (another run's is never touched), created 0600 rather than
        // narrowed afterwards, and renamed over the real name only when complete.
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try writePrivate(Array(text.utf8), to: temporary.path)
            guard rename(temporary.path, url.path) == 0 else { throw POSIXFailure(errno: errno) }
        } catch {
            unlink(temporary.path)
            throw OutputError(file: url.path, say("cannot write the rejected rows: \(error.reason)", lv: "nevar ierakstīt atsijātās rindas: \(error.reason)"))
        }
    }

    /// Excel and LibreOffice run a cell that starts with `=`, `+`, `-` or `@` (and after a tab or CR)
    /// as a formula; a leading `'` makes it text (OWASP "CSV injection").
    static func neutralised(_ field: String) -> String {
        guard let first = field.utf8.first else { return field }
        let triggers: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D]
        return triggers.contains(first) ? "'" + field : field
    }

    private static func writePrivate(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard descriptor >= 0 else { throw POSIXFailure(errno: errno) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { throw POSIXFailure(errno: errno) }
            written += count
        }
        guard fsync(descriptor) == 0 else { throw POSIXFailure(errno: errno) }
    }

    fileprivate struct POSIXFailure: Error {
        let errno: Int32
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

extension Error {
    /// The cause in words: strerror for a system call, else the error's own text.
    fileprivate var reason: String {
        if let failure = self as? RejectedRows.POSIXFailure { return String(cString: strerror(failure.errno)) }
        return "\(self)"
    }
}
