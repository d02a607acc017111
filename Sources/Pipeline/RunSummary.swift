/// What a run did, printed as a table or as `--json` (SPEC 6).
public struct RunSummary: Codable, Sendable {
    public struct SourceResult: Codable, Sendable {
        public enum Status: String, Codable, Sendable {
            case imported
            case alreadyImported = "already-imported"
            case reimported = "re-imported"
            case checked, failed
        }
        public let file: String
        public let status: Status
        public let rowsRead: Int
        public let rowsAccepted: Int
        public let rowsQuarantined: Int
        /// Answers that matched no label (missing for their item only, SPEC 9).
        public var unreadableAnswers = 0
        public let error: String?
    }

    public let wave: String
    public let database: String
    public var sources: [SourceResult] = []
    public var respondents = 0
    /// Waves the database holds after the run.
    public var wavesInDatabase = 0
    public var workbooks: [String] = []
    /// Institutions too small for a workbook of their own (SPEC 8).
    public var institutionsWithoutWorkbook: [String] = []
    /// Institutions with enough respondents hidden with × (SPEC 8), so without a workbook too.
    public var institutionsHiddenWithoutWorkbook: [String] = []
    public var rejectedFile: String?
    public var failed: Bool { sources.contains { $0.status == .failed } }
}
