import AtbalstsCore
import Foundation

/// A self-assessment export read into ratings and quarantined rows (SPEC 4.2).
public struct ParsedSelfAssessment: Sendable {
    public let fileName: String
    public let sha256: String
    /// The file's size in bytes: with the hash, what tells a file imported before.
    public let byteCount: Int
    public let encoding: DetectedEncoding
    public let delimiter: UInt8
    public let level: SelfRating.Level
    public var ratings: [SelfRating] = []
    public var quarantine: [QuarantinedRow] = []

    public var rowsRead: Int { ratings.count + quarantine.count }
}

/// Rows `institution, need area, rating` or `respondent, need area, rating`; the rating is 1–4
/// or its label. Columns are found by usual headers or by the pipeline's `columns:` (keys
/// `institution`, `respondent`, `area`, `rating`).
public enum SelfAssessmentReader {
    static let headerAliases: [String: [String]] = [
        "institution": ["institution", "iestade", "iestades kods", "kods", "izglitibas iestade", "code"],
        "respondent": ["respondent", "respondents", "e-pasts", "epasts", "email", "e-mail", "email address", "pedagogs"],
        "area": ["area", "need area", "joma", "vajadzibas joma", "kompetence", "kompetences joma"],
        "rating": ["rating", "vertejums", "novertejums", "pasvertejums", "limenis"],
    ]

    public static func read(
        file url: URL, displayName: String? = nil, needAreas: [ReferenceEntry], register: [Institution],
        pseudonymizer: Pseudonymizer, options: SourceOptions = SourceOptions()
    ) throws(IngestError) -> ParsedSelfAssessment {
        let name = displayName ?? url.lastPathComponent
        let bytes = try SourceFile.bytes(of: url, name: name, maxSize: options.maxInputSize)
        do {
            return try parse(
                bytes: bytes, name: name, needAreas: needAreas, register: register, pseudonymizer: pseudonymizer,
                options: options)
        } catch var error {
            error.file = name
            throw error
        }
    }

    static func parse(
        bytes: [UInt8], name: String, needAreas: [ReferenceEntry], register: [Institution],
        pseudonymizer: Pseudonymizer, options: SourceOptions
    ) throws(IngestError) -> ParsedSelfAssessment {
        var table = try TableInput(bytes: bytes, options: options)
        let headers = table.headers
        let normalized = headers.map(normalizedForMatching)
        func column(_ key: String) -> Int? {
            if let explicit = options.columns[key] {
                return headers.firstIndex(of: explicit) ?? normalized.firstIndex(of: normalizedForMatching(explicit))
            }
            return normalized.firstIndex { headerAliases[key]!.contains($0) }
        }
        let institutionColumn = column("institution")
        let respondentColumn = column("respondent")
        guard let areaColumn = column("area"), let ratingColumn = column("rating"),
            institutionColumn != nil || respondentColumn != nil
        else { throw IngestError(line: table.headerRecord.line, cause: .noRecognisableHeader) }
        let level: SelfRating.Level = respondentColumn == nil ? .institution : .teacher

        var areaByKey: [String: String] = [:]
        for area in needAreas {
            for key in [area.id, area.label.lv, area.label.en] { areaByKey[normalizedForMatching(key)] = area.id }
        }
        var institutionByKey: [String: String] = [:]
        for institution in register {
            institutionByKey[normalizedForMatching(institution.code)] = institution.code
            institutionByKey[normalizedForMatching(institution.name)] = institution.code
        }
        var ratingByLabel: [String: Int] = [:]
        for (label, value) in SelfRating.ratingLabels { ratingByLabel[normalizedForMatching(label)] = value }
        for (label, target) in options.labels["rating"] ?? [:] {
            if case .value(let value) = target { ratingByLabel[normalizedForMatching(label)] = value }
        }

        var parsed = ParsedSelfAssessment(
            fileName: name, sha256: Digest.sha256Hex(bytes), byteCount: bytes.count, encoding: table.encoding, delimiter: table.delimiter,
            level: level)
        while let (record, problem) = try table.next() {
            if let problem {
                parsed.quarantine.append(problem)
                continue
            }
            let fields = record.fields
            func reject(_ column: Int?, _ reason: QuarantineReason) {
                parsed.quarantine.append(
                    QuarantinedRow(
                        line: record.line, column: column.map { headers[$0] }, value: column.map { Redaction.redact(fields[$0]) },
                        reason: reason))
            }
            guard fields.count == headers.count else {
                reject(nil, .wrongFieldCount(expected: headers.count, found: fields.count))
                continue
            }
            guard let area = areaByKey[normalizedForMatching(fields[areaColumn])] else {
                reject(areaColumn, .unknownNeedArea)
                continue
            }
            let ratingText = fields[ratingColumn].trimmingCharacters(in: .whitespaces)
            guard let rating = Int(ratingText) ?? ratingByLabel[normalizedForMatching(ratingText)] else {
                reject(ratingColumn, ratingText.isEmpty ? .noRating : .unknownRatingLabel)
                continue
            }
            guard (1...4).contains(rating) else {
                reject(ratingColumn, .ratingOutOfRange(value: rating, lowest: 1, highest: 4))
                continue
            }
            var institution: String?
            if let institutionColumn, !fields[institutionColumn].isEmpty || level == .institution {
                guard let code = institutionByKey[normalizedForMatching(fields[institutionColumn])] else {
                    reject(institutionColumn, .unknownInstitution)
                    continue
                }
                institution = code
            }
            let key = respondentColumn.map { pseudonymizer.key(forEmail: fields[$0]) ?? Pseudonymizer.randomKey() }
            parsed.ratings.append(
                SelfRating(line: record.line, level: level, institution: institution, respondentKey: key, area: area, rating: rating))
        }
        return parsed
    }
}
