/// A methodological association's line of work (darbības virziens), as municipal work plans name
/// them (SPEC 12.1, the Rēzekne plan in the seed documents).
public enum WorkDirection: String, Sendable, CaseIterable {
    /// Informatīvi izglītojošais: seminars, conferences, information one takes in.
    case informative
    /// Pētnieciski metodiskais: groups that study and develop their own teaching together.
    case research
    /// Profesionālo kompetenču pilnveide: courses and guided practice of one's own competence.
    case competence
    /// Pedagoģiskās pieredzes apmaiņa: seeing colleagues teach, visits, exchange.
    case exchange

    /// The direction each `needs-v1` support form serves. A form of another instrument (or one
    /// added later) serves competence development, the direction every form contributes to.
    public static let bySupportForm: [String: WorkDirection] = [
        "seminars": .informative, "conferences": .informative, "online_self_study": .informative,
        "learning_group": .research, "cooperation_group": .research,
        "courses": .competence, "masterclasses": .competence, "mentor": .competence, "consultations": .competence,
        "supervision": .competence,
        "experience_exchange": .exchange, "observation": .exchange,
    ]

    public static func of(supportForm id: String) -> WorkDirection { bySupportForm[id] ?? .competence }

    /// The direction's name as plans write it, in Latvian and English.
    public var label: Bilingual {
        switch self {
        case .informative: Bilingual(lv: "Informatīvi izglītojošais", en: "Information and education")
        case .research: Bilingual(lv: "Pētnieciski metodiskais", en: "Research and methodology")
        case .competence: Bilingual(lv: "Profesionālo kompetenču pilnveide", en: "Professional competence development")
        case .exchange: Bilingual(lv: "Pedagoģiskās pieredzes apmaiņa", en: "Exchange of teaching experience")
        }
    }
}
