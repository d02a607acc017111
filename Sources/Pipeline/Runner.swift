import AtbalstsCore
import Foundation
import Ingest
import Reports
import Scoring
import Store
import Synchronization

public enum AtbalstsVersion {
    public static let current = "0.1.0"
}

/// ingest → validate → store → score → report, each stage a step of its own (SPEC 6 `run`).
public struct Runner {
    public let pipeline: PipelineFile
    public let progress: RunProgress

    public init(pipeline: PipelineFile, progress: RunProgress = RunProgress()) {
        self.pipeline = pipeline
        self.progress = progress
    }

    public func run(dryRun: Bool = false) throws -> RunSummary {
        let lock = dryRun ? nil : try WorkspaceLock.acquire(for: pipeline.database, command: "run \(pipeline.path.lastPathComponent)")
        defer { lock?.release() }
        let seeds = Seeds(directory: pipeline.seeds)
        let register = try loadRegister()
        let key = try Workspace.loadKey(at: pipeline.pseudonymKey, pipeline: pipeline.path.path)
        let pseudonymizer = Pseudonymizer(key: key)
        // SPEC 5: every mapping key names something real before any file is read.
        let validation = MappingValidation(pipeline: pipeline, register: register)
        var instruments: [String: Instrument] = [:]
        for source in pipeline.sources where source.kind != .institutions {
            let instrument = try seeds.instrument(source.instrument)
            if source.kind != .plan { try validation.check(source, instrument: instrument) }
            instruments[source.instrument] = instrument
        }
        let fingerprint = Workspace.fingerprint(of: key)
        let database =
            dryRun
            ? nil
            : try AppDatabase(
                path: pipeline.database.path,
                // The instruments the run's survey files store under, registered with a new database.
                instruments: pipeline.sources.filter { $0.kind == .needs }.compactMap { instruments[$0.instrument] },
                keyFingerprint: fingerprint)
        try database?.useKey(fingerprint: fingerprint)
        var summary = RunSummary(wave: pipeline.wave.id, database: pipeline.database.path)

        for source in pipeline.sources {
            guard let instrument = instruments[source.instrument], source.kind != .institutions else { continue }
            switch source.kind {
            case .needs, .observation:
                summary.sources.append(
                    try importSource(source, instrument: instrument, register: register, pseudonymizer: pseudonymizer, into: database))
            case .selfAssessment:
                summary.sources.append(
                    importSelfAssessment(source, instrument: instrument, register: register, pseudonymizer: pseudonymizer, into: database))
            case .plan:
                summary.sources.append(importPlan(source, instrument: instrument, into: database))
            case .institutions:
                continue
            }
        }
        guard let database, !summary.failed else { return summary }
        return try report(from: database, summary: summary)
    }

    /// Re-renders the workbooks from stored data (SPEC 6 `report`).
    public func report() throws -> RunSummary {
        try withStoredWave(command: "report") { database in
            try report(from: database, summary: RunSummary(wave: pipeline.wave.id, database: pipeline.database.path))
        }
    }

    /// Runs `body` on the database under the workspace lock, when the database holds the
    /// pipeline's wave; else fails naming the waves it holds, creating nothing (SPEC 9).
    func withStoredWave<Result>(command: String, _ body: (AppDatabase) throws -> Result) throws -> Result {
        // No database: nothing to lock, and nothing created beside it (SPEC 9).
        guard FileManager.default.fileExists(atPath: pipeline.database.path) else {
            throw RunError.waveNotInDatabase(wave: pipeline.wave.id, database: pipeline.database.lastPathComponent, known: [])
        }
        let lock = try WorkspaceLock.acquire(for: pipeline.database, command: "\(command) \(pipeline.path.lastPathComponent)")
        defer { lock.release() }
        let database = try AppDatabase(path: pipeline.database.path)
        let waves = try database.waveIDs()
        guard waves.contains(pipeline.wave.id) else {
            throw RunError.waveNotInDatabase(wave: pipeline.wave.id, database: pipeline.database.lastPathComponent, known: waves)
        }
        return try body(database)
    }

    private func loadRegister() throws -> [Institution] {
        let file =
            pipeline.sources.first { $0.kind == .institutions }?.file
            ?? Seeds(directory: pipeline.seeds).defaultRegister
        return try Seeds.register(at: file)
    }

    private func readingOptions(_ source: PipelineFile.Source) -> SourceOptions { pipeline.readingOptions(source) }

    private func verdict(_ instrument: Instrument, _ register: [Institution]) -> SourceVerdict {
        SourceVerdict(instrument: instrument, register: register, settings: pipeline.importSettings, wave: pipeline.wave)
    }

    private func pipelineMistake(_ error: Error, source: PipelineFile.Source) -> PipelineError? {
        pipeline.mistake(error, source: source)
    }

    private func importSource(
        _ source: PipelineFile.Source, instrument: Instrument, register: [Institution],
        pseudonymizer: Pseudonymizer, into database: AppDatabase?
    ) throws -> RunSummary.SourceResult {
        let name = source.file.lastPathComponent
        do {
            guard let database else {
                let parsed = try SourceReader.read(
                    file: source.file, displayName: name, instrument: instrument, register: register,
                    pseudonymizer: pseudonymizer, options: readingOptions(source), progress: progress.reading(name))
                reportRead(name, parsed)
                if let failure = verdict(instrument, register).failure(of: parsed) { throw failure }
                return result(name, nil, parsed)
            }
            let (outcome, parsed) = try readAndStore(
                source, name: name, instrument: instrument, register: register, pseudonymizer: pseudonymizer, into: database)
            return result(name, outcome, parsed)
        } catch {
            if let mistake = pipelineMistake(error, source: source) { throw mistake }
            return failed(name, error)
        }
    }

    /// Ingest and store overlap: the file is parsed and mapped on one thread while this one
    /// inserts the rows already mapped, all inside the one transaction of the file (SPEC 9), so a
    /// file-level error found late — or a verdict that fails the file — still leaves nothing stored.
    private func readAndStore(
        _ source: PipelineFile.Source, name: String, instrument: Instrument, register: [Institution],
        pseudonymizer: Pseudonymizer, into database: AppDatabase
    ) throws -> (ImportOutcome, ParsedSource) {
        // Held here only until the hashing and parsing threads have their own: the last of them
        // to be done lets the file's pages go (at 300,000 rows unmapping them took 25 ms), not
        // this thread, which still stores.
        var file: FileBytes? = try SourceFile.read(source.file, name: name, maxSize: source.options.maxInputSize)
        let plainUTF8 = file!.plainUTF8
        // Small batches: the store keeps up with the parser, so all that is left when parsing
        // ends is a batch or two (a buffer of 4 × 1,024 rows left ~80 ms of inserts). Room for
        // more: the parser starts while the file's hash is still being computed, which this
        // thread waits for before it stores anything when a stored file has the file's size
        // (`SourceHash`). A mapped file is hashed from its start
        // as the parser starts (0.18 s at 300,000 rows): 320 batches of 256 rows, ~16 MB, let
        // the parser go on meanwhile; 64 stopped it for half that time.
        let handoff = Handoff<ResponseBatch>(capacity: 320)
        // A survey's e-mails are keyed as its rows are stored, on this thread, which has time
        // to spare (`PendingKeys`); an observation's teacher is keyed as it is read.
        let observations = source.kind == .observation
        let parsed = ThreadResult<ParsedSource>()
        let reading = DispatchGroup()
        let options = readingOptions(source)
        let onProgress = progress.reading(name)
        let language = MessageLanguage.current  // task-locals do not cross into GCD (STYLE.md)
        let sendResponses: (@Sendable ([ImportedResponse]) -> Bool)? =
            observations ? { @Sendable responses in handoff.send(ResponseBatch(responses)) } : nil
        let sendPending: (@Sendable (ResponseBatch) -> Bool)? =
            observations ? nil : { @Sendable batch in handoff.send(batch) }
        DispatchQueue.global().async(group: reading) { [bytes = file!.bytes] in
            MessageLanguage.$current.withValue(language) {
                defer { handoff.close() }
                do throws(IngestError) {
                    let result = try SourceReader.parse(
                        input: bytes, plainUTF8: plainUTF8, name: name, instrument: instrument, register: register,
                        pseudonymizer: pseudonymizer,
                        // No hashing on this thread: the SHA-256 is computed below, on the other.
                        options: options, sha256: "", progress: onProgress, batchSize: 256,
                        onBatch: sendResponses, onPendingBatch: sendPending)
                    parsed.set(.success(result))
                } catch var error {
                    error.file = name
                    parsed.set(.failure(error))
                }
            }
        }
        // Hashed as it was read, or on another thread while the parser reads. The store asks for
        // it first, to refuse a file imported before, unless no stored file has its size; then it
        // asks once the rows are in (`SourceHash`). The bytes are let go of on that thread or the
        // parser's, whichever is done last, not on this one.
        let hashed = ThreadResult<String>()
        let hashing = DispatchGroup()
        DispatchQueue.global().async(group: hashing) { [file = file!] in
            hashed.set(
                Result {
                    let sha256 = file.sha256() ?? Digest.sha256Hex(file.bytes)
                    // The hash's reads are over; the parser's are judged where it ends.
                    if file.bytes.changedWhileRead { throw IngestError(file: name, cause: .changedWhileRead) }
                    return sha256
                })
        }
        let hash = SourceHash(byteCount: file!.bytes.count) {
            hashing.wait()
            return try hashed.get()
        }
        file = nil
        defer {
            handoff.cancel()
            reading.wait()
            hashing.wait()
        }
        let fingerprint = ReadFingerprint.of(source, instrument: instrument, register: register, settings: pipeline.importSettings)
        let verdict = verdict(instrument, register)
        var read: ParsedSource?
        let finish = {
            reading.wait()
            let result = try parsed.get()
            read = result
            reportRead(name, result)
            // Thrown inside the file's transaction: a failing file leaves nothing stored.
            if let failure = verdict.failure(of: result) { throw failure }
            return SourceEnd(
                description: SourceDescription(
                    fileName: name, sha256: try hash.value(), kind: source.kind.rawValue, instrument: instrument.id,
                    format: result.format.rawValue, encoding: result.encoding.rawValue,
                    delimiter: Self.delimiterName(result.delimiter)),
                accepted: result.accepted, quarantine: result.quarantine,
                unreadable: result.findings.unreadableAnswers)
        }
        let outcome =
            observations
            // Observations keep their own table: a teacher observed twice supersedes nothing (SPEC 12.2).
            ? try database.importObservations(
                wave: pipeline.wave, register: register, hash: hash, fingerprint: fingerprint, fileName: name,
                instrument: instrument, nextBatch: { handoff.receive()?.responses }, finish: finish)
            : try database.importSource(
                wave: pipeline.wave, register: register, hash: hash, fingerprint: fingerprint, fileName: name,
                instrument: instrument, nextPendingBatch: handoff.receive, finish: finish)
        return (outcome, read!)
    }

    private func reportRead(_ name: String, _ parsed: ParsedSource) {
        progress.step(
            "ingest",
            say(
                "\(name): \(parsed.format.rawValue), \(parsed.encoding.rawValue), \(parsed.rowsRead) rows (\(parsed.accepted) accepted, \(parsed.quarantine.count) quarantined)",
                lv:
                    "\(name): \(parsed.format.rawValue), \(parsed.encoding.rawValue), \(parsed.rowsRead) rindas (\(parsed.accepted) pieņemtas, \(parsed.quarantine.count) atsijātas)"
            ))
    }

    private func importSelfAssessment(
        _ source: PipelineFile.Source, instrument: Instrument, register: [Institution],
        pseudonymizer: Pseudonymizer, into database: AppDatabase?
    ) -> RunSummary.SourceResult {
        let name = source.file.lastPathComponent
        do {
            let parsed = try SelfAssessmentReader.read(
                file: source.file, displayName: name, needAreas: instrument.needAreas, register: register,
                pseudonymizer: pseudonymizer, options: source.options)
            progress.step(
                "ingest",
                say(
                    "\(name): self-assessment (\(parsed.level.rawValue) level), \(parsed.encoding.rawValue), \(parsed.rowsRead) rows (\(parsed.ratings.count) accepted, \(parsed.quarantine.count) quarantined)",
                    lv:
                        "\(name): pašvērtējums (\(parsed.level.rawValue)), \(parsed.encoding.rawValue), \(parsed.rowsRead) rindas (\(parsed.ratings.count) pieņemtas, \(parsed.quarantine.count) atsijātas)"
                ))
            if let failure = SourceFailure.tooManyQuarantined(
                name, rows: parsed.rowsRead, reasons: parsed.quarantine.map(\.reason), maxShare: pipeline.importSettings.maxRejectedShare)
            {
                throw failure
            }
            let fingerprint = ReadFingerprint.of(source, instrument: instrument, register: register, settings: pipeline.importSettings)
            let outcome = try database.map { database in
                try database.importSelfAssessment(
                    wave: pipeline.wave, register: register,
                    source: SourceDescription(
                        fileName: name, sha256: parsed.sha256, kind: source.kind.rawValue, instrument: "",
                        format: "self-assessment", encoding: parsed.encoding.rawValue,
                        delimiter: Self.delimiterName(parsed.delimiter)),
                    byteCount: parsed.byteCount, fingerprint: fingerprint, ratings: parsed.ratings, quarantine: parsed.quarantine)
            }
            return result(name, outcome, read: parsed.rowsRead, accepted: parsed.ratings.count, quarantined: parsed.quarantine.count)
        } catch {
            return failed(name, error)
        }
    }

    private func failed(_ name: String, _ error: Error) -> RunSummary.SourceResult {
        progress.error("\(error)")
        return .init(file: name, status: .failed, rowsRead: 0, rowsAccepted: 0, rowsQuarantined: 0, error: "\(error)")
    }

    private func result(_ name: String, _ outcome: ImportOutcome?, _ parsed: ParsedSource) -> RunSummary.SourceResult {
        var result = result(name, outcome, read: parsed.rowsRead, accepted: parsed.accepted, quarantined: parsed.quarantine.count)
        let findings = parsed.findings
        // Unreadable submission times are stored with the answers (Datu kvalitāte) but said apart below.
        let unreadable = findings.unreadableAnswers.filter { $0.itemID != ItemID.submissionTime }.count
        result.unreadableAnswers = unreadable
        if unreadable > 0 {
            let items = findings.unreadableItems.map { "\($0) ×\(findings.unreadableCount[$0] ?? 0)" }.joined(separator: ", ")
            progress.step(
                "ingest",
                say(
                    "\(name): \(unreadable) answers match no label and count as missing for their item (\(items)); see the data-quality sheet",
                    lv:
                        "\(name): \(unreadable) atbildes neatbilst nevienai atbildei skalā un skaitās kā neatbildētas (\(items)); skatiet datu kvalitātes lapu"
                ))
        }
        if !findings.unknownInstitutions.isEmpty {
            let names = SourceFailure.counted(
                findings.unknownInstitutions.ranked.map {
                    ($0.value, $0.count, nil)
                })
            progress.step(
                "ingest",
                say(
                    "\(name): \(findings.unknownInstitutions.total) rows name an institution the register does not know, quarantined: \(names)",
                    lv: "\(name): \(findings.unknownInstitutions.total) rindas min reģistrā nezināmu iestādi, atsijātas: \(names)"))
        }
        if !findings.unreadableTimes.isEmpty {
            progress.step(
                "ingest",
                say(
                    "\(name): \(findings.unreadableTimes.total) submission times cannot be read and are kept without a time: \(SourceFailure.counted(findings.unreadableTimes.ranked.map { ($0.value, $0.count, nil) }))",
                    lv:
                        "\(name): \(findings.unreadableTimes.total) iesniegšanas laikus nevar nolasīt, tie saglabāti bez laika: \(SourceFailure.counted(findings.unreadableTimes.ranked.map { ($0.value, $0.count, nil) }))"
                ))
        }
        return result
    }

    /// What the store stage did with a read file; nil outcome = a dry run.
    private func result(
        _ name: String, _ outcome: ImportOutcome?, read: Int, accepted: Int, quarantined: Int
    ) -> RunSummary.SourceResult {
        let status: RunSummary.SourceResult.Status
        switch outcome {
        case nil:
            status = .checked
        case .imported:
            status = .imported
            progress.step(
                "store",
                say(
                    "\(name): stored in \(pipeline.database.lastPathComponent)",
                    lv: "\(name): saglabāts \(pipeline.database.lastPathComponent)"))
        case .alreadyImported(let wave):
            status = .alreadyImported
            progress.step(
                "store",
                say(
                    "\(name): already imported (wave \(wave)); nothing changed",
                    lv: "\(name): jau importēts (kārta \(wave)); nekas nemainās"))
        case .reimported:
            status = .reimported
            progress.step(
                "store",
                say(
                    "\(name): re-imported: mapping changed; the earlier reading is replaced",
                    lv: "\(name): importēts atkārtoti: mainījās sasaiste; iepriekšējais nolasījums aizstāts"))
        }
        return .init(file: name, status: status, rowsRead: read, rowsAccepted: accepted, rowsQuarantined: quarantined, error: nil)
    }

    /// The instrument of the pipeline's needs sources.
    func needsInstrument() throws -> Instrument {
        let instrumentID = pipeline.sources.first { $0.kind == .needs }?.instrument ?? "needs-v1"
        return try Seeds(directory: pipeline.seeds).instrument(instrumentID)
    }

    /// The council workbook's content for the pipeline's wave, computed from stored data.
    /// `responses`: the wave's, when the caller needs them too (see `ReportBuilder.build`).
    func councilReport(
        from database: AppDatabase, responses: [ScoredResponse]? = nil
    ) throws -> (report: CouncilReport, respondents: Int, instrument: Instrument) {
        let instrument = try needsInstrument()
        let observation = try observationReport(from: database)
        var builder = ReportBuilder(database: database, instrument: instrument, settings: pipeline.settings, wave: pipeline.wave)
        builder.observedWeakness = observation?.indicators.publishedWeaknesses ?? [:]
        var (report, respondents) = try builder.build(responses: responses)
        report.observation = observation
        return (report, respondents, instrument)
    }

    private func report(from database: AppDatabase, summary: RunSummary) throws -> RunSummary {
        var summary = summary
        let wave = pipeline.wave.id
        let outputs = pipeline.outputs
        // Institution workbooks group the responses themselves; the council's numbers alone are
        // counted from a table read without them.
        let responses =
            try outputs.institutionWorkbooks
            ? database.responses(wave: wave, instrument: needsInstrument()) : nil
        let (report, respondents, instrument) = try councilReport(from: database, responses: responses)
        summary.respondents = respondents
        summary.wavesInDatabase = try database.waveIDs().count
        guard respondents > 0 else { throw RunError.noRespondents(wave: wave) }
        progress.step(
            "score",
            say(
                "\(respondents) respondents, \(instrument.needAreas.count) need areas ranked",
                lv: "\(respondents) respondenti, sarindotas \(instrument.needAreas.count) vajadzību jomas"))

        try createDirectory(outputs.directory)
        OutputFile.removeStale(in: outputs.directory)
        let rejected = outputs.directory.appendingPathComponent("\(wave)-rejected.csv")
        if report.quarantine.isEmpty && report.unreadable.isEmpty {
            // Nothing rejected: no file that holds only its header, and none left from an earlier run.
            try? FileManager.default.removeItem(at: rejected)
        } else {
            try RejectedRows.write(report.quarantine, unreadable: report.unreadable, to: rejected)
            summary.rejectedFile = rejected.path
        }

        if outputs.councilWorkbook {
            let path = outputs.directory.appendingPathComponent("\(wave)-padome.xlsx").path
            try OutputFile.writeWorkbook(at: path) { temporary in
                try CouncilWorkbook.write(report, to: path, language: outputs.language, temporaryDirectory: temporary)
            }
            summary.workbooks.append(path)
            progress.step("report", say("council workbook: \(path)", lv: "novada pārskats: \(path)"))
        }
        if outputs.institutionWorkbooks {
            let builder = ReportBuilder(database: database, instrument: instrument, settings: pipeline.settings, wave: pipeline.wave)
            let context = try builder.institutionContext(
                council: report, responses: responses ?? [], includeComments: outputs.institutionComments)
            let eligible = context.eligible(pipeline.settings)
            summary.workbooks += try Self.inParallel(eligible.map(\.institution.code)) { index in
                let institution = try builder.institutionReport(eligible[index], context: context)
                let path = outputs.directory.appendingPathComponent(institution.fileName).path
                try OutputFile.writeWorkbook(at: path) { temporary in
                    try InstitutionWorkbook.write(institution, to: path, language: outputs.language, temporaryDirectory: temporary)
                }
                return path
            }
            let without = report.needs.institutions.filter { $0.respondents < pipeline.settings.minGroupSize }
            summary.institutionsWithoutWorkbook = without.map(\.institution.code)
            // SPEC 8: an institution hidden with × in the council workbook gets no workbook of its
            // own either (it would give the small group back); the run says so instead of going quiet.
            let written = Set(eligible.map(\.institution.code))
            let hidden = report.needs.institutions.filter {
                $0.respondents >= pipeline.settings.minGroupSize && !written.contains($0.institution.code)
            }.map(\.institution.code)
            summary.institutionsHiddenWithoutWorkbook = hidden
            let small = without.map(\.institution.code).joined(separator: ", ")
            let minimum = pipeline.settings.minGroupSize
            let workbooks = counted(
                eligible.count, ("institution workbook", "institution workbooks"), lv: ("iestādes pārskats", "iestāžu pārskati"))
            let institutions = counted(without.count, ("institution", "institutions"), lv: ("iestādei", "iestādēm"))
            progress.step(
                "report",
                say(
                    "\(workbooks); none for \(institutions) under \(minimum) respondents"
                        + (without.isEmpty ? "" : " (\(small))")
                        + (hidden.isEmpty
                            ? "" : "; none for \(hidden.joined(separator: ", ")), hidden so that a smaller group cannot be worked out"),
                    lv: "\(workbooks); nav \(institutions) ar mazāk nekā \(minimum) respondentiem"
                        + (without.isEmpty ? "" : " (\(small))")
                        + (hidden.isEmpty
                            ? "" : "; nav arī \(hidden.joined(separator: ", ")), kas slēptas, lai mazāku grupu nevarētu aprēķināt")))
        }
        return summary
    }

    func createDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code ?? Int((error as? CocoaError)?.errorCode ?? 0)
            throw OutputError(
                file: url.path, what: .outputFolder,
                cause: .init(systemError: Int32(code), folder: url.deletingLastPathComponent().path))
        }
    }

    /// Institution workbooks are independent: each is computed and written on whichever core is
    /// free, through its own libxlsxwriter workbook and private folder. Results keep their order;
    /// the first error, if any, is thrown, and no workbook is started after it (SPEC 9: a full
    /// disk stops the run at the first failed workbook, not 700 workbooks later).
    static func inParallel(_ items: [String], _ work: @Sendable (Int) throws -> String) throws -> [String] {
        let results = ParallelResults(count: items.count)
        let language = MessageLanguage.current  // task-locals do not cross into GCD (STYLE.md)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            MessageLanguage.$current.withValue(language) {
                guard !results.hasFailed else { return }
                do {
                    results.set(index, try work(index))
                } catch {
                    results.fail(error)
                }
            }
        }
        return try results.values()
    }

    static func delimiterName(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "\t"): return "tab"
        case 0: return "none"  // an .xlsx sheet
        default: return String(UnicodeScalar(byte))
        }
    }
}

/// Results and the first error of work done on several threads.
private final class ParallelResults: Sendable {
    private struct State {
        var results: [String?]
        var firstError: Error?
    }
    private let state: Mutex<State>

    init(count: Int) { state = Mutex(State(results: Array(repeating: nil, count: count))) }

    func set(_ index: Int, _ value: String) {
        state.withLock { $0.results[index] = value }
    }

    func fail(_ error: Error) {
        state.withLock { if $0.firstError == nil { $0.firstError = error } }
    }

    var hasFailed: Bool { state.withLock { $0.firstError != nil } }

    func values() throws -> [String] {
        let (results, firstError) = state.withLock { ($0.results, $0.firstError) }
        if let firstError { throw firstError }
        return results.compactMap { $0 }
    }
}
