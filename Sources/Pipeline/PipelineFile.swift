import AtbalstsCore
import Foundation
import Ingest
import Scoring
import Yams

/// A pipeline definition (SPEC 5). Paths are resolved against the pipeline file's folder.
public struct PipelineFile: Sendable {
    public enum SourceKind: String, Sendable, CaseIterable {
        case needs
        case selfAssessment = "self-assessment"
        case institutions
        /// Lesson observation records (SPEC 12.2), read through `observation-v1` by default.
        case observation
        case plan
    }

    public struct Source: Sendable {
        public let file: URL
        public let kind: SourceKind
        public let instrument: String
        public let options: SourceOptions
        public let line: Int?
        /// Lines of the mapping keys (`columns.need_digital`, `labels.need.Liela`,
        /// `not_asked.who5`, `institutions.EVĢ`), so a mistake found later names its line.
        public let keyLines: [String: Int]
    }

    /// How strictly sources are taken (SPEC 5 `settings:`, SPEC 9).
    public struct ImportSettings: Sendable {
        /// More quarantined rows, or unreadable answers to one item, than this share: the file fails.
        public var maxRejectedShare = 0.05
        /// Submission dates must fall in the wave's term.
        public var strictWaveDates = true
    }

    public struct Outputs: Sendable {
        public var directory: URL
        public var councilWorkbook = true
        public var institutionWorkbooks = true
        /// Free-text comments in institution workbooks (redacted); never in the council workbook.
        public var institutionComments = false
        public var language: Language = .lv
    }

    public let path: URL
    public internal(set) var wave: Wave
    public let database: URL
    public let seeds: URL
    public let pseudonymKey: URL
    public let sources: [Source]
    public let outputs: Outputs
    public let settings: ScoringSettings
    public let importSettings: ImportSettings

    static let topKeys: Set<String> = ["wave", "database", "seeds", "pseudonym_key", "sources", "outputs", "settings"]
    static let sourceKeys: Set<String> = [
        "file", "kind", "instrument", "format", "encoding", "columns", "labels", "not_asked", "institutions", "sheet",
    ]
    static let outputKeys: Set<String> = [
        "directory", "council_workbook", "institution_workbooks", "institution_comments", "language",
    ]
    static let settingKeys: Set<String> = [
        "min_group_size", "high_need_breadth_threshold", "priority_weights", "max_input_size", "max_rejected_share",
        "wave_dates",
    ]
    static let weightKeys = Set(PriorityWeights().named.map(\.key))

    public static func load(_ path: URL) throws(PipelineError) -> PipelineFile {
        let name = path.path
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path.path, isDirectory: &isFolder), isFolder.boolValue {
            let suggestion = path.appendingPathComponent("pipeline.yaml").path
            throw PipelineError(
                file: name, say("\(name) is a folder; did you mean \(suggestion)?", lv: "\(name) ir mape; vai domājāt \(suggestion)?"))
        }
        guard let data = FileManager.default.contents(atPath: path.path) else {
            throw PipelineError(
                file: name, say("pipeline file not found (check the path)", lv: "pipeline fails nav atrasts (pārbaudiet ceļu)"))
        }
        let root = try StrictMapping.document(String(decoding: data, as: UTF8.self), file: name)
        return try PipelineFile(root: root, path: path)
    }

    init(root: StrictMapping, path: URL) throws(PipelineError) {
        let file = root.file
        let base = path.deletingLastPathComponent()
        func resolve(_ relative: String) -> URL {
            relative.hasPrefix("/")
                ? URL(fileURLWithPath: relative) : base.appendingPathComponent(relative).standardizedFileURL
        }
        try root.allowOnly(Self.topKeys, in: "the pipeline")
        self.path = path
        let waveText = try root.required("wave", in: "the pipeline")
        guard let wave = Wave(waveText) else {
            throw PipelineError(
                file: file, line: root.keyLine("wave"),
                say(
                    "wave \"\(waveText)\" is not a school year and term such as 2026-27-autumn or 2026-27-spring",
                    lv: "kārta \"\(waveText)\" nav mācību gads un periods, piemēram, 2026-27-autumn vai 2026-27-spring"))
        }
        self.wave = wave
        database = resolve(try root.string("database") ?? "atbalsts.sqlite")
        seeds = resolve(try root.string("seeds") ?? "seeds")
        pseudonymKey = resolve(try root.string("pseudonym_key") ?? "atbalsts.key")

        var sources: [Source] = []
        let limits = try Self.inputLimits(try root.mapping("settings", in: "the pipeline"))
        for node in try root.sequence("sources") {
            let entry = try StrictMapping(node, file: file, what: "a source")
            try entry.allowOnly(Self.sourceKeys, in: "a source")
            sources.append(try Self.source(entry, limits: limits, resolve: resolve))
        }
        guard !sources.isEmpty else {
            throw PipelineError(
                file: file, line: root.line, say("the pipeline lists no `sources:`", lv: "pipeline nav norādīti `sources:`"))
        }
        self.sources = sources

        var outputs = Outputs(directory: resolve("out"))
        if let entry = try root.mapping("outputs", in: "the pipeline") {
            try entry.allowOnly(Self.outputKeys, in: "`outputs:`")
            if let directory = try entry.string("directory") { outputs.directory = resolve(directory) }
            outputs.councilWorkbook = try entry.bool("council_workbook") ?? true
            outputs.institutionWorkbooks = try entry.bool("institution_workbooks") ?? true
            outputs.institutionComments = try entry.bool("institution_comments") ?? false
            if let language = try entry.string("language") {
                guard let parsed = Language(rawValue: language) else {
                    throw PipelineError(
                        file: file, line: entry.keyLine("language"), say("language must be lv or en", lv: "valodai jābūt lv vai en"))
                }
                outputs.language = parsed
            }
        }
        self.outputs = outputs
        let settingsEntry = try root.mapping("settings", in: "the pipeline")
        settings = try Self.settings(settingsEntry)
        importSettings = try Self.importSettings(settingsEntry)
    }

    private static func importSettings(_ entry: StrictMapping?) throws(PipelineError) -> ImportSettings {
        var settings = ImportSettings()
        guard let entry else { return settings }
        if let share = try entry.number("max_rejected_share") {
            guard (0...1).contains(share) else {
                throw PipelineError(
                    file: entry.file, line: entry.keyLine("max_rejected_share"),
                    say("max_rejected_share must lie between 0 and 1", lv: "max_rejected_share jābūt no 0 līdz 1"))
            }
            settings.maxRejectedShare = share
        }
        if let dates = try entry.string("wave_dates") {
            guard dates == "strict" || dates == "off" else {
                throw PipelineError(
                    file: entry.file, line: entry.keyLine("wave_dates"),
                    say("wave_dates must be strict or off", lv: "wave_dates jābūt strict vai off"))
            }
            settings.strictWaveDates = dates == "strict"
        }
        return settings
    }

    /// `max_input_size` and `max_rejected_share` bound how every source is read (SPEC 4.1, 5).
    private static func inputLimits(_ entry: StrictMapping?) throws(PipelineError) -> SourceOptions {
        var limits = SourceOptions()
        if let text = try entry?.string("max_input_size") {
            guard let size = ByteSize.parse(text) else {
                throw PipelineError(
                    file: entry!.file, line: entry!.keyLine("max_input_size"),
                    say(
                        "max_input_size \"\(text)\" is no size such as 1GiB, 500MB or 1048576",
                        lv: "max_input_size \"\(text)\" nav izmērs, piemēram, 1GiB, 500MB vai 1048576"))
            }
            limits.maxInputSize = size
        }
        if let share = try entry?.number("max_rejected_share") {
            guard (0...1).contains(share) else {
                throw PipelineError(
                    file: entry!.file, line: entry!.keyLine("max_rejected_share"),
                    say("max_rejected_share must lie between 0 and 1", lv: "max_rejected_share jābūt no 0 līdz 1"))
            }
            limits.maxRejectedShare = share
        }
        return limits
    }

    private static func source(
        _ entry: StrictMapping, limits: SourceOptions, resolve: (String) -> URL
    ) throws(PipelineError) -> Source {
        let file = entry.file
        let kindText = try entry.string("kind") ?? "needs"
        guard let kind = SourceKind(rawValue: kindText) else {
            throw PipelineError(
                file: file, line: entry.keyLine("kind"),
                say(
                    "kind \"\(kindText)\" is not one of needs, self-assessment, institutions, observation, plan",
                    lv: "veids \"\(kindText)\" nav needs, self-assessment, institutions, observation vai plan"))
        }
        var options = limits
        if let sheet = try entry.string("sheet"), !sheet.isEmpty { options.sheet = sheet }
        if let format: SourceFormat = try entry.choice("format", ("format", "formāts")) { options.format = format }
        if let encoding: EncodingChoice = try entry.choice("encoding", ("encoding", "kodējums")) { options.encoding = encoding }
        if let columns = try entry.mapping("columns", in: "a source") {
            for key in columns.keys { options.columns[key] = try columns.required(key, in: "`columns:`") }
        }
        var keyLines: [String: Int] = [:]
        if let columns = try entry.mapping("columns", in: "a source") {
            for key in columns.keys { keyLines["columns.\(key)"] = columns.keyLine(key) }
        }
        if let labels = try entry.mapping("labels", in: "a source") {
            for scale in labels.keys {
                keyLines["labels.\(scale)"] = labels.keyLine(scale)
                guard let table = try labels.mapping(scale, in: "`labels:`") else { continue }
                var values: [String: LabelTarget] = [:]
                for label in table.keys {
                    keyLines["labels.\(scale).\(label)"] = table.keyLine(label)
                    // A number is a value on a scale; a word is a multi-select option id (or `other`).
                    guard let text = try table.string(label), !text.isEmpty else {
                        throw PipelineError(
                            file: file, line: table.keyLine(label),
                            say(
                                "label \"\(label)\" needs a value: a number on the scale, or an option id",
                                lv: "atbildei \"\(label)\" vajag vērtību: skaitli skalā vai varianta id"))
                    }
                    if let number = Double(text) {
                        guard number == number.rounded() else {
                            throw PipelineError(
                                file: file, line: table.keyLine(label),
                                say("label \"\(label)\" needs a whole-number value", lv: "atbildei \"\(label)\" vajag veselu skaitli"))
                        }
                        values[label] = .value(Int(number))
                    } else {
                        values[label] = .option(text)
                    }
                }
                options.labels[scale] = values
            }
        }
        if let notAsked = entry.value("not_asked") {
            let nodes: [Yams.Node]
            if let scalar = notAsked.scalar {
                nodes = scalar.string.isEmpty || scalar.string == "[]" ? [] : [notAsked]
            } else {
                nodes = try entry.sequence("not_asked")
            }
            for node in nodes {
                guard let id = node.scalar?.string, !id.isEmpty else {
                    throw PipelineError(
                        file: file, line: node.mark?.line,
                        say(
                            "`not_asked:` lists item ids or blocks, e.g. [need_exams, who5]",
                            lv: "`not_asked:` uzskaita jautājumu id vai blokus, piemēram, [need_exams, who5]"))
                }
                options.notAsked.insert(id)
                keyLines["not_asked.\(id)"] = node.mark?.line
            }
        }
        if let institutions = try entry.mapping("institutions", in: "a source") {
            for typed in institutions.keys {
                options.institutions[typed] = try institutions.required(typed, in: "`institutions:`")
                keyLines["institutions.\(typed)"] = institutions.keyLine(typed)
            }
        }
        return Source(
            file: resolve(try entry.required("file", in: "a source")), kind: kind,
            instrument: try entry.string("instrument") ?? (kind == .observation ? ObservationDomains.instrumentID : "needs-v1"),
            options: options, line: entry.line,
            keyLines: keyLines)
    }

    private static func settings(_ entry: StrictMapping?) throws(PipelineError) -> ScoringSettings {
        var settings = ScoringSettings()
        guard let entry else { return settings }
        try entry.allowOnly(Self.settingKeys, in: "`settings:`")
        if let size = try entry.number("min_group_size") {
            guard size >= 1, size == size.rounded() else {
                throw PipelineError(
                    file: entry.file, line: entry.keyLine("min_group_size"),
                    say("min_group_size must be a whole number ≥ 1", lv: "min_group_size jābūt veselam skaitlim ≥ 1"))
            }
            settings.minGroupSize = Int(size)
        }
        if let threshold = try entry.number("high_need_breadth_threshold") {
            guard (0...1).contains(threshold) else {
                throw PipelineError(
                    file: entry.file, line: entry.keyLine("high_need_breadth_threshold"),
                    say("high_need_breadth_threshold must lie between 0 and 1", lv: "high_need_breadth_threshold jābūt no 0 līdz 1"))
            }
            settings.highNeedBreadthThreshold = threshold
        }
        if let weights = try entry.mapping("priority_weights", in: "`settings:`") {
            try weights.allowOnly(Self.weightKeys, in: "`priority_weights:`")
            func weight(_ key: String, _ fallback: Double) throws(PipelineError) -> Double {
                let value = try weights.number(key) ?? fallback
                guard value >= 0 else {
                    throw PipelineError(
                        file: entry.file, line: weights.keyLine(key),
                        say("weight `\(key)` must not be negative", lv: "svars `\(key)` nedrīkst būt negatīvs"))
                }
                return value
            }
            settings.weights.highNeed = try weight("high_need", settings.weights.highNeed)
            settings.weights.intensity = try weight("intensity", settings.weights.intensity)
            settings.weights.gap = try weight("gap", settings.weights.gap)
            settings.weights.breadth = try weight("breadth", settings.weights.breadth)
            settings.weights.trend = try weight("trend", settings.weights.trend)
            settings.weights.observed = try weight("observed", settings.weights.observed)
        }
        return settings
    }
}

extension PipelineFile {
    /// The source's options as the reader needs them: the term window when dates are strict.
    func readingOptions(_ source: Source) -> SourceOptions {
        var options = source.options
        if importSettings.strictWaveDates { options.term = wave.termWindow }
        return options
    }

    /// A `columns:` target that matches no header is the pipeline's mistake (exit 2), named at its line.
    func mistake(_ error: Error, source: Source) -> PipelineError? {
        guard let error = error as? IngestError else { return nil }
        switch error.cause {
        case .mappedColumnMissing(let item, _, _), .unknownItem(let item, _):
            return PipelineError(
                file: path.path, line: source.keyLines["columns.\(item)"] ?? source.line,
                "\(source.file.lastPathComponent): \(error.message)")
        default:
            return nil
        }
    }
}
