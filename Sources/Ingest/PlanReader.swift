import AtbalstsCore
import Foundation

/// An edited Pilnveides plāns read back: its rows, the wave it was planned in (when the sheet
/// names it) and quarantined rows (SPEC 12.1).
public struct ParsedPlan: Sendable {
    public let fileName: String
    public let sha256: String
    /// The file's size in bytes: with the hash, what tells a file imported before.
    public let byteCount: Int
    public let encoding: DetectedEncoding
    public let delimiter: UInt8
    /// The wave named in the sheet's heading ("Kārta: 2026-27-autumn · …"), if any.
    public var wave: Wave?
    public var actions: [PlanAction] = []
    public var quarantine: [QuarantinedRow] = []

    public var rowsRead: Int { actions.count + quarantine.count }
}

/// Reads the Pilnveides plāns sheet of a council workbook as edited in Excel or LibreOffice, or
/// that sheet saved as CSV — and likewise the MA plāni sheet (the methodological associations'
/// work plans), from the same workbook or saved as CSV on its own. The header row is the first
/// row that names both the need area and the status, in Latvian or English, in any order; rows
/// above it are the sheet's heading, and the wave is taken from there. A table with a learning
/// area column holds association rows. Blank rows are skipped; a row with an unknown need area,
/// learning area or status is quarantined.
public enum PlanReader {
    /// The sheets looked for when the source names none: the council workbook's municipal plan,
    /// then its association plans, each in either language.
    static let sheetNames = ["Pilnveides plāns", "Development plan"]
    static let associationSheetNames = ["MA plāni", "Association plans"]

    static let headerAliases: [String: [String]] = [
        "rank": ["vieta", "rank", "nr", "nr.", "prioritate"],
        "area": ["joma", "need area", "vajadzibas joma", "area", "prioritates joma"],
        "status": ["statuss", "status"],
        "action": ["ieteicamas formas", "suggested forms", "darbiba", "darbibas", "action", "actions", "pasakums", "pasakumi"],
        "targets": ["merka iestades", "target institutions"],
        "responsible": ["atbildigais", "atbildigie", "responsible"],
        "term": ["termins", "term"],
        "notes": ["piezimes", "piezime", "notes", "note", "komentars", "comments"],
        "learningArea": ["macibu joma", "learning area", "metodiska apvieniba", "methodological association"],
        "direction": ["darbibas virziens", "darbibas virzieni", "line of work", "direction"],
        "theme": ["tema", "temas", "theme", "topic"],
        "forms": ["atbalsta formas", "formas", "support forms", "forms"],
        "timePlace": ["laiks, vieta", "laiks vieta", "time, place", "time and place"],
    ]

    public static func read(
        file url: URL, displayName: String? = nil, needAreas: [ReferenceEntry], learningAreas: [ReferenceEntry] = [],
        options: SourceOptions = SourceOptions()
    ) throws(IngestError) -> ParsedPlan {
        let name = displayName ?? url.lastPathComponent
        let bytes = try SourceFile.bytes(of: url, name: name, maxSize: options.maxInputSize)
        do {
            return try parse(bytes: bytes, name: name, needAreas: needAreas, learningAreas: learningAreas, options: options)
        } catch var error {
            error.file = name
            throw error
        }
    }

    /// Every plan table of the file: a workbook's municipal and association sheets (each when
    /// present), or the one table of a CSV or a named sheet.
    static func parse(
        bytes: [UInt8], name: String, needAreas: [ReferenceEntry], learningAreas: [ReferenceEntry] = [],
        options: SourceOptions
    ) throws(IngestError) -> ParsedPlan {
        var parsed: ParsedPlan?
        for table in try openTables(bytes, options: options) {
            let part = try parse(
                table: table, bytes: bytes, name: name, needAreas: needAreas, learningAreas: learningAreas, options: options)
            guard var merged = parsed else {
                parsed = part
                continue
            }
            merged.actions += part.actions
            merged.quarantine += part.quarantine
            if merged.wave == nil { merged.wave = part.wave }
            parsed = merged
        }
        return parsed!
    }

    static func parse(
        table: TableInput, bytes: [UInt8], name: String, needAreas: [ReferenceEntry], learningAreas: [ReferenceEntry],
        options: SourceOptions
    ) throws(IngestError) -> ParsedPlan {
        var table = table
        var records: [(CSVRecord, QuarantinedRow?)] = [(table.headerRecord, nil)]
        while let next = try table.next() { records.append(next) }

        var wave: Wave?
        var columns: [String: Int] = [:]
        var headerIndex: Int?
        for (index, (record, _)) in records.enumerated() {
            let normalized = record.fields.map(normalizedForMatching)
            var found: [String: Int] = [:]
            for (key, aliases) in headerAliases {
                if let explicit = options.columns[key] {
                    if let column = normalized.firstIndex(of: normalizedForMatching(explicit)) { found[key] = column }
                } else if let column = normalized.firstIndex(where: { aliases.contains($0) }) {
                    found[key] = column
                }
            }
            if found["area"] != nil, found["status"] != nil {
                columns = found
                headerIndex = index
                break
            }
            if wave == nil { wave = record.fields.lazy.compactMap(Self.waveMentioned).first }
        }
        guard let headerIndex else { throw IngestError(line: records[0].0.line, cause: .noRecognisableHeader) }
        let headers = records[headerIndex].0.fields

        var areaByKey: [String: String] = [:]
        for area in needAreas {
            for key in [area.id, area.label.lv, area.label.en] { areaByKey[normalizedForMatching(key)] = area.id }
        }
        var learningAreaByKey: [String: String] = [:]
        for area in learningAreas {
            for key in [area.id, area.label.lv, area.label.en] { learningAreaByKey[normalizedForMatching(key)] = area.id }
        }
        var directionByKey: [String: String] = [:]
        for direction in WorkDirection.allCases {
            for key in [direction.rawValue, direction.label.lv, direction.label.en] {
                directionByKey[normalizedForMatching(key)] = direction.rawValue
            }
        }
        let associations = columns["learningArea"] != nil
        var statusByKey: [String: PlanAction.Status] = [:]
        for (label, status) in PlanAction.Status.labels { statusByKey[normalizedForMatching(label)] = status }
        for status in PlanAction.Status.allCases { statusByKey[status.rawValue] = status }

        var parsed = ParsedPlan(
            fileName: name, sha256: Digest.sha256Hex(bytes), byteCount: bytes.count, encoding: table.encoding, delimiter: table.delimiter,
            wave: wave)
        for (record, problem) in records[(headerIndex + 1)...] {
            if let problem {
                parsed.quarantine.append(problem)
                continue
            }
            let fields = record.fields
            func field(_ key: String) -> String {
                guard let column = columns[key], fields.indices.contains(column) else { return "" }
                return fields[column].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            guard fields.contains(where: { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) else { continue }
            func reject(_ key: String, _ reason: QuarantineReason) {
                parsed.quarantine.append(
                    QuarantinedRow(
                        line: record.line, column: columns[key].map { headers[$0] }, value: Redaction.redact(field(key)), reason: reason))
            }
            var learningArea: String?
            if associations {
                guard let known = learningAreaByKey[normalizedForMatching(field("learningArea"))] else {
                    reject("learningArea", .unknownLearningArea)
                    continue
                }
                learningArea = known
            }
            guard let area = areaByKey[normalizedForMatching(field("area"))] else {
                reject("area", field("area").isEmpty ? .noNeedArea : .unknownNeedArea)
                continue
            }
            let statusText = field("status")
            // A row added without a status is planned, as the drop-down starts.
            guard let status = statusText.isEmpty ? .planned : statusByKey[normalizedForMatching(statusText)] else {
                reject("status", .unknownPlanStatus)
                continue
            }
            // An association row: its theme is the action, its forms the targets, "laiks, vieta"
            // the term; a direction of the specialist's own words is kept as written.
            let direction = field("direction")
            parsed.actions.append(
                PlanAction(
                    line: record.line, rank: Int(field("rank")) ?? Double(field("rank")).map { Int($0) }, area: area,
                    status: status, action: associations && columns["theme"] != nil ? field("theme") : field("action"),
                    targets: associations ? field("forms") : field("targets"),
                    // Free text typed by hand: addresses and phone numbers go before it is stored (SPEC 8).
                    responsible: Redaction.redact(field("responsible")),
                    term: associations && columns["timePlace"] != nil ? Redaction.redact(field("timePlace")) : field("term"),
                    notes: Redaction.redact(field("notes")), learningArea: learningArea,
                    direction: associations ? (directionByKey[normalizedForMatching(direction)] ?? Redaction.redact(direction)) : nil))
        }
        return parsed
    }

    /// The plan's tables: of a workbook the named sheet, else the council workbook's plan sheet
    /// and association plan sheet (either language, each when present), else the first sheet;
    /// or the CSV text.
    static func openTables(_ bytes: [UInt8], options: SourceOptions) throws(IngestError) -> [TableInput] {
        guard options.sheet == nil, NotAnExport.isZip(bytes.prefix(4)) else { return [try TableInput(bytes: bytes, options: options)] }
        var tables: [TableInput] = []
        for names in [sheetNames, associationSheetNames] {
            for sheet in names {
                var named = options
                named.sheet = sheet
                do {
                    tables.append(try TableInput(bytes: bytes, options: named))
                    break
                } catch {
                    if case .sheetNotFound = error.cause { continue }
                    throw error
                }
            }
        }
        return tables.isEmpty ? [try TableInput(bytes: bytes, options: options)] : tables
    }

    /// A wave anywhere in a heading cell: its id (`2026-27-autumn`) or its name as the
    /// workbooks write it (`2026./27. m. g. rudens`, `2026/27 autumn`).
    static func waveMentioned(_ text: String) -> Wave? {
        if let range = text.range(of: #"\d{4}-\d{2}-(autumn|spring)"#, options: .regularExpression) {
            return Wave(String(text[range]))
        }
        let names = [
            (#"(\d{4})\./\d{2}\. m\. g\. rudens"#, Wave.Term.autumn), (#"(\d{4})\./\d{2}\. m\. g\. pavasaris"#, .spring),
            (#"(\d{4})/\d{2} autumn"#, .autumn), (#"(\d{4})/\d{2} spring"#, .spring),
        ]
        for (pattern, term) in names {
            guard let range = text.range(of: pattern, options: .regularExpression), let year = Int(text[range].prefix(4)) else {
                continue
            }
            return Wave(startYear: year, term: term)
        }
        return nil
    }
}
