import AtbalstsCore
import Foundation
import Ingest
import Store

/// A plan source names no wave and the database holds none before the pipeline's.
struct PlanWaveUnknown: Error, CustomStringConvertible {
    let file: String
    let wave: String

    var description: String {
        say(
            "\(file): the plan names no wave in its heading and the database holds no wave before \(wave); import the plan with the council workbook's own plan sheet, or run the wave it was made for first",
            lv:
                "\(file): plāna virsrakstā nav norādīta kārta, un datubāzē nav kārtas pirms \(wave); importējiet novada pārskata plāna lapu vai vispirms apstrādājiet kārtu, kurai plāns veidots"
        )
    }
}

/// What `run` and `check` both decide about a plan read back: the wave it is for, and whether
/// it fails on its quarantined rows.
enum PlanVerdict {
    /// The wave its heading names, or, for a sheet without its heading, the latest stored wave
    /// before the pipeline's.
    static func wave(of parsed: ParsedPlan, stored: [String], pipelineWave: Wave) -> Wave? {
        parsed.wave ?? stored.compactMap(Wave.init).filter { $0 < pipelineWave }.max()
    }

    /// More than `max_rejected_share` of its rows quarantined: the plan fails (SPEC 9).
    static func failure(of parsed: ParsedPlan, file: String, settings: PipelineFile.ImportSettings) -> SourceFailure? {
        SourceFailure.tooManyQuarantined(
            file, rows: parsed.rowsRead, reasons: parsed.quarantine.map(\.reason), maxShare: settings.maxRejectedShare)
    }

    static func read(_ source: PipelineFile.Source, instrument: Instrument) throws(IngestError) -> ParsedPlan {
        try PlanReader.read(
            file: source.file, displayName: source.file.lastPathComponent, needAreas: instrument.needAreas,
            learningAreas: instrument.multiSelect(ItemID.learningAreas)?.options ?? [], options: source.options)
    }
}

extension Runner {
    /// `kind: plan` (SPEC 12.1): the edited Pilnveides plāns, stored against the wave it was planned
    /// in — the wave its heading names, or, for a sheet without its heading, the latest wave in the
    /// database before the pipeline's.
    func importPlan(_ source: PipelineFile.Source, instrument: Instrument, into database: AppDatabase?) -> RunSummary.SourceResult {
        let name = source.file.lastPathComponent
        do {
            let parsed = try PlanVerdict.read(source, instrument: instrument)
            let wave = PlanVerdict.wave(of: parsed, stored: try database?.waveIDs() ?? [], pipelineWave: pipeline.wave)
            progress.step(
                "ingest",
                say(
                    "\(name): plan for wave \(wave?.id ?? "?"), \(parsed.rowsRead) rows (\(parsed.actions.count) accepted, \(parsed.quarantine.count) quarantined)",
                    lv:
                        "\(name): plāns kārtai \(wave?.id ?? "?"), \(parsed.rowsRead) rindas (\(parsed.actions.count) pieņemtas, \(parsed.quarantine.count) atsijātas)"
                ))
            if let failure = PlanVerdict.failure(of: parsed, file: name, settings: pipeline.importSettings) { throw failure }
            guard let database else {
                return planResult(name, nil, parsed)
            }
            guard let wave else { throw PlanWaveUnknown(file: name, wave: pipeline.wave.id) }
            let fingerprint = ReadFingerprint.of(source, instrument: instrument, register: [], settings: pipeline.importSettings)
            let outcome = try database.importPlan(
                wave: wave.id,
                source: SourceDescription(
                    fileName: name, sha256: parsed.sha256, kind: source.kind.rawValue, instrument: "", format: "plan",
                    encoding: parsed.encoding.rawValue, delimiter: Self.delimiterName(parsed.delimiter)),
                byteCount: parsed.byteCount, fingerprint: fingerprint, actions: parsed.actions, quarantine: parsed.quarantine)
            return planResult(name, outcome, parsed)
        } catch {
            progress.error("\(error)")
            return .init(file: name, status: .failed, rowsRead: 0, rowsAccepted: 0, rowsQuarantined: 0, error: "\(error)")
        }
    }

    private func planResult(_ name: String, _ outcome: ImportOutcome?, _ parsed: ParsedPlan) -> RunSummary.SourceResult {
        let status: RunSummary.SourceResult.Status
        switch outcome {
        case nil: status = .checked
        case .imported:
            status = .imported
            progress.step("store", say("\(name): plan stored", lv: "\(name): plāns saglabāts"))
        case .alreadyImported(let wave):
            status = .alreadyImported
            progress.step(
                "store",
                say(
                    "\(name): already imported (plan of wave \(wave)); nothing changed",
                    lv: "\(name): jau importēts (kārtas \(wave) plāns); nekas nemainās"))
        case .reimported:
            status = .reimported
            progress.step(
                "store",
                say(
                    "\(name): re-imported: the earlier plan of its wave is replaced",
                    lv: "\(name): importēts atkārtoti: iepriekšējais kārtas plāns aizstāts"))
        }
        return .init(
            file: name, status: status, rowsRead: parsed.rowsRead, rowsAccepted: parsed.actions.count,
            rowsQuarantined: parsed.quarantine.count, error: nil)
    }
}
