import AtbalstsCore
import Foundation
import Scoring

/// Everything the council workbook shows, already computed: the report only lays it out.
public struct CouncilReport: Sendable {
    public var wave: String
    public var instrument: Instrument
    public var needs: NeedIndicators
    public var wellbeing: WellbeingIndicators
    /// Every wave in the database up to this one, oldest first (Dinamika).
    public var history: [WaveSnapshot] = []
    public var supportForms: OptionCounts?
    public var barriers: OptionCounts?
    /// Preferred forms among the respondents in high need, per top priority.
    public var formsByPriority: [(areaID: String, counts: OptionCounts)] = []
    public var plan: [PlanRow] = []
    /// The methodological associations' draft work plans (MA plāni), one per learning area with
    /// enough respondents.
    public var associationPlans: [AssociationPlan] = []
    /// Stundu vērošana (SPEC 12.2); nil when no observations were imported for the wave.
    public var observation: ObservationReport?
    /// How the latest earlier plan was carried out (Īstenošana, SPEC 12.1); nil without one.
    public var followUp: PlanFollowUp?
    public var sources: [SourceSummary]
    public var quarantine: [QuarantineEntry]
    /// Answers that matched no label: missing for their item only (SPEC 9).
    public var unreadable: [UnreadableEntry] = []
    public var settings: ScoringSettings
    public var programVersion: String
    public var generatedAt: Date

    public init(
        wave: String, instrument: Instrument, needs: NeedIndicators, wellbeing: WellbeingIndicators, sources: [SourceSummary],
        quarantine: [QuarantineEntry], settings: ScoringSettings, programVersion: String,
        generatedAt: Date
    ) {
        self.wave = wave
        self.instrument = instrument
        self.needs = needs
        self.wellbeing = wellbeing
        self.sources = sources
        self.quarantine = quarantine
        self.settings = settings
        self.programVersion = programVersion
        self.generatedAt = generatedAt
    }

    public static let topPriorities = 5

    func institutionName(_ code: String) -> String {
        needs.institutions.first { $0.institution.code == code }?.institution.name ?? code
    }

    func optionName(_ itemID: String, _ optionID: String, _ language: Language) -> String {
        guard let options = instrument.multiSelect(itemID)?.options else { return optionID }
        return options.first { $0.id == optionID }?.label.text(language) ?? optionID
    }

    func municipalityStatus(_ areaID: String) -> CellStatus {
        guard let index = instrument.needAreas.firstIndex(where: { $0.id == areaID }) else { return .notAsked }
        return needs.municipalityStatus[index]
    }

    func areaName(_ id: String, _ language: Language) -> String {
        instrument.needAreas.first { $0.id == id }?.label.text(language) ?? id
    }
}
