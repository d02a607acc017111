import AtbalstsCore
import Foundation
import Ingest
import Reports

/// Why a whole file is refused after it was read (SPEC 9 "the file fails"): nothing of it is
/// stored, and the one line says what was found, how often, and what to write in the pipeline.
public struct SourceFailure: Error, CustomStringConvertible, Sendable {
    public enum Cause: Sendable {
        /// Items with no column, each with the unmapped header most like it.
        case missingItems([(item: String, closest: String?)])
        case datesOutsideTerm(wave: String, window: ClosedRange<String>, dates: [(value: String, count: Int)], total: Int)
        /// `reasons`: every quarantined row's, as values: they become words when the message is shown.
        case tooManyQuarantined(count: Int, rows: Int, share: Double, reasons: [QuarantineReason])
        case unknownInstitutions(count: Int, rows: Int, share: Double, names: [(value: String, count: Int, closest: String?)])
        case unreadableAnswers(
            item: String, count: Int, answered: Int, share: Double, values: [(value: String, count: Int, closest: String?)])
    }

    public let file: String
    public let cause: Cause

    /// How many distinct values a message lists.
    static let listed = 4

    /// More than `maxShare` of the rows quarantined (SPEC 9): the file fails, naming the reasons.
    static func tooManyQuarantined(_ file: String, rows: Int, reasons: [QuarantineReason], maxShare: Double) -> SourceFailure? {
        guard rows > 0, Double(reasons.count) / Double(rows) > maxShare else { return nil }
        return SourceFailure(
            file: file,
            cause: .tooManyQuarantined(count: reasons.count, rows: rows, share: Double(reasons.count) / Double(rows), reasons: reasons))
    }

    public var description: String {
        let advice = say(
            "`atbalsts check PIPELINE --suggest` prints the block to paste",
            lv: "`atbalsts check PIPELINE --suggest` izdrukā bloku, ko ielīmēt")
        switch cause {
        case .missingItems(let items):
            let list =
                items.prefix(6).map { entry in
                    entry.closest.map {
                        say("\(entry.item) (closest header \"\($0)\")", lv: "\(entry.item) (tuvākais virsraksts \"\($0)\")")
                    } ?? entry.item
                }.joined(separator: ", ") + (items.count > 6 ? " …" : "")
            return say(
                "\(file): \(items.count) item(s) of the instrument have no column: \(list); map them with `columns:` or list them in `not_asked:`; \(advice)",
                lv:
                    "\(file): \(items.count) instrumenta jautājumiem nav kolonnas: \(list); sasaistiet tos ar `columns:` vai uzskaitiet `not_asked:`; \(advice)"
            )
        case .datesOutsideTerm(let wave, let window, let dates, let total):
            let list = Self.counted(dates.map { ($0.value, $0.count, nil) })
            return say(
                "\(file): \(total) submission date(s) fall outside wave \(wave) (\(window.lowerBound) – \(window.upperBound)): \(list); is this another term's file? check `wave:`, or set `settings: { wave_dates: off }`",
                lv:
                    "\(file): \(total) iesniegšanas datumi ir ārpus kārtas \(wave) (\(window.lowerBound) – \(window.upperBound)): \(list); vai tas ir cita perioda fails? pārbaudiet `wave:` vai iestatiet `settings: { wave_dates: off }`"
            )
        case .tooManyQuarantined(let count, let rows, let share, let reasons):
            var texts = ValueCounts()
            for reason in reasons { texts.add(reason.text(MessageLanguage.current)) }
            let list = Self.counted(texts.ranked.map { ($0.value, $0.count, nil) })
            return say(
                "\(file): \(count) of \(rows) rows quarantined (\(Self.percent(share))), more than max_rejected_share allows: \(list); see `atbalsts check PIPELINE`",
                lv:
                    "\(file): atsijātas \(count) no \(rows) rindām (\(Self.percent(share))), vairāk nekā atļauj max_rejected_share: \(list); skatiet `atbalsts check PIPELINE`"
            )
        case .unknownInstitutions(let count, let rows, let share, let names):
            let list = Self.counted(names)
            return say(
                "\(file): \(count) of \(rows) rows (\(Self.percent(share))) name an institution the register does not know: \(list); map them with `institutions:` or add `aliases` to the register; \(advice)",
                lv:
                    "\(file): \(count) no \(rows) rindām (\(Self.percent(share))) min reģistrā nezināmu iestādi: \(list); sasaistiet ar `institutions:` vai papildiniet reģistra `aliases`; \(advice)"
            )
        case .unreadableAnswers(let item, let count, let answered, let share, let values):
            let list = Self.counted(values)
            return say(
                "\(file): \(count) of \(answered) answers to \(item) (\(Self.percent(share))) match no label: \(list); map them with `labels:`; \(advice)",
                lv:
                    "\(file): \(count) no \(answered) atbildēm uz \(item) (\(Self.percent(share))) neatbilst nevienai atbildei skalā: \(list); sasaistiet tās ar `labels:`; \(advice)"
            )
        }
    }

    static func counted(_ values: [(value: String, count: Int, closest: String?)]) -> String {
        values.prefix(listed).map { entry in
            let closest = entry.closest.map { say(" (closest \"\($0)\")", lv: " (tuvākais \"\($0)\")") } ?? ""
            return "\"\(entry.value)\" ×\(entry.count)\(closest)"
        }.joined(separator: ", ") + (values.count > listed ? ", …" : "")
    }

    static func percent(_ share: Double) -> String {
        String(format: "%.1f%%", share * 100)
    }
}

/// The SPEC 9 rules that fail a whole file, applied to what reading it found.
struct SourceVerdict {
    let instrument: Instrument
    let register: [Institution]
    let settings: PipelineFile.ImportSettings
    let wave: Wave

    func failure(of parsed: ParsedSource) -> SourceFailure? {
        let findings = parsed.findings
        let fail = { (cause: SourceFailure.Cause) in SourceFailure(file: parsed.fileName, cause: cause) }
        if !findings.missingItems.isEmpty {
            return fail(
                .missingItems(
                    findings.missingItems.map { item in
                        (item, closestHeader(for: item, in: findings.unmappedHeaders))
                    }))
        }
        if settings.strictWaveDates, !findings.datesOutsideTerm.isEmpty {
            return fail(
                .datesOutsideTerm(
                    wave: wave.id, window: wave.termWindow, dates: findings.datesOutsideTerm.ranked,
                    total: findings.datesOutsideTerm.total))
        }
        let rows = parsed.rowsRead
        let unknown = findings.unknownInstitutions.total
        if rows > 0, Double(unknown) / Double(rows) > settings.maxRejectedShare {
            return fail(
                .unknownInstitutions(
                    count: unknown, rows: rows, share: Double(unknown) / Double(rows),
                    names: findings.unknownInstitutions.ranked.map { ($0.value, $0.count, closestInstitution($0.value)) }))
        }
        if let failure = SourceFailure.tooManyQuarantined(
            parsed.fileName, rows: rows, reasons: parsed.quarantine.map(\.reason), maxShare: settings.maxRejectedShare)
        {
            return failure
        }
        for item in instrument.items.map(\.id) {
            guard let count = findings.unreadableCount[item], let answered = findings.answered[item], answered > 0 else { continue }
            let share = Double(count) / Double(answered)
            guard share > settings.maxRejectedShare else { continue }
            let values = (findings.unreadable[item] ?? ValueCounts()).ranked.map { entry in
                (entry.value, entry.count, closestLabel(entry.value, item: item))
            }
            return fail(.unreadableAnswers(item: item, count: count, answered: answered, share: share, values: values))
        }
        return nil
    }

    func header(of itemID: String) -> String { instrument.item(itemID)?.header ?? itemID }

    /// The unmapped header most like an item's question, its grid row label or its English name.
    func closestHeader(for itemID: String, in headers: [String]) -> String? {
        guard let item = instrument.item(itemID) else { return nil }
        var best: (String, Double)?
        for header in headers {
            let score = [item.header, item.rowLabel, item.englishName].map { textSimilarity($0, header) }.max() ?? 0
            if score >= 0.45, score > (best?.1 ?? 0) { best = (header, score) }
        }
        return best?.0
    }

    /// The label of the item's scale or options most like an unreadable answer.
    func closestLabel(_ value: String, item itemID: String) -> String? {
        guard let item = instrument.item(itemID) else { return nil }
        return closestText(value, in: Self.labels(of: item).map(\.text))
    }

    /// Every label an item accepts with what it maps to: a scale value or an option id.
    static func labels(of item: Item) -> [(text: String, target: LabelTarget)] {
        switch item.kind {
        case .scaled(let scale, _):
            return scale.options.flatMap { [($0.label.lv, .value($0.value)), ($0.label.en, .value($0.value))] }
        case .multi(let options):
            return options.flatMap { [($0.label.lv, .option($0.id)), ($0.label.en, .option($0.id))] }
        case .institution, .text:
            return []
        }
    }

    /// The register entry (name or alias) most like a typed institution name, as its code.
    func closestInstitution(_ typed: String) -> String? {
        var best: (Institution, Double)?
        for institution in register {
            for candidate in [institution.name, institution.code] + institution.aliases {
                let score = textSimilarity(typed, candidate)
                if score >= 0.45, score > (best?.1 ?? 0) { best = (institution, score) }
            }
        }
        return best.map { "\($0.0.code) \($0.0.name)" }
    }
}

extension Wave {
    /// SPEC 5: autumn = 1 August – 31 January, spring = 1 February – 31 July of the school year.
    public var termWindow: ClosedRange<String> {
        switch term {
        case .autumn: return String(format: "%04d-08-01", startYear)...String(format: "%04d-01-31", startYear + 1)
        case .spring: return String(format: "%04d-02-01", startYear + 1)...String(format: "%04d-07-31", startYear + 1)
        }
    }
}
