/// The item ids (and item groups) the code relies on by name, as the seed instrument `needs-v1`
/// defines them (seeds/). Anything else in an instrument is only data.
public enum ItemID {
    /// Multi-select: preferred forms of support.
    public static let supportForms = "support_forms"
    /// Multi-select: what keeps teachers from professional development.
    public static let barriers = "barriers"
    /// Multi-select: the learning areas a teacher teaches in.
    public static let learningAreas = "learning_areas"
    public static let role = "role"
    public static let experience = "experience"
    /// Free text shown (when allowed) in institution workbooks.
    public static let comment = "comment"
    public static let stress = "stress"
    public static let afterHours = "after_hours"
    /// Item groups: the WHO-5 items, the CBI items, the stress sources and the need areas.
    public static let who5 = "who5"
    public static let cbi = "cbi"
    public static let stressSource = "stress_source"
    public static let needGroup = "need"

    /// Not an item: the submission time, as it is named among unreadable answers (the row is kept
    /// without a time, SPEC 9).
    public static let submissionTime = "submitted_at"

    /// The need item of one area: `need_digital`.
    public static func need(_ areaID: String) -> String { "need_\(areaID)" }
}
