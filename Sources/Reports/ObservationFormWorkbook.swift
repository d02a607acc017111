import AtbalstsCore
import XLSX

/// The uniform observation sheet for observers (SPEC 12.2, regulation 8.2.5): a workbook to fill
/// on screen or print and fill by hand. A header block with the lesson's particulars (drop-downs
/// where the instrument has options), the rubric's levels, then every domain with its criteria, a
/// drop-down rating and room for notes. Its words come from the instrument, in one language, so the
/// sheet and the form built from `--questions` say the same. Cell positions are a contract with
/// ObservationFormTests.
public enum ObservationFormWorkbook {
    static let particularsTop = 4
    static let column = (number: 0, criterion: 1, rating: 2, notes: 3)
    static let widths: [Double] = [9, 62, 18, 46]
    static let input = FormatSpec(background: 0xFFF2CC, wrap: true, border: true, verticalTop: true)
    static let band = FormatSpec(bold: true, background: 0xD9E1F2, border: true, verticalTop: true)
    static let questionLabel = FormatSpec(bold: true, wrap: true, verticalTop: true)

    public static func write(
        instrument: Instrument, institutions: [String], language: Language, to workbook: Workbook
    ) throws {
        let words = ObservationFormLabels.of(language)
        let title = instrument.title.text(language)
        try workbook.setProperties(title: title, subject: instrument.id, author: "atbalsts", keywords: instrument.id)
        let sheet = try workbook.addWorksheet(words.sheet)
        let lists = try workbook.addWorksheet(words.lists)
        var layout = RowHeights(widths: widths)

        try sheet.write(0, 0, "\(title) (\(instrument.id))", Styles.title)
        try sheet.writeMerged(2, 0...3, words.instructions, Styles.note)
        layout.note(row: 2, columns: 0...3, words.instructions)

        // The lesson's particulars: every question that is not a grid, with its drop-down.
        let questions = instrument.formQuestions
        var row = particularsTop
        try sheet.write(row - 1, 0, words.aboutTheLesson, Styles.label)
        var listColumn = 0
        func choices(_ values: [String]) throws -> String {
            for (index, value) in values.enumerated() { try lists.write(index, listColumn, value) }
            defer { listColumn += 1 }
            let name = columnName(listColumn)
            return "'\(words.lists)'!$\(name)$1:$\(name)$\(max(values.count, 1))"
        }
        for question in questions where question.kind != .grid {
            let label = question.title.text(language)
            try sheet.writeMerged(row, 0...1, label, questionLabel)
            layout.note(row: row, columns: 0...1, label, bold: true)
            let hint: String
            switch question.kind {
            case .institution:
                hint = words.registerHint
                if !institutions.isEmpty { try sheet.dropDown(row...row, 2...2, source: try choices(institutions)) }
            case .choice:
                hint = ""
                try sheet.dropDown(row...row, 2...2, source: try choices(question.options.map { $0.text(language) }))
            case .checkboxes:
                hint = words.severalHint
                try sheet.dropDown(
                    row...row, 2...2, source: try choices(question.options.map { $0.text(language) }), strict: false)
            case .date:
                hint = words.dateHint
            case .shortAnswer, .grid:
                hint = question.itemIDs.contains(where: Instrument.pseudonymisedItemIDs.contains) ? words.keyHint : ""
            }
            var cell = input
            if question.kind == .date { cell.numberFormat = "yyyy-mm-dd" }
            try sheet.write(row, 2, nil as Double?, cell)
            try sheet.write(row, 3, hint, Styles.note)
            layout.note(row: row, columns: 3...3, hint)
            row += 1
        }

        // The rubric's levels, and what each means on any criterion.
        let grids = questions.filter { $0.kind == .grid }
        let levels = grids.first?.options ?? []
        row += 1
        try sheet.write(row, 0, words.levels, Styles.label)
        row += 1
        try sheet.writeMerged(row, 0...1, words.level, Styles.header)
        try sheet.writeMerged(row, 2...3, words.meaning, Styles.header)
        row += 1
        let scale = instrument.items.first { $0.row != nil }?.scale
        for (option, label) in zip(scale?.options ?? [], levels) {
            let meaning = words.levelMeanings[option.value] ?? ""
            try sheet.writeMerged(row, 0...1, label.text(language), Styles.text)
            try sheet.writeMerged(row, 2...3, meaning, Styles.wrapped)
            layout.note(row: row, columns: 2...3, meaning)
            row += 1
        }

        // Every domain with its criteria: the rating is a drop-down of the rubric's levels.
        row += 1
        let header = row
        for (offset, text) in [words.number, words.criterion, words.rating, words.notes].enumerated() {
            try sheet.write(header, offset, text, Styles.header)
        }
        row += 1
        let ratings = try choices(levels.map { $0.text(language) })
        for (domainIndex, grid) in grids.enumerated() {
            let name = "\(domainIndex + 1). \(grid.title.text(language))"
            try sheet.writeMerged(row, 0...3, name, band)
            row += 1
            for (criterionIndex, criterion) in grid.rows.enumerated() {
                let text = criterion.text(language)
                try sheet.write(row, column.number, "\(domainIndex + 1).\(criterionIndex + 1)", Styles.text)
                try sheet.write(row, column.criterion, text, Styles.wrapped)
                try sheet.write(row, column.rating, nil as Double?, input)
                try sheet.write(row, column.notes, nil as Double?, input)
                // Room to write by hand: at least two lines.
                layout.note(row: row, columns: 1...1, text, minimumLines: 2)
                try sheet.dropDown(row...row, column.rating...column.rating, source: ratings)
                row += 1
            }
        }

        // What the observer concludes, then whose data the filled sheet holds.
        row += 1
        for heading in [words.strengths, words.recommendations] {
            try sheet.write(row, 0, heading, Styles.label)
            try sheet.writeMerged(row + 1, 0...3, "", input)
            layout.note(row: row + 1, columns: 0...3, "", minimumLines: 4)
            row += 2
        }
        try sheet.writeMerged(row + 1, 0...3, words.privacy, FormatSpec(italic: true, fontColor: 0x595959, wrap: true))
        layout.note(row: row + 1, columns: 0...3, words.privacy)

        for (index, width) in widths.enumerated() { try sheet.setColumn(index, index, width: width) }
        try layout.apply(to: sheet)
        try sheet.printSetup(headerRows: header...header, title: title)
        try lists.hide()
        try sheet.activate()
    }
}

/// Row heights from the text each row holds (libxlsxwriter has no autofit; see `TextLayout`).
private struct RowHeights {
    let widths: [Double]
    var lines: [Int: Int] = [:]

    mutating func note(row: Int, columns: ClosedRange<Int>, _ text: String, bold: Bool = false, minimumLines: Int = 1) {
        let width = columns.reduce(0) { $0 + TextLayout.cellWidth(widths[$1]) }
        let needed = max(TextLayout.lines(text, columnWidth: width, bold: bold), minimumLines)
        lines[row] = max(lines[row] ?? 1, needed)
    }

    func apply(to sheet: Worksheet) throws {
        for (row, count) in lines where count > 1 { try sheet.setRow(row, height: TextLayout.height(lines: count)) }
    }
}
