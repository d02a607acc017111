import AtbalstsCore
import Scoring
import XLSX

/// One term's observation numbers: the wave and what its observations give, scored as the term's
/// own workbook scored them.
public struct ObservationTerm: Sendable {
    public let wave: String
    public let indicators: ObservationIndicators

    public init(wave: String, indicators: ObservationIndicators) {
        self.wave = wave
        self.indicators = indicators
    }
}

/// Coverage over terms on Stundu vērošana (SPEC 12.2): per institution and term the distinct
/// observed teachers over that term's headcount, this term and the earlier ones in the database.
/// The national quality service expects about 20 % a semester; a coverage below it is marked.
/// Each term's cells carry the status that term's numbers give them (SPEC 8): a teacher observed
/// twice in a term counts once, one observed in two terms counts in each.
extension ObservationSheet {
    /// About a fifth of the teachers a semester (the national quality service's self-evaluation).
    static let expectedCoverage = 0.2
    static let belowExpected = FormatSpec(
        fontColor: 0x9C0006, background: 0xFCE4D6, numberFormat: "0.0%\" ▼\"", border: true)

    struct CoverageWords {
        let title: String, observedTeachers: String, note: String

        static func of(_ language: Language) -> CoverageWords {
            language == .lv
                ? CoverageWords(
                    title: "Aptvērums pa kārtām", observedTeachers: "Vērotie pedagogi novadā",
                    note:
                        "Aptvērums katrā kārtā: dažādi vērotie pedagogi / tās kārtas pedagogu skaits reģistrā; pedagogs, kas kārtā vērots divreiz, skaitās vienreiz. ▼ — zem 20 %, ko semestrī sagaida Izglītības kvalitātes valsts dienests."
                )
                : CoverageWords(
                    title: "Coverage by term", observedTeachers: "Observed teachers, municipality",
                    note:
                        "Coverage in each term: distinct observed teachers / that term's teacher headcount in the register; a teacher observed twice in a term counts once. ▼ — below the 20 % a semester the national quality service expects."
                )
        }
    }

    /// Writes the block with its label row at `top`; returns the last row written. The label and
    /// the note start in column B: A holds the register codes, hidden beside the names, and hid
    /// them too (issue 15).
    @discardableResult
    static func writeCoverageByTerm(
        _ observation: ObservationReport, at top: Int, on sheet: Worksheet, table: inout Table, labels: Labels, minGroup: Int
    ) throws -> Int {
        let terms = observation.terms
        guard !terms.isEmpty else { return top - 1 }
        let words = CoverageWords.of(labels.language)
        try sheet.write(top, 1, words.title, Styles.label)

        // Rows: this term's register, then institutions only earlier registers had.
        var institutions: [Institution] = []
        for term in terms.reversed() {
            for row in term.indicators.institutions where !institutions.contains(where: { $0.code == row.institution.code }) {
                institutions.append(row.institution)
            }
        }
        let header = top + 1
        let waves = terms.map { WaveName.text($0.wave, labels.language) }
        try table.write(
            at: header, headers: [labels.code, labels.institution] + waves,
            rows: institutions.map { [.text($0.code), .text($0.name)] }, freeze: false, filter: false)
        for (index, institution) in institutions.enumerated() {
            for (offset, term) in terms.enumerated() {
                try writeCoverage(
                    of: institution.code, in: term, row: header + 1 + index, column: 2 + offset, table: &table, minGroup: minGroup)
            }
        }
        let total = header + 1 + institutions.count
        let teachers = total + 1
        try table.write(.text(labels.municipalityTotal), row: total, column: 1)
        try table.write(.text(words.observedTeachers), row: teachers, column: 1)
        for (offset, term) in terms.enumerated() {
            try writeCoverage(term.indicators.coverage, row: total, column: 2 + offset, table: &table)
            try table.write(.integer(term.indicators.teachers), row: teachers, column: 2 + offset)
        }
        try table.note(words.note, row: teachers + 1, columns: 1...(1 + terms.count))
        return teachers + 1
    }

    /// An institution workbook's coverage by term: its own row of the council's block (each cell
    /// with the status the council gives it) above the municipality's.
    @discardableResult
    static func writeCoverageByTerm(
        _ observation: ObservationReport, of code: String, at top: Int, on sheet: Worksheet, table: inout Table, labels: Labels,
        minGroup: Int
    ) throws -> Int {
        let terms = observation.terms
        guard !terms.isEmpty else { return top - 1 }
        let words = CoverageWords.of(labels.language)
        let own = labels.own
        try sheet.write(top, 1, words.title, Styles.label)
        let header = top + 1
        try table.write(
            at: header, headers: ["", ""] + terms.map { WaveName.text($0.wave, labels.language) },
            rows: [[.text(""), .text(own.inInstitution)], [.text(""), .text(own.inMunicipality)]], freeze: false, filter: false)
        for (offset, term) in terms.enumerated() {
            try writeCoverage(of: code, in: term, row: header + 1, column: 2 + offset, table: &table, minGroup: minGroup)
            try writeCoverage(term.indicators.coverage, row: header + 2, column: 2 + offset, table: &table)
        }
        try table.note(words.note, row: header + 3, columns: 1...(1 + terms.count))
        return header + 3
    }

    /// One institution's coverage in one term, with the status that term gives it; blank where the
    /// term's register had no such institution.
    private static func writeCoverage(
        of code: String, in term: ObservationTerm, row: Int, column: Int, table: inout Table, minGroup: Int
    ) throws {
        guard let cell = term.indicators.institutions.first(where: { $0.institution.code == code }) else {
            try table.write(.blank, row: row, column: column)
            return
        }
        guard cell.status == .shown else {
            try table.write(.withheld(cell.status, minGroup: minGroup), row: row, column: column)
            return
        }
        try writeCoverage(cell.coverage, row: row, column: column, table: &table)
    }

    /// A coverage share, marked when below what a semester is expected to reach.
    private static func writeCoverage(_ coverage: Double?, row: Int, column: Int, table: inout Table) throws {
        guard let coverage, coverage < expectedCoverage else {
            try table.write(.percent(coverage), row: row, column: column)
            return
        }
        try table.sheet.write(row, column, coverage, belowExpected)
        table.fit(column, "100.0% ▼")
    }
}
