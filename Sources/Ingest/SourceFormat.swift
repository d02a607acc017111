/// The survey tools whose exports are read without hand-editing (SPEC 4.1).
public enum SourceFormat: String, Sendable, CaseIterable {
    case auto
    case googleForms = "google-forms"
    case msForms = "ms-forms"
    case limeSurvey = "limesurvey"
    case generic
    /// An `.xlsx` workbook, whatever tool wrote it: its layout is recognised from its headers like
    /// `auto`'s (a workbook is recognised from its bytes in any case).
    case xlsx

    /// Recognises a tool by its fixed leading columns.
    public static func detect(headers: [String]) -> SourceFormat {
        let lowered = headers.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if lowered.first == "timestamp" || lowered.first == "laikspiedols" { return .googleForms }
        if lowered.starts(with: ["id", "start time", "completion time"]) { return .msForms }
        let limeSurveyID = lowered.first == "id" || lowered.first == "response id"
        if limeSurveyID && (lowered.contains("submitdate") || lowered.contains("date submitted")) { return .limeSurvey }
        return .generic
    }

    /// The separator between the chosen options of a multi-select answer.
    public var multiSeparator: String {
        switch self {
        case .msForms: return ";"
        case .limeSurvey, .generic, .googleForms, .auto, .xlsx: return ", "
        }
    }
}

/// Columns that describe the submission rather than answer an item.
struct MetaColumns {
    var email: Int?
    var submittedAt: Int?
    /// LimeSurvey's `submitdate`: empty means the respondent never finished.
    var completedAt: Int?

    init(headers: [String], format: SourceFormat) {
        let lowered = headers.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func first(_ names: [String]) -> Int? { lowered.firstIndex { names.contains($0) } }
        email = first(["email address", "email", "e-pasts", "e-pasta adrese"])
        switch format {
        case .googleForms: submittedAt = first(["timestamp", "laikspiedols"])
        case .msForms: submittedAt = first(["completion time"])
        case .limeSurvey:
            submittedAt = first(["submitdate", "date submitted"])
            completedAt = submittedAt
        case .generic, .auto, .xlsx: submittedAt = first(["timestamp", "submitted", "date", "datums", "laiks"])
        }
    }

    var all: Set<Int> { Set([email, submittedAt, completedAt].compactMap { $0 }) }
}
