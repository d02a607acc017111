import AtbalstsCore
import Foundation
import Ingest

/// `atbalsts check PIPELINE [--suggest]` (SPEC 6): everything `run` would do with the pipeline's
/// own mapping, storing nothing — and, with `--suggest`, the mapping blocks to paste.
public struct PipelineCheck {
    /// What reading one source found, or the file-level error that stopped it.
    struct SourceCheck {
        let source: PipelineFile.Source
        let instrument: Instrument
        var parsed: ParsedSource?
        var error: Error?
        var verdict: SourceFailure?
        /// A `columns:` target that matches no header: the item and the closest header.
        var unmatchedColumn: (item: String, closest: String?)?
        /// The file read again with the suggested columns, so their answers are seen too.
        var withSuggestedColumns: ParsedSource?
    }

    let pipeline: PipelineFile
    let register: [Institution]
    var checks: [SourceCheck] = []
    var planChecks: [PlanCheck] = []

    /// Reads every needs source as `run` would. Pipeline mistakes found before reading (an unknown
    /// key, a value off its scale) are thrown: exit 2, as for `run`.
    public init(pipeline: PipelineFile) throws {
        self.pipeline = pipeline
        let seeds = Seeds(directory: pipeline.seeds)
        let registerFile = pipeline.sources.first { $0.kind == .institutions }?.file ?? seeds.defaultRegister
        register = try Seeds.register(at: registerFile)
        let validation = MappingValidation(pipeline: pipeline, register: register)
        let pseudonymizer = Pseudonymizer(key: Digest.randomBytes(32))
        for source in pipeline.sources where source.kind == .needs || source.kind == .observation {
            let instrument = try seeds.instrument(source.instrument)
            try validation.check(source, instrument: instrument)
            var check = SourceCheck(source: source, instrument: instrument)
            do {
                let parsed = try SourceReader.read(
                    file: source.file, displayName: source.file.lastPathComponent, instrument: instrument,
                    register: register, pseudonymizer: pseudonymizer, options: pipeline.readingOptions(source))
                check.parsed = parsed
                let verdict = SourceVerdict(
                    instrument: instrument, register: register, settings: pipeline.importSettings, wave: pipeline.wave)
                check.verdict = verdict.failure(of: parsed)
                // The suggested columns' answers have labels to suggest too: read once more with them.
                var options = pipeline.readingOptions(source)
                var unmapped = parsed.findings.unmappedHeaders
                for item in parsed.findings.missingItems {
                    guard let header = verdict.closestHeader(for: item, in: unmapped) else { continue }
                    options.columns[item] = header
                    unmapped.removeAll { $0 == header }
                }
                if options.columns != source.options.columns {
                    check.withSuggestedColumns = try? SourceReader.read(
                        file: source.file, displayName: source.file.lastPathComponent, instrument: instrument,
                        register: register, pseudonymizer: pseudonymizer, options: options)
                }
            } catch {
                if case .mappedColumnMissing(let item, _, let closest) = error.cause {
                    check.unmatchedColumn = (item, closest)
                }
                check.error = pipeline.mistake(error, source: source) ?? error
            }
            checks.append(check)
        }
        for source in pipeline.sources where source.kind == .plan {
            planChecks.append(PlanCheck(source: source, instrument: try seeds.instrument(source.instrument), pipeline: pipeline))
        }
    }

    /// Whether `run` would import every source.
    public var wouldSucceed: Bool {
        checks.allSatisfy { $0.error == nil && $0.verdict == nil } && planChecks.allSatisfy(\.wouldSucceed)
    }

    public func text(suggest: Bool) -> String {
        var lines: [String] = []
        for check in checks {
            lines += report(check)
            if suggest { lines += [""] + suggestion(for: check) }
            lines.append("")
        }
        for check in planChecks { lines += check.lines + [""] }
        lines.append(
            wouldSucceed
                ? say("verdict: `atbalsts run` would import every source", lv: "secinājums: `atbalsts run` importētu visus avotus")
                : say(
                    "verdict: `atbalsts run` would fail (exit 1) on the sources marked FAILS above",
                    lv: "secinājums: `atbalsts run` neizdotos (kods 1) avotiem, kas augstāk atzīmēti NEIZDOSIES"))
        return lines.joined(separator: "\n")
    }

    private func report(_ check: SourceCheck) -> [String] {
        let name = check.source.file.lastPathComponent
        guard let parsed = check.parsed else {
            return [
                say("source \(name): FAILS", lv: "avots \(name): NEIZDOSIES"),
                "  \(check.error.map { "\($0)" } ?? "")",
            ]
        }
        var lines = [
            say("source \(name): ", lv: "avots \(name): ")
                + (check.verdict == nil ? say("would import", lv: "tiktu importēts") : say("FAILS", lv: "NEIZDOSIES")),
            CheckReport(parsed: parsed, instrument: check.instrument, problems: 5).text
                .split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }.joined(separator: "\n"),
        ]
        let findings = parsed.findings
        let verdict = SourceVerdict(
            instrument: check.instrument, register: register, settings: pipeline.importSettings, wave: pipeline.wave)
        if !check.source.options.notAsked.isEmpty {
            lines.append(say("  not asked: ", lv: "  nav jautāts: ") + check.source.options.notAsked.sorted().joined(separator: ", "))
        }
        for item in check.instrument.items.map(\.id) {
            guard let values = findings.unreadable[item] else { continue }
            let answered = findings.answered[item] ?? 0
            lines.append(
                say(
                    "  \(item): \(findings.unreadableCount[item] ?? 0) of \(answered) answers in accepted rows match no label; in all rows:",
                    lv:
                        "  \(item): \(findings.unreadableCount[item] ?? 0) no \(answered) atbildēm pieņemtajās rindās neatbilst nevienai atbildei skalā; visās rindās:"
                ))
            for entry in values.ranked.prefix(12) {
                let closest =
                    verdict.closestLabel(entry.value, item: item).map { say(" (closest \"\($0)\")", lv: " (tuvākais \"\($0)\")") } ?? ""
                lines.append("    \"\(entry.value)\" ×\(entry.count)\(closest)")
            }
        }
        if !findings.unknownInstitutions.isEmpty {
            lines.append(
                say(
                    "  institutions not in the register (\(counted(findings.unknownInstitutions.total, ("row", "rows"), lv: ("rinda", "rindas")))):",
                    lv:
                        "  iestādes, kuru nav reģistrā (\(counted(findings.unknownInstitutions.total, ("row", "rows"), lv: ("rinda", "rindas")))):"
                ))
            for entry in findings.unknownInstitutions.ranked.prefix(12) {
                let closest = verdict.closestInstitution(entry.value).map { say(" (closest \($0))", lv: " (tuvākā \($0))") } ?? ""
                lines.append("    \"\(entry.value)\" ×\(entry.count)\(closest)")
            }
        }
        if !findings.datesOutsideTerm.isEmpty {
            let window = pipeline.wave.termWindow
            lines.append(
                say(
                    "  \(findings.datesOutsideTerm.total) submission dates outside \(pipeline.wave.id) (\(window.lowerBound) – \(window.upperBound)): ",
                    lv:
                        "  \(findings.datesOutsideTerm.total) iesniegšanas datumi ārpus \(pipeline.wave.id) (\(window.lowerBound) – \(window.upperBound)): "
                )
                    + SourceFailure.counted(findings.datesOutsideTerm.ranked.map { ($0.value, $0.count, nil) }))
        }
        if !findings.unreadableTimes.isEmpty {
            lines.append(
                say("  submission times that cannot be read: ", lv: "  nenolasāmi iesniegšanas laiki: ")
                    + SourceFailure.counted(findings.unreadableTimes.ranked.map { ($0.value, $0.count, nil) }))
        }
        if let failure = check.verdict { lines.append("  → \(failure)") }
        return lines
    }

    /// The source's `columns:`, `labels:`, `not_asked:` and `institutions:` as they would have to
    /// be: what the pipeline says now, plus an entry for every problem found. Pasted over the
    /// source's own keys, the next run reads the file completely (or the comments say what is
    /// left for a person to decide).
    func suggestion(for check: SourceCheck) -> [String] {
        let options = check.source.options
        var columns = options.columns
        var labels = options.labels.mapValues { $0.mapValues { "\($0)" } }
        var comments: [String: String] = [:]
        var notAsked = options.notAsked
        var institutions = options.institutions
        let verdict = SourceVerdict(
            instrument: check.instrument, register: register, settings: pipeline.importSettings, wave: pipeline.wave)

        if let unmatched = check.unmatchedColumn {
            // A `columns:` target that matches no header: the closest header instead, when there is one.
            if let closest = unmatched.closest {
                columns[unmatched.item] = closest
            } else {
                columns[unmatched.item] = nil
                comments["columns"] = say(
                    "\(unmatched.item): no header is like the `columns:` target; run `atbalsts check FILE` to see the headers",
                    lv: "\(unmatched.item): neviens virsraksts nav līdzīgs `columns:` mērķim; `atbalsts check FILE` parāda virsrakstus")
            }
        }
        if let parsed = check.parsed {
            let findings = parsed.findings
            let answers = (check.withSuggestedColumns ?? parsed).findings
            var unmapped = findings.unmappedHeaders
            var missing: [String] = []
            for item in findings.missingItems {
                if let header = verdict.closestHeader(for: item, in: unmapped) {
                    columns[item] = header
                    unmapped.removeAll { $0 == header }
                } else {
                    missing.append(item)
                }
            }
            // A whole block missing is named as the block (`who5`), not item by item.
            let byGroup = Dictionary(grouping: missing) { check.instrument.item($0)?.group ?? $0 }
            for (group, items) in byGroup {
                let all = check.instrument.items.filter { $0.group == group }.map(\.id)
                if Set(all) == Set(items) { notAsked.insert(group) } else { notAsked.formUnion(items) }
            }
            for item in check.instrument.items where answers.unreadable[item.id] != nil {
                let key: String
                switch item.kind {
                case .scaled(let scale, _): key = scale.id
                case .multi: key = item.id
                case .institution, .text: continue
                }
                let accepted = SourceVerdict.labels(of: item)
                for entry in answers.unreadable[item.id]!.ranked where labels[key]?[entry.value] == nil {
                    if let closest = closestText(entry.value, in: accepted.map(\.text)),
                        let target = accepted.first(where: { $0.text == closest })?.target
                    {
                        labels[key, default: [:]][entry.value] = "\(target)"
                        comments["\(key)\u{0}\(entry.value)"] = say("closest \"\(closest)\"", lv: "tuvākais \"\(closest)\"")
                    } else {
                        labels[key, default: [:]][entry.value] = "null"
                        let choices = Self.choices(for: item)
                        comments["\(key)\u{0}\(entry.value)"] = say("choose: \(choices)", lv: "izvēlieties: \(choices)")
                    }
                }
            }
            for entry in findings.unknownInstitutions.ranked where institutions[entry.value] == nil {
                if let closest = verdict.closestInstitution(entry.value) {
                    let code = String(closest.prefix { $0 != " " })
                    institutions[entry.value] = code
                    comments["institutions\u{0}\(entry.value)"] = String(closest.drop { $0 != " " }.dropFirst())
                } else {
                    institutions[entry.value] = "null"
                    comments["institutions\u{0}\(entry.value)"] = say(
                        "not in the register: a register code, or add the institution to the register",
                        lv: "nav reģistrā: reģistra kods, vai pievienojiet iestādi reģistram")
                }
            }
        }

        var lines = [
            say(
                "# paste over the keys of the source `\(check.source.file.lastPathComponent)` (indented as a source entry):",
                lv: "# ielīmējiet avota `\(check.source.file.lastPathComponent)` atslēgu vietā (ar avota atkāpi):")
        ]
        func comment(_ key: String) -> String { comments[key].map { "  # \($0)" } ?? "" }
        if let note = comments["columns"] { lines.append("    # \(note)") }
        if !columns.isEmpty {
            lines.append("    columns:")
            for (item, target) in columns.sorted(by: { $0.key < $1.key }) { lines.append("      \(item): \(Self.quoted(target))") }
        }
        if !labels.isEmpty {
            lines.append("    labels:")
            for (key, table) in labels.sorted(by: { $0.key < $1.key }) {
                lines.append("      \(key):")
                for (text, value) in table.sorted(by: { $0.key < $1.key }) {
                    lines.append("        \(Self.quoted(text)): \(value)\(comment("\(key)\u{0}\(text)"))")
                }
            }
        }
        if !notAsked.isEmpty { lines.append("    not_asked: [\(notAsked.sorted().joined(separator: ", "))]") }
        if !institutions.isEmpty {
            lines.append("    institutions:")
            for (typed, code) in institutions.sorted(by: { $0.key < $1.key }) {
                lines.append("      \(Self.quoted(typed)): \(code)\(comment("institutions\u{0}\(typed)"))")
            }
        }
        if lines.count == 1 {
            lines.append(say("#   (nothing to add: the file reads completely)", lv: "#   (nekas nav jāpievieno: fails nolasās pilnībā)"))
        }
        return lines
    }

    static func choices(for item: Item) -> String {
        switch item.kind {
        case .scaled(let scale, _): return scale.options.map { "\($0.value) \($0.label.lv)" }.joined(separator: ", ")
        case .multi(let options): return options.map(\.id).joined(separator: ", ")
        case .institution, .text: return ""
        }
    }

    /// A YAML double-quoted scalar: safe for colons, `#`, leading dashes and quotes in survey texts.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
