import AtbalstsCore
import Foundation
import Ingest
import Reports
import Scoring
import Store

public enum AtbalstsVersion {
    public static let current = "0.1.0"
}

/// ingest → validate → store → score → report, each stage a step of its own (SPEC 6 `run`).
public struct Runner {
    public let pipeline: PipelineFile
    public let progress: Progress

    public init(pipeline: PipelineFile, progress: Progress = Progress()) {
        self.pipeline = pipeline
        self.progress = progress
    }

    public func run(dryRun: Bool = false) throws -> RunSummary {
        let seeds = Seeds(directory: pipeline.seeds)
        let register = try loadRegister()
        let key = try Workspace.loadKey(at: pipeline.pseudonymKey, pipeline: pipeline.path.path)
        let pseudonymizer = Pseudonymizer(key: key)
        let database = dryRun ? nil : try AppDatabase(path: pipeline.database.path)
        var summary = RunSummary(wave: pipeline.wave.id, database: pipeline.database.path)

        for source in pipeline.sources {
            switch source.kind {
            case .needs:
                let instrument = try seeds.instrument(source.instrument)
                summary.sources.append(
                    importSource(source, instrument: instrument, register: register, pseudonymizer: pseudonymizer, into: database))
            case .selfAssessment:
                let needAreas = try seeds.instrument(source.instrument).needAreas
                summary.sources.append(
                    importSelfAssessment(source, needAreas: needAreas, register: register, pseudonymizer: pseudonymizer, into: database))
            case .institutions:
                continue
            }
        }
        guard let database, !summary.failed else { return summary }
        return try report(from: database, summary: summary)
    }

    /// Re-renders the workbooks from stored data (SPEC 6 `report`).
    public func report() throws -> RunSummary {
        let database = try AppDatabase(path: pipeline.database.path)
        return try report(from: database, summary: RunSummary(wave: pipeline.wave.id, database: pipeline.database.path))
    }

    private func loadRegister() throws -> [Institution] {
        let file = pipeline.sources.first { $0.kind == .institutions }?.file
            ?? Seeds(directory: pipeline.seeds).defaultRegister
        return try Seeds.register(at: file)
    }

    private func importSource(
        _ source: PipelineFile.Source, instrument: Instrument, register: [Institution],
        pseudonymizer: Pseudonymizer, into database: AppDatabase?
    ) -> RunSummary.SourceResult {
        let name = source.file.lastPathComponent
        do {
            guard let database else {
                let parsed = try SourceReader.read(
                    file: source.file, displayName: name, instrument: instrument, register: register,
                    pseudonymizer: pseudonymizer, options: source.options, progress: progress.reading(name))
                reportRead(name, parsed)
                return result(name, nil, read: parsed.rowsRead, accepted: parsed.accepted, quarantined: parsed.quarantine.count)
            }
            let (outcome, parsed) = try readAndStore(
                source, name: name, instrument: instrument, register: register, pseudonymizer: pseudonymizer, into: database)
            return result(name, outcome, read: parsed.rowsRead, accepted: parsed.accepted, quarantined: parsed.quarantine.count)
        } catch {
            return failed(name, error)
        }
    }

    /// Ingest and store overlap: the file is parsed and mapped on one thread while this one
    /// inserts the rows already mapped, all inside the one transaction of the file (SPEC 9), so a
    /// file-level error found late still leaves nothing stored.
    private func readAndStore(
        _ source: PipelineFile.Source, name: String, instrument: Instrument, register: [Institution],
        pseudonymizer: Pseudonymizer, into database: AppDatabase
    ) throws -> (ImportOutcome, ParsedSource) {
        let bytes = try SourceFile.bytes(of: source.file, name: name, maxSize: source.options.maxInputSize)
        // Small batches, few in flight: the store keeps up with the parser, so all that is left
        // when parsing ends is one batch (a buffer of 4 × 1,024 rows left ~80 ms of inserts).
        let handoff = Handoff<[ImportedResponse]>(capacity: 2)
        let parsed = ThreadResult<ParsedSource>()
        let reading = DispatchGroup()
        let options = source.options
        let onProgress = progress.reading(name)
        DispatchQueue.global().async(group: reading) {
            defer { handoff.close() }
            do throws(IngestError) {
                let result = try SourceReader.parse(
                    bytes: bytes, name: name, instrument: instrument, register: register, pseudonymizer: pseudonymizer,
                    // No hashing on this thread: the SHA-256 is computed below, on the other.
                    options: options, sha256: "", progress: onProgress, batchSize: 256, onBatch: handoff.send)
                parsed.set(.success(result))
            } catch var error {
                error.file = name
                parsed.set(.failure(error))
            }
        }
        defer {
            handoff.cancel()
            reading.wait()
        }
        // Hashed here while the other thread parses: the store needs it first, to refuse a
        // file imported before.
        let sha256 = Digest.sha256Hex(bytes)
        var read: ParsedSource?
        let outcome = try database.importSource(
            wave: pipeline.wave, register: register, sha256: sha256, instrument: instrument,
            nextBatch: handoff.receive,
            finish: {
                reading.wait()
                let result = try parsed.get()
                read = result
                reportRead(name, result)
                return SourceEnd(
                    description: SourceDescription(
                        fileName: name, sha256: sha256, kind: source.kind.rawValue, instrument: instrument.id,
                        format: result.format.rawValue, encoding: result.encoding.rawValue,
                        delimiter: Self.delimiterName(result.delimiter)),
                    accepted: result.accepted, quarantine: result.quarantine)
            })
        return (outcome, read!)
    }

    private func reportRead(_ name: String, _ parsed: ParsedSource) {
        progress.step(
            "ingest",
            say(
                "\(name): \(parsed.format.rawValue), \(parsed.encoding.rawValue), \(parsed.rowsRead) rows (\(parsed.accepted) accepted, \(parsed.quarantine.count) quarantined)",
                lv: "\(name): \(parsed.format.rawValue), \(parsed.encoding.rawValue), \(parsed.rowsRead) rindas (\(parsed.accepted) pieņemtas, \(parsed.quarantine.count) atsijātas)"))
    }

    private func importSelfAssessment(
        _ source: PipelineFile.Source, needAreas: [ReferenceEntry], register: [Institution],
        pseudonymizer: Pseudonymizer, into database: AppDatabase?
    ) -> RunSummary.SourceResult {
        let name = source.file.lastPathComponent
        do {
            let parsed = try SelfAssessmentReader.read(
                file: source.file, displayName: name, needAreas: needAreas, register: register,
                pseudonymizer: pseudonymizer, options: source.options)
            progress.step(
                "ingest",
                say(
                    "\(name): self-assessment (\(parsed.level.rawValue) level), \(parsed.encoding.rawValue), \(parsed.rowsRead) rows (\(parsed.ratings.count) accepted, \(parsed.quarantine.count) quarantined)",
                    lv: "\(name): pašvērtējums (\(parsed.level.rawValue)), \(parsed.encoding.rawValue), \(parsed.rowsRead) rindas (\(parsed.ratings.count) pieņemtas, \(parsed.quarantine.count) atsijātas)"))
            let outcome = try database.map { database in
                try database.importSelfAssessment(
                    wave: pipeline.wave, register: register,
                    source: SourceDescription(
                        fileName: name, sha256: parsed.sha256, kind: source.kind.rawValue, instrument: "",
                        format: "self-assessment", encoding: parsed.encoding.rawValue,
                        delimiter: Self.delimiterName(parsed.delimiter)),
                    ratings: parsed.ratings, quarantine: parsed.quarantine)
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
            progress.step("store", say("\(name): stored in \(pipeline.database.lastPathComponent)", lv: "\(name): saglabāts \(pipeline.database.lastPathComponent)"))
        case .alreadyImported(let wave):
            status = .alreadyImported
            progress.step("store", say("\(name): already imported (wave \(wave)); nothing changed", lv: "\(name): jau importēts (kārta \(wave)); nekas nemainās"))
        }
        return .init(file: name, status: status, rowsRead: read, rowsAccepted: accepted, rowsQuarantined: quarantined, error: nil)
    }

    private func report(from database: AppDatabase, summary: RunSummary) throws -> RunSummary {
        var summary = summary
        let seeds = Seeds(directory: pipeline.seeds)
        let instrumentID = pipeline.sources.first { $0.kind == .needs }?.instrument ?? "needs-v1"
        let instrument = try seeds.instrument(instrumentID)
        let wave = pipeline.wave.id
        let (report, responses) = try ReportBuilder(
            database: database, instrument: instrument, settings: pipeline.settings, wave: pipeline.wave
        ).build()
        summary.respondents = responses.count
        summary.wavesInDatabase = try database.waves().count
        progress.step("score", say(
            "\(responses.count) respondents, \(instrument.needAreas.count) need areas ranked",
            lv: "\(responses.count) respondenti, sarindotas \(instrument.needAreas.count) vajadzību jomas"))

        let outputs = pipeline.outputs
        try createDirectory(outputs.directory)
        Self.removeStaleTemporaryFiles(in: outputs.directory)
        let rejected = outputs.directory.appendingPathComponent("\(wave)-rejected.csv")
        try RejectedRows.write(report.quarantine, to: rejected)
        summary.rejectedFile = rejected.path

        if outputs.councilWorkbook {
            let path = outputs.directory.appendingPathComponent("\(wave)-padome.xlsx").path
            try Self.withPrivateDirectory { temporary in
                try CouncilWorkbook.write(report, to: path, language: outputs.language, temporaryDirectory: temporary)
            }
            summary.workbooks.append(path)
            progress.step("report", say("council workbook: \(path)", lv: "novada pārskats: \(path)"))
        }
        if outputs.institutionWorkbooks {
            let builder = ReportBuilder(database: database, instrument: instrument, settings: pipeline.settings, wave: pipeline.wave)
            let context = try builder.institutionContext(
                council: report, responses: responses, includeComments: outputs.institutionComments)
            let eligible = context.eligible(pipeline.settings)
            summary.workbooks += try Self.inParallel(eligible.map(\.institution.code)) { index in
                let institution = try builder.institutionReport(eligible[index], context: context)
                let path = outputs.directory.appendingPathComponent(institution.fileName).path
                try Self.withPrivateDirectory { temporary in
                    try InstitutionWorkbook.write(institution, to: path, language: outputs.language, temporaryDirectory: temporary)
                }
                return path
            }
            let without = report.needs.institutions.filter { $0.respondents < pipeline.settings.minGroupSize }
            summary.institutionsWithoutWorkbook = without.map(\.institution.code)
            let small = without.map(\.institution.code).joined(separator: ", ")
            let minimum = pipeline.settings.minGroupSize
            progress.step(
                "report",
                say(
                    "\(eligible.count) institution workbooks; none for \(without.count) institutions under \(minimum) respondents"
                        + (without.isEmpty ? "" : " (\(small))"),
                    lv: "\(eligible.count) iestāžu pārskati; nav \(without.count) iestādēm ar mazāk nekā \(minimum) respondentiem"
                        + (without.isEmpty ? "" : " (\(small))")))
        }
        return summary
    }

    private func createDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw PipelineError(file: url.path, say("cannot create the output folder: \(error.localizedDescription)", lv: "nevar izveidot izvades mapi: \(error.localizedDescription)"))
        }
    }

    /// libxlsxwriter's working files hold survey data: they go to a folder only we can read.
    /// Institution workbooks are independent: each is computed and written on whichever core is
    /// free, through its own libxlsxwriter workbook and private folder. Results keep their order;
    /// the first error, if any, is thrown.
    static func inParallel(_ items: [String], _ work: @Sendable (Int) throws -> String) throws -> [String] {
        let results = ParallelResults(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            do {
                results.set(index, try work(index))
            } catch {
                results.fail(error)
            }
        }
        return try results.values()
    }

    /// Hidden temporary files (`.<name>.<pid>.tmp`) that a killed run left in the output folder:
    /// never a half workbook under its real name, and not left to pile up either.
    static func removeStaleTemporaryFiles(in directory: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp")
            && (name.contains(".xlsx.") || name.contains(".csv."))
        {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    static func withPrivateDirectory(_ body: (String) throws -> Void) throws {
        var template = Array((NSTemporaryDirectory() + "/atbalsts-XXXXXX").utf8CString)
        guard let created = mkdtemp(&template) else {
            throw PipelineError(file: NSTemporaryDirectory(), say("cannot create a private temporary folder", lv: "nevar izveidot privātu pagaidu mapi"))
        }
        let path = String(cString: created)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try body(path)
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
private final class ParallelResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [String?]
    private var firstError: Error?

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: String) {
        lock.lock()
        defer { lock.unlock() }
        results[index] = value
    }

    func fail(_ error: Error) {
        lock.lock()
        defer { lock.unlock() }
        if firstError == nil { firstError = error }
    }

    func values() throws -> [String] {
        lock.lock()
        defer { lock.unlock() }
        if let firstError { throw firstError }
        return results.compactMap { $0 }
    }
}
