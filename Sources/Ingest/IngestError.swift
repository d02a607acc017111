import AtbalstsCore

/// A file that cannot be read at all (SPEC 9): one line naming the file, the place and the cause.
/// Nothing of such a file is stored.
public struct IngestError: Error, CustomStringConvertible, Equatable {
    public enum Cause: Equatable, Sendable {
        case unreadable(String)
        case undecodable(TextDecodingError)
        case csv(CSVError)
        case empty
        case noRecognisableHeader
        case duplicateHeader(String, firstColumn: Int, secondColumn: Int)
        case unknownItem(String, instrument: String)
        case mappedColumnMissing(item: String, target: String, closest: String?)
        case missingInstitutionColumn
        case notAnExport(NotAnExport)
        case sheetNotFound(String, available: [String])
        case notAWorkbook
        case damagedWorkbook(part: String, WorkbookDamage)
        /// More rows than `max_rejected_share` hold bytes that cannot be decoded (SPEC 4.1).
        case unusableRows(count: Int, of: Int, first: UnusableByte)
        case unusableHeader(UnusableByte)
        /// The file was cut short, or grew, while it was being read (`MappedFile`).
        case changedWhileRead
    }

    public var file: String
    public var line: Int?
    public let cause: Cause

    public init(file: String = "", line: Int? = nil, cause: Cause) {
        self.file = file
        self.line = line
        self.cause = cause
    }

    static func unknownItem(_ id: String, instrument: String) -> IngestError {
        IngestError(cause: .unknownItem(id, instrument: instrument))
    }

    static func mappedColumnMissing(item: String, target: String, closest: String?) -> IngestError {
        IngestError(cause: .mappedColumnMissing(item: item, target: target, closest: closest))
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): \(message)"
    }

    public var message: String {
        switch cause {
        case .unreadable(let reason): return say("cannot read the file (\(reason))", lv: "nevar nolasīt failu (\(reason))")
        case .undecodable(let error):
            return say(
                "\(error.description); set `encoding:` for this source if the code page is another",
                lv: "\(error.description); ja kodu lapa ir cita, norādiet `encoding:` šim avotam")
        case .csv(let error):
            return say("\(error.description); the file is not valid CSV", lv: "\(error.description); fails nav derīgs CSV")
        case .empty: return say("the file is empty", lv: "fails ir tukšs")
        case .noRecognisableHeader:
            return say(
                "no recognisable header: no column matches an item of the instrument; check the file or map columns with `columns:`",
                lv:
                    "nav atpazīstama virsraksta: neviena kolonna neatbilst instrumenta jautājumam; pārbaudiet failu vai sasaistiet kolonnas ar `columns:`"
            )
        case .duplicateHeader(let header, let first, let second):
            return say(
                "duplicate header \"\(header)\" in columns \(first + 1) and \(second + 1); rename one in the export",
                lv: "virsraksts \"\(header)\" atkārtojas \(first + 1). un \(second + 1). kolonnā; pārdēvējiet vienu eksportā")
        case .unknownItem(let id, let instrument):
            return say(
                "`columns:` names item \"\(id)\", which instrument \(instrument) does not have",
                lv: "`columns:` min jautājumu \"\(id)\", kura instrumentā \(instrument) nav")
        case .mappedColumnMissing(let item, let target, let closest):
            let hint = closest.map { say("; the closest header is \"\($0)\"", lv: "; tuvākais virsraksts ir \"\($0)\"") } ?? ""
            return say(
                "`columns:` maps item \"\(item)\" to \"\(target)\", but no column matches it\(hint)",
                lv: "`columns:` sasaista \"\(item)\" ar \"\(target)\", bet tādas kolonnas nav\(hint)")
        case .notAnExport(let kind): return kind.message
        case .notAWorkbook:
            return say(
                "the source says `format: xlsx`, but the file is no .xlsx workbook; name the workbook or remove `format:`",
                lv: "avotam norādīts `format: xlsx`, bet fails nav .xlsx darbgrāmata; norādiet darbgrāmatu vai noņemiet `format:`")
        case .sheetNotFound(let sheet, let available):
            let list = available.map { "\"\($0)\"" }.joined(separator: ", ")
            return say(
                "the workbook has no sheet \"\(sheet)\"; its sheets are \(list): set `sheet:` to one of them",
                lv: "darbgrāmatā nav lapas \"\(sheet)\"; tās lapas ir \(list): norādiet vienu no tām `sheet:`")
        case .damagedWorkbook(let part, let damage):
            let reason = damage.text
            return say(
                "the workbook is damaged (\(part): \(reason)); open it in Excel or LibreOffice and save it again",
                lv: "darbgrāmata ir bojāta (\(part): \(reason)); atveriet to Excel vai LibreOffice un saglabājiet vēlreiz")
        case .unusableRows(let count, let rows, let first):
            return say(
                "\(count) of \(rows) rows hold bytes that cannot be read, more than max_rejected_share allows; the first: \(first.description); set `encoding:` if the code page is another",
                lv:
                    "\(count) no \(rows) rindām satur baitus, ko nevar nolasīt, vairāk nekā pieļauj max_rejected_share; pirmais: \(first.description); ja kodu lapa ir cita, norādiet `encoding:`"
            )
        case .unusableHeader(let byte):
            return say(
                "the header holds a byte that cannot be read: \(byte.description); set `encoding:` if the code page is another",
                lv: "virsrakstā ir baits, ko nevar nolasīt: \(byte.description); ja kodu lapa ir cita, norādiet `encoding:`")
        case .missingInstitutionColumn:
            return say(
                "no column answers the institution question; map it with `columns: { institution: … }`",
                lv: "neviena kolonna neatbild uz jautājumu par iestādi; norādiet to ar `columns: { institution: … }`")
        case .changedWhileRead:
            return say(
                "the file changed while it was being read (is a program still writing it?); run again once it is saved",
                lv: "fails mainījās, kamēr to lasīja (vai kāda programma to vēl raksta?); palaidiet vēlreiz, kad tas ir saglabāts")
        }
    }
}

/// What is wrong with a damaged `.xlsx`: a value, worded where the error is shown.
public enum WorkbookDamage: Equatable, Sendable {
    /// The ZIP library's own words (not translated: they come from it).
    case unreadable(String)
    case binaryWorkbook
    case noWorksheet
    case missingPart
    case largerThanLimitUnpacked
    case missingSharedString(String)
    case malformedXML(line: Int)

    var text: String {
        switch self {
        case .unreadable(let detail): return detail
        case .binaryWorkbook: return say("a binary workbook (.xlsb)", lv: "binārā darbgrāmata (.xlsb)")
        case .noWorksheet: return say("no worksheet", lv: "nav darblapas")
        case .missingPart: return say("missing", lv: "trūkst")
        case .largerThanLimitUnpacked:
            return say("larger than max_input_size once unpacked", lv: "atpakots lielāks par max_input_size")
        case .missingSharedString(let index):
            return say("shared string \(index) does not exist", lv: "kopīgās virknes \(index) nav")
        case .malformedXML(let line): return say("not well-formed XML at line \(line)", lv: "nekorekts XML \(line). rindā")
        }
    }
}
