import AtbalstsCore
import Foundation

/// What a source file turned out to be when it is no export at all (SPEC 4.1): refused before it
/// is read, in one line that says what the file is.
public enum NotAnExport: Equatable, Sendable {
    case folder
    case device
    case pipe
    case socket
    case tooLarge(size: Int64, limit: Int64)
    /// The file grew past the limit while it was read (a log, a device behind a link).
    case grewPastLimit(limit: Int64)
    case zipArchive
    case openDocument
    case oldExcel
    case program(String)
    case pdf

    /// Recognises a file by its first bytes (magic numbers). A ZIP is not judged here: whether it
    /// is a workbook takes its directory (`XLSXWorkbook.isWorkbook`).
    static func sniff(_ prefix: some Collection<UInt8>) -> NotAnExport? {
        let head = Array(prefix.prefix(512))
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .oldExcel }
        if head.starts(with: [0x7F, 0x45, 0x4C, 0x46]) { return .program("ELF") }
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.starts(with: [0xCF, 0xFA, 0xED, 0xFE]) || head.starts(with: [0xFE, 0xED, 0xFA, 0xCF]) {
            return .program("Mach-O")
        }
        // "MZ" may begin a CSV header; a program also has the PE signature where offset 0x3C points,
        // or at least binary zeros in its first bytes, which no text export has.
        if head.starts(with: [0x4D, 0x5A]), head.count >= 64 {
            let peOffset = head[0x3C..<0x40].reversed().reduce(0) { $0 << 8 | Int($1) }
            if peOffset + 4 <= head.count, head[peOffset..<peOffset + 4].elementsEqual([0x50, 0x45, 0, 0]) {
                return .program("EXE")
            }
            if head.prefix(64).contains(0) { return .program("EXE") }
        }
        return nil
    }

    static func isZip(_ prefix: some Collection<UInt8>) -> Bool {
        prefix.starts(with: [0x50, 0x4B, 0x03, 0x04]) || prefix.starts(with: [0x50, 0x4B, 0x05, 0x06])
    }

    var message: String {
        switch self {
        case .folder:
            return say(
                "is a folder, not an export; name the exported file inside it",
                lv: "ir mape, nevis eksports; norādiet eksportēto failu tajā")
        case .device:
            return say(
                "is a device, not a file; name an exported .csv or .xlsx file",
                lv: "ir ierīce, nevis fails; norādiet eksportētu .csv vai .xlsx failu")
        case .pipe:
            return say(
                "is a named pipe (FIFO), not a file; save the export to a file first",
                lv: "ir nosaukts kanāls (FIFO), nevis fails; vispirms saglabājiet eksportu failā")
        case .socket:
            return say(
                "is a socket, not a file; name an exported .csv or .xlsx file",
                lv: "ir ligzda (socket), nevis fails; norādiet eksportētu .csv vai .xlsx failu")
        case .tooLarge(let size, let limit):
            let shown = ByteSize.text(size)
            let most = ByteSize.text(limit)
            return say(
                "is \(shown), more than max_input_size (\(most)); check that it is the export, or raise `max_input_size:` in `settings:`",
                lv:
                    "ir \(shown), vairāk nekā max_input_size (\(most)); pārbaudiet, vai tas ir eksports, vai palieliniet `max_input_size:` sadaļā `settings:`"
            )
        case .grewPastLimit(let limit):
            let most = ByteSize.text(limit)
            return say(
                "grew past max_input_size (\(most)) while it was read; it is no finished export, wait until it is written",
                lv: "lasīšanas laikā pārsniedza max_input_size (\(most)); tas nav pabeigts eksports, nogaidiet, līdz tas ir ierakstīts")
        case .zipArchive:
            return say(
                "is a ZIP archive, not an Excel workbook; unpack it and name the export inside",
                lv: "ir ZIP arhīvs, nevis Excel darbgrāmata; atpakojiet to un norādiet eksportu tajā")
        case .openDocument:
            return say(
                "is an OpenDocument spreadsheet (.ods); save it as .xlsx or CSV",
                lv: "ir OpenDocument izklājlapa (.ods); saglabājiet to kā .xlsx vai CSV")
        case .oldExcel:
            return say(
                "is an old Excel workbook (.xls); open it in Excel or LibreOffice and save it as .xlsx",
                lv: "ir veca Excel darbgrāmata (.xls); atveriet to Excel vai LibreOffice un saglabājiet kā .xlsx")
        case .program(let kind):
            return say(
                "is a program (\(kind)), not an export; check the file name",
                lv: "ir programma (\(kind)), nevis eksports; pārbaudiet faila nosaukumu")
        case .pdf:
            return say(
                "is a PDF document, not an export; download the responses as .xlsx or CSV",
                lv: "ir PDF dokuments, nevis eksports; lejupielādējiet atbildes kā .xlsx vai CSV")
        }
    }
}

/// Sizes as the pipeline writes them (`max_input_size: 1GiB`, `500MB`, `1048576`) and as messages show them.
public enum ByteSize {
    public static let defaultMaxInput: Int64 = 1 << 30

    /// Bytes, or nil when the text is no size. Units: B, KB/MB/GB (powers of 1000), KiB/MiB/GiB
    /// (powers of 1024), case-insensitive, a space allowed before the unit.
    public static func parse(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard !digits.isEmpty, let number = Double(digits), number >= 0 else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
        let factors: [String: Double] = [
            "": 1, "b": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
            "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824, "tib": 1_099_511_627_776,
        ]
        guard let factor = factors[unit] else { return nil }
        let bytes = (number * factor).rounded()
        guard bytes >= 1, bytes < 9e18 else { return nil }
        return Int64(bytes)
    }

    /// `3.0 GiB`, `512 MiB`, `900 bytes`.
    public static func text(_ bytes: Int64) -> String {
        let units: [(String, Int64)] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
        for (name, size) in units where bytes >= size {
            let value = Double(bytes) / Double(size)
            let shown = value == value.rounded() ? String(Int64(value)) : String(format: "%.1f", value)
            return "\(shown) \(name)"
        }
        return say("\(bytes) bytes", lv: "\(bytes) baiti")
    }
}
