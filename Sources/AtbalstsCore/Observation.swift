/// Lesson observation (SPEC 12.2): the parts of `observation-v1` the program relies on by name.
extension Instrument {
    /// Items whose answer is the respondent's key, not a text: the observed teacher's e-mail or id,
    /// pseudonymised with the workspace key and never stored.
    public static let pseudonymisedItemIDs: Set<String> = ["observed_teacher"]
}

/// One stored lesson observation as the scoring stage sees it: the teacher only as a pseudonym.
public struct Observation: Hashable, Sendable {
    public let teacherKey: String
    public let institution: String
    /// The `observer_role` scale value, nil when not given.
    public let observerRole: Int?
    /// Criterion slot (`climate_1`) → rating 1…4. "Not observed" (0) and blanks are absent.
    public let ratings: [String: Int]

    public init(teacherKey: String, institution: String, observerRole: Int?, ratings: [String: Int]) {
        self.teacherKey = teacherKey
        self.institution = institution
        self.observerRole = observerRole
        self.ratings = ratings
    }
}

/// The observation domains of `observation-v1` and the need areas each one informs.
public enum ObservationDomains {
    public static let instrumentID = "observation-v1"
    public static let observerRoleItem = "observer_role"

    /// Domain (the grid's id) → need areas of `needs-v1` whose self-reported need it sits beside.
    public static let informs: [(domain: String, areas: [String])] = [
        ("climate", ["classroom"]),
        ("management", ["classroom"]),
        ("clarity", ["methods"]),
        ("activating", ["methods"]),
        ("differentiation", ["inclusive", "talented"]),
        ("strategies", ["transversal"]),
        ("formative", ["assessment"]),
        ("digital", ["digital"]),
    ]

    /// The domains that inform one need area, in domain order.
    public static func domains(informing area: String) -> [String] {
        informs.filter { $0.areas.contains(area) }.map(\.domain)
    }
}
