import AtbalstsCore
import Foundation
import Scoring

/// What Stundu vērošana shows (SPEC 12.2), computed: the indicators and the instrument's words.
public struct ObservationReport: Sendable {
    public let indicators: ObservationIndicators
    /// Domain id → its name, from the instrument's grid headers.
    public let domainNames: [String: Bilingual]
    public let observerRoles: [Scale.Option]
    /// The current and earlier terms with observations in the database, oldest first, for coverage
    /// over terms (SPEC 12.2); empty when only this wave's numbers are known.
    public var terms: [ObservationTerm] = []

    public init(indicators: ObservationIndicators, domainNames: [String: Bilingual], observerRoles: [Scale.Option]) {
        self.indicators = indicators
        self.domainNames = domainNames
        self.observerRoles = observerRoles
    }

    /// Observations of a wave against the observation instrument and the register.
    public init(observations: [Observation], instrument: Instrument, register: [Institution], settings: ScoringSettings) {
        var names: [String: Bilingual] = [:]
        for item in instrument.items where item.row != nil {
            guard names[item.group] == nil, let open = item.header.lastIndex(of: "[") else { continue }
            let lv = item.header[..<open].trimmingCharacters(in: .whitespaces)
            names[item.group] = Bilingual(lv: lv, en: ObservationLabels.domainEnglish[item.group] ?? lv)
        }
        let roles = instrument.item(ObservationDomains.observerRoleItem)?.scale?.options ?? []
        self.init(
            indicators: ObservationIndicators(
                observations: observations, register: register, roles: roles.map(\.value), settings: settings),
            domainNames: names,
            observerRoles: roles)
    }
}
