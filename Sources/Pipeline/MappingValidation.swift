import AtbalstsCore
import Foundation
import Ingest

/// SPEC 5: every key of `columns:`, `labels:`, `not_asked:` and `institutions:` must name something
/// the instrument or the register has, and every label value must lie on its scale — checked
/// before any file is read, so a typo is a pipeline error with its line, never ignored.
struct MappingValidation {
    let pipeline: PipelineFile
    let register: [Institution]

    func check(_ source: PipelineFile.Source, instrument: Instrument) throws(PipelineError) {
        let file = pipeline.path.path
        func fail(_ key: String, _ english: String, lv: String) -> PipelineError {
            PipelineError(file: file, line: source.keyLines[key] ?? source.line, say(english, lv: lv))
        }
        func hint(_ typo: String, _ candidates: [String]) -> String {
            (closestMatch(typo, in: Set(candidates)) ?? closestText(typo, in: candidates))
                .map { say("; did you mean `\($0)`?", lv: "; vai domājāt `\($0)`?") } ?? ""
        }
        let itemIDs = instrument.items.map(\.id)
        for item in source.options.columns.keys.sorted() where instrument.item(item) == nil {
            throw fail(
                "columns.\(item)", "`columns:` names \"\(item)\", which is no item of \(instrument.id)\(hint(item, itemIDs))",
                lv: "`columns:` min \"\(item)\", kas nav instrumenta \(instrument.id) jautājums\(hint(item, itemIDs))")
        }
        let blocks = Array(Set(instrument.items.map(\.group))).sorted()
        for entry in source.options.notAsked.sorted() {
            let item = instrument.item(entry)
            guard item != nil || blocks.contains(entry) else {
                throw fail(
                    "not_asked.\(entry)",
                    "`not_asked:` names \"\(entry)\", which is no item or block of \(instrument.id)\(hint(entry, itemIDs + blocks))",
                    lv:
                        "`not_asked:` min \"\(entry)\", kas nav instrumenta \(instrument.id) jautājums vai bloks\(hint(entry, itemIDs + blocks))"
                )
            }
            guard item?.kind != .institution, entry != "institution" else {
                throw fail(
                    "not_asked.\(entry)", "the institution question cannot be `not_asked`: every answer needs its institution",
                    lv: "jautājumu par iestādi nevar norādīt `not_asked`: katrai atbildei vajag iestādi")
            }
        }
        try checkLabels(source, instrument: instrument, fail: fail, hint: hint)
        let codes = register.map(\.code)
        for (typed, code) in source.options.institutions.sorted(by: { $0.key < $1.key }) where !codes.contains(code) {
            throw fail(
                "institutions.\(typed)", "`institutions:` maps \"\(typed)\" to \(code), which is not in the register\(hint(code, codes))",
                lv: "`institutions:` sasaista \"\(typed)\" ar \(code), kura reģistrā nav\(hint(code, codes))")
        }
    }

    private func checkLabels(
        _ source: PipelineFile.Source, instrument: Instrument,
        fail: (String, String, String) -> PipelineError, hint: (String, [String]) -> String
    ) throws(PipelineError) {
        var scales: [String: Scale] = [:]
        var multis: [String: [ReferenceEntry]] = [:]
        for item in instrument.items {
            switch item.kind {
            case .scaled(let scale, _): scales[scale.id] = scale
            case .multi(let options): multis[item.id] = options
            case .institution, .text: break
            }
        }
        if source.kind == .selfAssessment {
            scales["rating"] = Scale(
                id: "rating", options: (1...4).map { Scale.Option(value: $0, label: Bilingual(lv: "\($0)", en: "\($0)")) })
        }
        let known = Array(scales.keys) + Array(multis.keys)
        for (name, table) in source.options.labels.sorted(by: { $0.key < $1.key }) {
            if let scale = scales[name] {
                let values = scale.options.map(\.value)
                for (label, target) in table.sorted(by: { $0.key < $1.key }) {
                    guard case .value(let value) = target, values.contains(value) else {
                        let allowed = values.map(String.init).joined(separator: ", ")
                        throw fail(
                            "labels.\(name).\(label)",
                            "`labels: \(name):` maps \"\(label)\" to \(target), which is not a value of scale \(name) (\(allowed))",
                            "`labels: \(name):` sasaista \"\(label)\" ar \(target), kas nav skalas \(name) vērtība (\(allowed))")
                    }
                }
            } else if let options = multis[name] {
                let ids = options.map(\.id)
                for (label, target) in table.sorted(by: { $0.key < $1.key }) {
                    guard case .option(let id) = target, ids.contains(id) else {
                        let allowed = ids.joined(separator: ", ")
                        throw fail(
                            "labels.\(name).\(label)",
                            "`labels: \(name):` maps \"\(label)\" to \(target), which is not an option of \(name) (\(allowed))",
                            "`labels: \(name):` sasaista \"\(label)\" ar \(target), kas nav jautājuma \(name) variants (\(allowed))")
                    }
                }
            } else {
                throw fail(
                    "labels.\(name)",
                    "`labels:` names \"\(name)\", which is no scale or multi-select item of \(instrument.id)\(hint(name, known))",
                    "`labels:` min \"\(name)\", kas nav instrumenta \(instrument.id) skala vai vairākizvēles jautājums\(hint(name, known))")
            }
        }
    }
}

/// How a file is read, as one digest (SPEC 9): the instrument and its items, the source's
/// `columns`, `labels`, `not_asked`, `institutions`, format and encoding, the register, and the
/// date rule. The same bytes read the same way again are a no-op; read another way, re-imported.
enum ReadFingerprint {
    static func of(
        _ source: PipelineFile.Source, instrument: Instrument, register: [Institution], settings: PipelineFile.ImportSettings
    ) -> String {
        var parts: [String] = ["v1", source.kind.rawValue, instrument.id, instrument.slots.map(\.name).joined(separator: ",")]
        parts.append("format=\(source.options.format.rawValue) encoding=\(source.options.encoding.rawValue)")
        parts += source.options.columns.sorted { $0.key < $1.key }.map { "column \($0.key)=\($0.value)" }
        for (name, table) in source.options.labels.sorted(by: { $0.key < $1.key }) {
            parts += table.sorted { $0.key < $1.key }.map { "label \(name) \($0.key)=\($0.value)" }
        }
        parts += source.options.notAsked.sorted().map { "not_asked \($0)" }
        parts += source.options.institutions.sorted { $0.key < $1.key }.map { "institution \($0.key)=\($0.value)" }
        parts += register.map { "register \($0.code)|\($0.name)|\($0.type)|\($0.teachers)|\($0.aliases.joined(separator: "|"))" }
        parts.append("max_rejected_share=\(settings.maxRejectedShare) wave_dates=\(settings.strictWaveDates)")
        return Digest.sha256Hex(Array(parts.joined(separator: "\n").utf8))
    }
}
