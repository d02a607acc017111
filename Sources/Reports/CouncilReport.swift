import AtbalstsCore
import Foundation
import Scoring

/// Everything the council workbook shows, already computed: the report only lays it out.
public struct CouncilReport: Sendable {
    public let wave: String
    public let instrument: Instrument
    public let needs: NeedIndicators
    public let wellbeing: WellbeingIndicators
    public let sources: [SourceSummary]
    public let quarantine: [QuarantineEntry]
    public let settings: ScoringSettings
    public let programVersion: String
    public let generatedAt: Date

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

    func areaName(_ id: String, _ language: Language) -> String {
        instrument.needAreas.first { $0.id == id }?.label.text(language) ?? id
    }
}
