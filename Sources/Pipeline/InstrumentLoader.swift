import AtbalstsCore
import Foundation
import Yams

extension Seeds {
    /// Reads `seeds/instruments/<id>.yaml` and expands grids into one item per row.
    public func instrument(_ id: String) throws(PipelineError) -> Instrument {
        let file = directory.appendingPathComponent("instruments/\(id).yaml")
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw PipelineError(
                file: file.path,
                say(
                    "instrument \(id) not found in \(directory.lastPathComponent)/instruments",
                    lv: "instruments \(id) nav atrasts mapē \(directory.lastPathComponent)/instruments"))
        }
        let root = try StrictMapping.document(String(decoding: data, as: UTF8.self), file: file.path)
        try root.allowOnly(["id", "title", "scales", "items"], in: "the instrument")
        let title = try bilingual(root.mapping("title", in: "the instrument"), fallback: id)

        var scales: [String: Scale] = [:]
        if let scaleMap = try root.mapping("scales", in: "the instrument") {
            for scaleID in scaleMap.keys {
                var options: [Scale.Option] = []
                for node in try scaleMap.sequence(scaleID) {
                    let option = try StrictMapping(node, file: file.path, what: "a scale option")
                    try option.allowOnly(["value", "lv", "en"], in: "scale \(scaleID)")
                    guard let value = try option.number("value") else {
                        throw PipelineError(file: file.path, line: option.line, "a scale option needs `value`")
                    }
                    let lv = try option.required("lv", in: "a scale option")
                    let en = try option.string("en") ?? lv
                    options.append(Scale.Option(value: Int(value), label: Bilingual(lv: lv, en: en)))
                }
                scales[scaleID] = Scale(id: scaleID, options: options)
            }
        }

        var items: [Item] = []
        var slotNames = Set<String>()
        for node in try root.sequence("items") {
            let entry = try StrictMapping(node, file: file.path, what: "an item")
            try entry.allowOnly(
                ["id", "type", "scale", "rows", "options", "other", "code", "header", "en"], in: "an item")
            let expanded = try expand(entry, scales: scales)
            // Answers are stored by slot name: two slots of one name would keep only one answer.
            let slots = Instrument(id: id, title: title, items: expanded, needAreas: []).slots.map(\.name)
            if let taken = slots.first(where: { slotNames.contains($0) }) ?? Self.repeated(in: slots) {
                throw PipelineError(
                    file: file.path, line: entry.line,
                    say(
                        "item \(expanded.first?.id ?? taken): its answer `\(taken)` is already another item's; give each item, grid row and option its own id",
                        lv:
                            "vienums \(expanded.first?.id ?? taken): atbilde `\(taken)` jau ir cita vienuma; katram vienumam, tabulas rindai un izvēlei vajag savu id"
                    ))
            }
            slotNames.formUnion(slots)
            items += expanded
        }
        let needAreas = items.compactMap { item -> ReferenceEntry? in
            guard item.group == ItemID.needGroup, let row = item.row, item.scale != nil else { return nil }
            return ReferenceEntry(id: row, label: Bilingual(lv: item.rowLabel, en: item.englishName))
        }
        return Instrument(id: id, title: title, items: items, needAreas: needAreas)
    }

    private static func repeated(in names: [String]) -> String? {
        var seen = Set<String>()
        return names.first { !seen.insert($0).inserted }
    }

    private func expand(_ entry: StrictMapping, scales: [String: Scale]) throws(PipelineError) -> [Item] {
        let file = entry.file
        let id = try entry.required("id", in: "an item")
        let type = try entry.required("type", in: "item \(id)")
        let header = try entry.required("header", in: "item \(id)")
        let english = try entry.string("en") ?? header
        let code = try entry.string("code")
        func scale() throws(PipelineError) -> Scale {
            let name = try entry.required("scale", in: "item \(id)")
            guard let scale = scales[name] else {
                throw PipelineError(file: file, line: entry.keyLine("scale"), "item \(id) uses unknown scale \(name)")
            }
            return scale
        }
        switch type {
        case "institution":
            return [Item(id: id, group: id, row: nil, kind: .institution, header: header, englishName: english, code: code)]
        case "text":
            return [Item(id: id, group: id, row: nil, kind: .text, header: header, englishName: english, code: code)]
        case "choice":
            return [
                Item(
                    id: id, group: id, row: nil, kind: .scaled(try scale(), reversed: false),
                    header: header, englishName: english, code: code)
            ]
        case "multi":
            var options = try entries(entry, key: "options")
            // `other: true`: answers outside the list count as the option "other" (SPEC 9).
            if try entry.bool("other") == true {
                options.append(ReferenceEntry(id: Instrument.otherOptionID, label: Bilingual(lv: "Cits", en: "Other")))
            }
            // The importer keeps a respondent's choices as the bits of one 64-bit word.
            guard options.count <= 64 else {
                throw PipelineError(file: entry.file, line: entry.line, "item \(id) has \(options.count) options; at most 64")
            }
            return [Item(id: id, group: id, row: nil, kind: .multi(options), header: header, englishName: english, code: code)]
        case "grid":
            let scale = try scale()
            return try gridRows(entry).enumerated().map { index, row in
                Item(
                    id: "\(id)_\(row.entry.id)", group: id, row: row.entry.id,
                    kind: .scaled(scale, reversed: row.reversed),
                    header: "\(header) [\(row.entry.label.lv)]", englishName: row.entry.label.en,
                    code: code.map { "\($0)[SQ\(String(format: "%03d", index + 1))]" },
                    englishHeader: "\(english) [\(row.entry.label.en)]")
            }
        default:
            throw PipelineError(
                file: file, line: entry.keyLine("type"),
                "item \(id) has unknown type \(type) (known: institution, choice, multi, grid, text)")
        }
    }

    /// `rows:`/`options:` either name a seed list or list `{ id, lv, en }` entries inline.
    private func entries(_ entry: StrictMapping, key: String) throws(PipelineError) -> [ReferenceEntry] {
        try inlineOrSeed(entry, key: key).map(\.entry)
    }

    private func gridRows(_ entry: StrictMapping) throws(PipelineError) -> [(entry: ReferenceEntry, reversed: Bool)] {
        try inlineOrSeed(entry, key: "rows")
    }

    private func inlineOrSeed(_ entry: StrictMapping, key: String) throws(PipelineError) -> [(entry: ReferenceEntry, reversed: Bool)] {
        if let name = entry.value(key)?.scalar?.string {
            return try referenceList(name).map { ($0, false) }
        }
        var result: [(entry: ReferenceEntry, reversed: Bool)] = []
        for node in try entry.sequence(key) {
            let row = try StrictMapping(node, file: entry.file, what: "a row")
            try row.allowOnly(["id", "lv", "en", "reverse"], in: "a row")
            let lv = try row.required("lv", in: "a row")
            result.append(
                (
                    ReferenceEntry(id: try row.required("id", in: "a row"), label: Bilingual(lv: lv, en: try row.string("en") ?? lv)),
                    try row.bool("reverse") ?? false
                ))
        }
        guard !result.isEmpty else {
            throw PipelineError(file: entry.file, line: entry.line, "the item needs `\(key):`")
        }
        return result
    }

    private func bilingual(_ mapping: StrictMapping?, fallback: String) throws(PipelineError) -> Bilingual {
        guard let mapping else { return Bilingual(lv: fallback, en: fallback) }
        let lv = try mapping.string("lv") ?? fallback
        return Bilingual(lv: lv, en: try mapping.string("en") ?? lv)
    }
}
