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
        return ObservationReport(
            observations: observations, instrument: try Seeds(directory: pipeline.seeds).instrument(instrumentID),
            register: try database.register(wave: pipeline.wave.id), settings: pipeline.settings)
    }
}
