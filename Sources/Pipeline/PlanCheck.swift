import AtbalstsCore
import Foundation
import Ingest
import Reports
import Store

/// `check PIPELINE` on a `kind: plan` source (SPEC 12.1): what `run` would store — the wave the
/// plan is for, its municipal and association rows, every row it would quarantine — and the one
/// line that would stop it: not a plan, a wave the database does not hold, too many rows
/// that cannot be read. Reads the database without changing it.
struct PlanCheck {
    static let rowsListed = 10

    let source: PipelineFile.Source
    var parsed: ParsedPlan?
    var wave: Wave?
    /// What would stop `run` on this plan, as its one line.
    var failure: Error?

    init(source: PipelineFile.Source, instrument: Instrument, pipeline: PipelineFile) {
        self.source = source
        let name = source.file.lastPathComponent
        do {
            let parsed = try PlanVerdict.read(source, instrument: instrument)
            self.parsed = parsed
            let stored = try AppDatabase.storedWaves(path: pipeline.database.path) ?? []
            // The pipeline's own wave is stored by the same run before its plan is read.
            let known = pipeline.sources.contains { $0.kind == .needs } ? stored + [pipeline.wave.id] : stored
            wave = PlanVerdict.wave(of: parsed, stored: stored, pipelineWave: pipeline.wave)
            if let failure = PlanVerdict.failure(of: parsed, file: name, settings: pipeline.importSettings) {
                self.failure = failure
            } else if let wave, !known.contains(wave.id) {
                failure = PlanWaveMissing(file: name, wave: wave.id, known: stored)
            } else if wave == nil {
                failure = PlanWaveUnknown(file: name, wave: pipeline.wave.id)
            }
        } catch {
            failure = error
        }
    }

    var wouldSucceed: Bool { failure == nil }

    var lines: [String] {
        let name = source.file.lastPathComponent
        var lines = [
            say("source \(name) (plan): ", lv: "avots \(name) (plāns): ")
                + (wouldSucceed ? say("would import", lv: "tiktu importēts") : say("FAILS", lv: "NEIZDOSIES"))
        ]
        if let parsed {
            let associations = parsed.actions.filter { $0.learningArea != nil }.count
            let municipal = parsed.actions.count - associations
            let wave = self.wave?.id ?? "?"
            lines.append(
                say(
                    "  plan of wave \(wave): \(parsed.rowsRead) rows read — \(municipal) of the municipal plan, \(associations) of association plans, \(parsed.quarantine.count) quarantined",
                    lv:
                        "  kārtas \(wave) plāns: nolasītas \(parsed.rowsRead) rindas — \(municipal) novada plāna, \(associations) MA plānu, \(parsed.quarantine.count) atsijātas"
                ))
            let language = MessageLanguage.current
            for row in parsed.quarantine.prefix(Self.rowsListed) {
                let place = [row.column, row.value.map { "\"\($0)\"" }].compactMap { $0 }.joined(separator: " ")
                lines.append(
                    say("  line \(row.line)", lv: "  rinda \(row.line)") + (place.isEmpty ? "" : ", \(place)") + ": "
                        + row.reason.text(language))
            }
            if parsed.quarantine.count > Self.rowsListed {
                let more = parsed.quarantine.count - Self.rowsListed
                lines.append(say("  … and \(more) more", lv: "  … un vēl \(more)"))
            }
        }
        if let failure { lines.append("  → \(failure)") }
        return lines
    }
}
