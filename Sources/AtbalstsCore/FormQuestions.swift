/// A question of a form that somebody builds by hand in Google Forms or Microsoft Forms from an
/// instrument (SPEC 12.2). Its title is the very text the reader matches a column against — Google
/// Forms heads a grid row `Title [Row]`, Microsoft Forms a Likert row with the row alone — so the
/// form's export maps to the instrument with no pipeline keys.
public struct FormQuestion: Sendable {
    public enum Kind: Sendable {
        /// One of the register's institutions (a drop-down of their names).
        case institution
        /// One option of several.
        case choice
        /// Any number of options.
        case checkboxes
        /// A multiple-choice grid (Google Forms) or Likert (Microsoft Forms): one answer per row.
        case grid
        case shortAnswer
        case date
    }

    public let kind: Kind
    public let title: Bilingual
    /// The options, or a grid's columns, in the instrument's order.
    public let options: [Bilingual]
    /// A grid's rows, in order.
    public let rows: [Bilingual]
    public let required: Bool
    /// The instrument's items this question answers (a grid: one per row).
    public let itemIDs: [String]
}

extension Instrument {
    /// Items whose answer is a date: a form asks them with a date question.
    public static let dateItemIDs: Set<String> = ["observed_on"]

    /// The instrument as the questions of a form, in order: consecutive rows of one grid (same
    /// question text) make one question.
    public var formQuestions: [FormQuestion] {
        var questions: [FormQuestion] = []
        var index = items.startIndex
        while index < items.endIndex {
            let item = items[index]
            switch item.kind {
            case .scaled(let scale, _) where item.row != nil:
                let title = item.questionTitle
                var end = index
                while end < items.endIndex, items[end].row != nil, items[end].group == item.group,
                    items[end].questionTitle == title
                {
                    end += 1
                }
                let rows = items[index..<end]
                questions.append(
                    FormQuestion(
                        kind: .grid, title: title, options: scale.options.map(\.label),
                        rows: rows.map { Bilingual(lv: $0.rowLabel, en: $0.englishName) }, required: true,
                        itemIDs: rows.map(\.id)))
                index = end
                continue
            case .scaled(let scale, _):
                questions.append(question(item, .choice, options: scale.options.map(\.label), required: true))
            case .institution:
                questions.append(question(item, .institution, options: [], required: true))
            case .multi(let options):
                // "Cits" is an ordinary last option: a form's own "Other" writes bare text, which
                // no label matches.
                questions.append(question(item, .checkboxes, options: options.map(\.label), required: false))
            case .text:
                let isDate = Self.dateItemIDs.contains(item.id)
                let isKey = Self.pseudonymisedItemIDs.contains(item.id)
                questions.append(question(item, isDate ? .date : .shortAnswer, options: [], required: isDate || isKey))
            }
            index += 1
        }
        return questions
    }

    private func question(_ item: Item, _ kind: FormQuestion.Kind, options: [Bilingual], required: Bool) -> FormQuestion {
        FormQuestion(
            kind: kind, title: item.questionTitle, options: options, rows: [], required: required,
            itemIDs: [item.id])
    }
}
