import AtbalstsCore
import Reports
import Scoring
import Store

extension Runner {
    /// Stundu vērošana's numbers (SPEC 12.2) from the wave's stored observations; nil when the wave
    /// has none, so the sheet appears only when observations were imported.
    func observationReport(from database: AppDatabase) throws -> ObservationReport? {
        let observations = try database.observations(wave: pipeline.wave.id)
        guard !observations.isEmpty else { return nil }
        let instrumentID = pipeline.sources.first { $0.kind == .observation }?.instrument ?? ObservationDomains.instrumentID
        let instrument = try Seeds(directory: pipeline.seeds).instrument(instrumentID)
        var report = ObservationReport(
            observations: observations, instrument: instrument, register: try database.register(wave: pipeline.wave.id),
            settings: pipeline.settings)
        report.terms = try observationTerms(from: database, current: report.indicators, roles: report.observerRoles)
        return report
    }

    /// Every term up to this wave that has observations, oldest first, each scored the way the
    /// current one is — the same rule over the same kind of column gives each term's coverage
    /// the status its own workbook gave it (SPEC 8 across waves).
    func observationTerms(
        from database: AppDatabase, current: ObservationIndicators, roles: [Scale.Option]
    ) throws -> [ObservationTerm] {
        let earlier = try database.waveIDs().compactMap { Wave($0) }.filter { $0 < pipeline.wave }.sorted()
        var terms: [ObservationTerm] = []
        for wave in earlier {
            let observations = try database.observations(wave: wave.id)
            guard !observations.isEmpty else { continue }
            let indicators = ObservationIndicators(
                observations: observations, register: try database.register(wave: wave.id), roles: roles.map(\.value),
                settings: pipeline.settings)
            terms.append(ObservationTerm(wave: wave.id, indicators: indicators))
        }
        return terms + [ObservationTerm(wave: pipeline.wave.id, indicators: current)]
    }
}
