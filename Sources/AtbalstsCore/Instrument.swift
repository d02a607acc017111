/// A text in the two languages the product speaks.
public struct Bilingual: Hashable, Sendable {
    public let lv: String
    public let en: String

    public init(lv: String, en: String) {
        self.lv = lv
        self.en = en
    }

    public func text(_ language: Language) -> String { language == .lv ? lv : en }
}

public enum Language: String, Sendable, CaseIterable {
    case lv, en
}

/// An answer scale: label → value, in questionnaire order.
public struct Scale: Hashable, Sendable {
    public struct Option: Hashable, Sendable {
        public let value: Int
        public let label: Bilingual
        public init(value: Int, label: Bilingual) {
            self.value = value
            self.label = label
        }
    }

    public let id: String
    public let options: [Option]

    public init(id: String, options: [Option]) {
        self.id = id
        self.options = options
    }

    public var valueRange: ClosedRange<Int> {
        (options.map(\.value).min() ?? 0)...(options.map(\.value).max() ?? 0)
    }
}

/// An entry of a reference list (need area, support form, learning area …) from `seeds/`.
public struct ReferenceEntry: Hashable, Sendable {
    public let id: String
    public let label: Bilingual
    public init(id: String, label: Bilingual) {
        self.id = id
        self.label = label
    }
}

/// One column of a questionnaire export, after grids are expanded into their rows.
public struct Item: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case institution
        /// One answer on `scale`; `reversed` items are scored as (max + min − value).
        case scaled(Scale, reversed: Bool)
        case multi([ReferenceEntry])
        case text
    }

    /// Storage id, e.g. `need_digital`, `who5_3`, `role`.
    public let id: String
    /// The question the item belongs to (`need` for every need-area row).
    public let group: String
    /// The grid row or nil for a stand-alone question (`digital` for `need_digital`).
    public let row: String?
    public let kind: Kind
    /// The Google Forms heading: `Question [Row]` for grid rows.
    public let header: String
    public let englishName: String
    /// The English question as a form built in English heads it: `Question [Row]` for grid rows.
    public let englishHeader: String
    /// LimeSurvey code: `Q5[SQ004]` for grid rows, `Q2` for questions.
    public let code: String?

    public init(
        id: String, group: String, row: String?, kind: Kind, header: String, englishName: String,
        code: String?, englishHeader: String? = nil
    ) {
        self.id = id
        self.group = group
        self.row = row
        self.kind = kind
        self.header = header
        self.englishName = englishName
        self.englishHeader = englishHeader ?? englishName
        self.code = code
    }

    public var scale: Scale? {
        if case .scaled(let scale, _) = kind { return scale }
        return nil
    }

    /// The grid row's own label: `Row` of `Question [Row]`, or the header of a plain question.
    public var rowLabel: String { row == nil ? header : Self.split(header).row ?? header }

    /// The question of a grid row's header: `Question` of `Question [Row]`, or the whole header.
    public var questionTitle: Bilingual {
        guard row != nil else { return Bilingual(lv: header, en: englishHeader) }
        return Bilingual(lv: Self.split(header).question, en: Self.split(englishHeader).question)
    }

    /// `Question [Row]` → (`Question`, `Row`); a header with no trailing `[…]` is all question.
    static func split(_ header: String) -> (question: String, row: String?) {
        guard header.hasSuffix("]"), let open = header.lastIndex(of: "[") else { return (header, nil) }
        let question = header[..<open].trimmingCharacters(in: .whitespaces)
        return (question, String(header[header.index(after: open)..<header.index(before: header.endIndex)]))
    }
}

/// A questionnaire definition (SPEC 2): its items in export order and the reference lists they use.
public struct Instrument: Sendable {
    public let id: String
    public let title: Bilingual
    public let items: [Item]
    public let needAreas: [ReferenceEntry]
    /// Numeric storage slots: one per scaled item and one per option of each multi-select.
    public let slots: [Slot]
    /// Slot indices of the need-area items (`need_<area>`), in need-area order.
    public let needSlots: [Int]

    public struct Slot: Hashable, Sendable {
        /// Column name in the database, e.g. `need_digital` or `support_forms__mentor`.
        public let name: String
        public let itemIndex: Int
        public let optionIndex: Int?
    }

    public init(id: String, title: Bilingual, items: [Item], needAreas: [ReferenceEntry]) {
        self.id = id
        self.title = title
        self.items = items
        self.needAreas = needAreas
        var slots: [Slot] = []
        for (index, item) in items.enumerated() {
            switch item.kind {
            case .scaled:
                slots.append(Slot(name: item.id, itemIndex: index, optionIndex: nil))
            case .multi(let options):
                for (optionIndex, option) in options.enumerated() {
                    slots.append(
                        Slot(name: "\(item.id)__\(option.id)", itemIndex: index, optionIndex: optionIndex))
                }
            case .institution, .text:
                break
            }
        }
        self.slots = slots
        needSlots = needAreas.map { area in
            guard let slot = slots.firstIndex(where: { $0.name == ItemID.need(area.id) }) else {
                // InstrumentLoader makes the need areas from these very items.
                preconditionFailure("need area \(area.id) has no item \(ItemID.need(area.id))")
            }
            return slot
        }
    }

    public func slotIndex(_ name: String) -> Int? { slots.firstIndex { $0.name == name } }

    /// The option a multi-select item offers for answers outside its list (`Cits: …`, SPEC 9).
    public static let otherOptionID = "other"

    /// What a response's `texts` hold, in order: the text items, then the "other" text of every
    /// multi-select that has the option (stored as `<item>__other`).
    public var textItemIDs: [String] {
        let texts = items.filter { $0.kind == .text }.map(\.id)
        let others = items.compactMap { item -> String? in
            guard case .multi(let options) = item.kind, options.contains(where: { $0.id == Self.otherOptionID })
            else { return nil }
            return "\(item.id)__\(Self.otherOptionID)"
        }
        return texts + others
    }

    public func item(_ id: String) -> Item? { items.first { $0.id == id } }

    /// A multi-select item with its options and the slots that hold them: option `i` is chosen
    /// when `values[slots.lowerBound + i] == 1`, and the item was answered when the first slot is
    /// not nil. nil when the instrument has no such multi-select item.
    public func multiSelect(_ itemID: String) -> MultiSelect? {
        guard let item = items.firstIndex(where: { $0.id == itemID }),
            case .multi(let options) = items[item].kind,
            let first = slots.firstIndex(where: { $0.itemIndex == item })
        else { return nil }
        return MultiSelect(options: options, slots: first..<first + options.count)
    }

    public struct MultiSelect: Sendable {
        public let options: [ReferenceEntry]
        public let slots: Range<Int>
    }
}
