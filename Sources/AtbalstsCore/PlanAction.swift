/// One row of a development plan as the specialist edited it (SPEC 12.1): the need area it
/// serves, what is to be done, its status, who is responsible, its term and notes. A row of a
/// methodological association's work plan (MA plāni) also names its learning area and its
/// line of work (darbības virziens).
public struct PlanAction: Sendable, Hashable {
    public enum Status: String, Sendable, CaseIterable {
        case planned
        case inProgress = "in-progress"
        case done, cancelled

        /// The words the Pilnveides plāns drop-down offers, and their English forms.
        public static let labels: [(String, Status)] = [
            ("Plānots", .planned), ("Procesā", .inProgress), ("Īstenots", .done), ("Atcelts", .cancelled),
            ("Planned", .planned), ("In progress", .inProgress), ("Done", .done), ("Cancelled", .cancelled),
        ]

        /// Planned or in progress: carried forward into the next draft plan.
        public var unfinished: Bool { self == .planned || self == .inProgress }
    }

    public let line: Int
    public let rank: Int?
    public let area: String
    public let status: Status
    public let action: String
    public let targets: String
    public let responsible: String
    public let term: String
    public let notes: String
    /// The learning area (option id) of the association whose plan the row belongs to; nil for
    /// a row of the municipal plan (Pilnveides plāns).
    public let learningArea: String?
    /// The row's line of work: a `WorkDirection` raw value, or the specialist's own words.
    public let direction: String?

    public init(
        line: Int, rank: Int?, area: String, status: Status, action: String, targets: String, responsible: String,
        term: String, notes: String, learningArea: String? = nil, direction: String? = nil
    ) {
        self.line = line
        self.rank = rank
        self.area = area
        self.status = status
        self.action = action
        self.targets = targets
        self.responsible = responsible
        self.term = term
        self.notes = notes
        self.learningArea = learningArea
        self.direction = direction
    }
}
