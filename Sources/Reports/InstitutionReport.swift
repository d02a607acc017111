import AtbalstsCore
import Scoring

/// One institution's view of a wave beside the municipality (SPEC 10 institution workbooks).
public struct InstitutionReport: Sendable {
    public let institution: Institution
    public let council: CouncilReport
    public let respondents: Int
    /// The institution's own ranking: breadth does not apply to one institution and is dropped.
    public let priorities: [Priority]
    /// Wellbeing inside the institution: its total and its roles, experience bands, learning areas.
    public let wellbeing: WellbeingIndicators
    public let supportForms: OptionCounts?
    /// Redacted comments, or nil when the pipeline does not ask for them.
    public let comments: [String]?
    /// Barriers to professional development inside the institution (the council's table, per institution).
    public var barriers: OptionCounts?
    /// The institution in the previous wave with answers, as far as that wave's workbooks published it.
    public var previous: InstitutionPreviousWave?
    /// SPEC 8 "across workbooks": the institution's own cells carry the council workbook's statuses.
    public var areaStatus: [String: CellStatus] {
        guard let row = council.needs.institutions.first(where: { $0.institution.code == institution.code }) else { return [:] }
        return Dictionary(uniqueKeysWithValues: zip(council.instrument.needAreas.map(\.id), row.areaStatus))
    }

    /// The institution's row of the council's Labbūtība, with the statuses decided there.
    public var ownWellbeing: WellbeingGroup {
        let row = council.wellbeing.breakdowns.first { $0.dimension == .institution }?.groups
            .first { $0.key == institution.code }
        return row
            ?? WellbeingGroup(
                key: institution.code, label: Bilingual(lv: institution.name, en: institution.name),
                summary: wellbeing.municipality, status: .small, cells: [:])
    }

    public init(
        institution: Institution, council: CouncilReport, respondents: Int, priorities: [Priority],
        wellbeing: WellbeingIndicators, supportForms: OptionCounts?, comments: [String]?
    ) {
        self.institution = institution
        self.council = council
        self.respondents = respondents
        self.priorities = priorities
        self.wellbeing = wellbeing
        self.supportForms = supportForms
        self.comments = comments
    }

    /// High-need share now − in the previous wave, signed; only where both are published (SPEC 8).
    func signedChange(_ areaID: String, now: Double?) -> Double? {
        guard areaStatus[areaID] == .shown, let now, let before = previous?.highNeed[areaID]?.share else { return nil }
        return now - before
    }

    public var fileName: String { "\(council.wave)-\(institution.code).xlsx" }
}

/// One institution in the previous wave: only what that wave's workbooks published (SPEC 8 "across
/// waves"), so a change shown now never gives a hidden value back.
public struct InstitutionPreviousWave: Sendable {
    public let wave: String
    /// Respondents, when the institution was published then (at least `min_group_size`, not hidden).
    public let respondents: Int?
    /// High-need answers per need area, only for areas published in both waves.
    public let highNeed: [String: Proportion]

    public init(wave: String, respondents: Int?, highNeed: [String: Proportion]) {
        self.wave = wave
        self.respondents = respondents
        self.highNeed = highNeed
    }
}

struct InstitutionLabels: Sendable {
    let title: String, inInstitution: String, inMunicipality: String
    let municipalityScore: String, municipalityHighNeed: String, municipalityRank: String
    let commentsSheet: String, commentsTitle: String, commentsNote: String, comment: String

    static let latvian = InstitutionLabels(
        title: "Iestādes pārskats", inInstitution: "Iestādē", inMunicipality: "Novadā",
        municipalityScore: "Novada punkti", municipalityHighNeed: "Novadā augsta vajadzība",
        municipalityRank: "Vieta novadā", commentsSheet: "Komentāri", commentsTitle: "Pedagogu komentāri",
        commentsNote: "E-pasta adreses un tālruņa numuri aizstāti; komentāri netiek iekļauti novada pārskatā.",
        comment: "Komentārs")
    static let english = InstitutionLabels(
        title: "Institution report", inInstitution: "Institution", inMunicipality: "Municipality",
        municipalityScore: "Municipality score", municipalityHighNeed: "Municipality high need",
        municipalityRank: "Municipality rank", commentsSheet: "Comments", commentsTitle: "Teachers' comments",
        commentsNote: "E-mail addresses and phone numbers replaced; comments never reach the council workbook.",
        comment: "Comment")
}
