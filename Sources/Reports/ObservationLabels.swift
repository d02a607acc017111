import AtbalstsCore

/// The words of the Stundu vērošana sheet (SPEC 12.2).
struct ObservationLabels: Sendable {
    let sheet: String, title: String, note: String, domain: String, weakShare: String
    let observations: String, teachers: String, informs: String, byInstitution: String
    let headcount: String, coverage: String, byRole: String, role: String, coverageNote: String
    let observedWeakness: String

    static func of(_ language: Language) -> ObservationLabels { language == .lv ? latvian : english }

    static let latvian = ObservationLabels(
        sheet: "Stundu vērošana", title: "Stundu vērošana pa jomām un iestādēm",
        note:
            "Vāja: jomas kritēriju vidējais vērtējums zem 2,5 (1–2 no 4); \"nav novērots\" neskaitās. Skaitļi par vērotajiem pedagogiem; viena pedagoga vērtējumi netiek rādīti.",
        domain: "Vērošanas joma", weakShare: "Vāju vērojumu īpatsvars", observations: "Vērojumi",
        teachers: "Vērotie pedagogi", informs: "Saistītās vajadzību jomas", byInstitution: "Pa iestādēm",
        headcount: "Pedagogu skaits", coverage: "Aptvērums", byRole: "Kas vēroja", role: "Vērotājs",
        coverageNote: "Aptvērums: dažādi vērotie pedagogi / pedagogu skaits reģistrā šajā kārtā (ieteicams ap 20 % semestrī).",
        observedWeakness: "Vērota vājība")

    static let english = ObservationLabels(
        sheet: "Lesson observation", title: "Lesson observation by domain and institution",
        note:
            "Weak: the mean of the domain's criteria below 2.5 (1–2 of 4); \"not observed\" does not count. Counts are of observed teachers; no single teacher's ratings are shown.",
        domain: "Observation domain", weakShare: "Share of weak observations", observations: "Observations",
        teachers: "Observed teachers", informs: "Need areas it informs", byInstitution: "By institution",
        headcount: "Teacher headcount", coverage: "Coverage", byRole: "Who observed", role: "Observer",
        coverageNote:
            "Coverage: distinct observed teachers / teacher headcount of the register this wave (about 20 % a semester is expected).",
        observedWeakness: "Observed weakness")

    /// English names of the standard domains (the instrument's headers are Latvian).
    static let domainEnglish: [String: String] = [
        "climate": "Learning climate", "management": "Classroom management", "clarity": "Clarity of instruction",
        "activating": "Activating teaching", "differentiation": "Differentiation",
        "strategies": "Teaching learning strategies", "formative": "Formative assessment", "digital": "Digital tools",
    ]
}
