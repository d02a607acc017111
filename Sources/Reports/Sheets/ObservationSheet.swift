import AtbalstsCore
import Scoring
import XLSX

/// Stundu vērošana (SPEC 12.2): per domain the share of weak observations with its Wilson interval
/// for the municipality, then per institution with coverage, then observers by role. Every number
/// rests on observed teachers and follows SPEC 8. Row and column positions are a contract with the
/// tests (ObservationTests) and the oracle.
enum ObservationSheet {
    static let headerRow = 3

    /// The row of the institution table's header: below the domain table and a gap.
    static func institutionHeaderRow(domains: Int) -> Int { headerRow + 1 + domains + 3 }

    /// The Prioritātes cell beside a need area: observed weakness in the domains that inform it;
    /// nothing when no observations were imported, blank when no domain informs the area.
    static func observedCells(_ area: String, _ report: CouncilReport) -> [Cell] {
        guard let observation = report.observation else { return [] }
        guard let entry = observation.indicators.areaWeakness[area] else { return [.blank] }
        let minGroup = report.settings.minGroupSize
        return [entry.status == .shown ? .percent(entry.cell.proportion.share) : .withheld(entry.status, minGroup: minGroup)]
    }

    /// Metodoloģija's rows for lesson observation, when observations were imported.
    static func definitions(_ report: CouncilReport, _ labels: Labels) -> [(String, String)] {
        guard report.observation != nil else { return [] }
        let words = ObservationLabels.of(labels.language)
        let weight = String(report.settings.weights.observed)
        return labels.language == .lv
            ? [
                (
                    words.sheet,
                    "Vērojums ir vājs jomā, ja tās novēroto kritēriju vidējais vērtējums ir zem 2,5 (rubrika 1–4; \"nav novērots\" neskaitās); īpatsvars ar 95 % Vilsona intervālu. Skaitļi rāda vismaz min_group_size vērotu pedagogu grupas; pedagogs, kas vērots divreiz, aptvērumā skaitās vienreiz. Vērota vājība prioritātēs: to jomu vājo vērojumu īpatsvars, kas informē par vajadzību jomu; svars priority_weights.observed = \(weight)."
                )
            ]
            : [
                (
                    words.sheet,
                    "An observation is weak in a domain when the mean of the criteria it rated there is below 2.5 (rubric 1–4; \"not observed\" does not count); the share carries a 95 % Wilson interval. Numbers show only for groups of at least min_group_size observed teachers; a teacher observed twice counts once for coverage. Observed weakness in the priorities: the weak share of the domains that inform the need area; weight priority_weights.observed = \(weight)."
                )
            ]
    }

    static func write(
        _ report: CouncilReport, _ observation: ObservationReport, on sheet: Worksheet, labels: Labels, title: String
    ) throws {
        let words = ObservationLabels.of(labels.language)
        let numbers = observation.indicators
        let minGroup = report.settings.minGroupSize
        let language = labels.language
        var table = Table(sheet: sheet, labels: labels)
        try table.heading(
            words.title,
            "\(labels.wave): \(WaveName.text(report.wave, language)) · \(words.observations): \(numbers.observations) · \(words.note) · \(labels.marksLegend(minGroup: minGroup))"
        )
        func name(_ domain: String) -> String { observation.domainNames[domain]?.text(language) ?? domain }

        let domainRows = numbers.domains.indices.map { index -> [Cell] in
            let domain = numbers.domains[index]
            let cell = numbers.municipality[index]
            let status = numbers.municipalityStatus[index]
            let informs = (ObservationDomains.informs.first { $0.domain == domain }?.areas ?? [])
                .map { report.areaName($0, language) }.joined(separator: "; ")
            let lead: [Cell] = [.text(domain), .text(name(domain))]
            guard status == .shown else {
                return lead + Array(repeating: .withheld(status, minGroup: minGroup), count: 5) + [.wrapped(informs)]
            }
            let wilson = cell.proportion.wilson
            return lead + [
                .percent(cell.proportion.share), .percent(wilson?.low), .percent(wilson?.high),
                .integer(cell.observations), .integer(cell.teachers), .wrapped(informs),
            ]
        }
        try table.write(
            at: headerRow,
            headers: [
                "id", words.domain, words.weakShare, labels.wilsonLow, labels.wilsonHigh, words.observations,
                words.teachers, words.informs,
            ],
            rows: domainRows)

        // Per institution: observed teachers, coverage and each domain's weak share.
        let top = institutionHeaderRow(domains: numbers.domains.count)
        try sheet.write(top - 1, 1, words.byInstitution, Styles.label)
        let institutionRows = numbers.institutions.map { row -> [Cell] in
            let lead: [Cell] = [.text(row.institution.code), .text(row.institution.name), .integer(row.institution.teachers)]
            let size: [Cell] =
                row.status == .shown
                ? [.integer(row.observations), .integer(row.teachers), .percent(row.coverage)]
                : Array(repeating: .withheld(row.status, minGroup: minGroup), count: 3)
            return lead + size
                + zip(row.domains, row.domainStatus).map { cell, status in
                    status == .shown ? .percent(cell.proportion.share) : .withheld(status, minGroup: minGroup)
                }
        }
        let institutionBody = try table.write(
            at: top,
            headers: [labels.code, labels.institution, words.headcount, words.observations, words.teachers, words.coverage]
                + numbers.domains.map(name),
            rows: institutionRows, freeze: false, filter: false)
        let totalRow = institutionBody.upperBound + 1
        let total: [Cell] =
            [
                .text(""), .text(labels.municipalityTotal), .integer(numbers.headcount),
                .integer(numbers.observations), .integer(numbers.teachers), .percent(numbers.coverage),
            ]
            + zip(numbers.municipality, numbers.municipalityStatus).map { cell, status in
                status == .shown ? .percent(cell.proportion.share) : .withheld(status, minGroup: minGroup)
            }
        for (column, cell) in total.enumerated() { try table.write(cell, row: totalRow, column: column) }
        try sheet.write(totalRow + 1, 1, words.coverageNote, Styles.subtitle)

        // Observers by role: observations, resting on the distinct teachers they observed.
        let roleTop = totalRow + 4
        try sheet.write(roleTop - 1, 1, words.byRole, Styles.label)
        let roleRows = numbers.roles.map { row -> [Cell] in
            let label = observation.observerRoles.first { $0.value == row.role }?.label.text(language) ?? String(row.role)
            return [.text(String(row.role)), .text(label)]
                + (row.status == .shown
                    ? [.integer(row.observations), .integer(row.teachers)]
                    : Array(repeating: .withheld(row.status, minGroup: minGroup), count: 2))
        }
        try table.write(
            at: roleTop, headers: ["id", words.role, words.observations, words.teachers], rows: roleRows,
            freeze: false, filter: false)
        let coverageTop = roleTop + roleRows.count + 3
        try writeCoverageByTerm(observation, at: coverageTop, on: sheet, table: &table, labels: labels, minGroup: minGroup)

        // Widths and heights through the table, which sizes rows for their text (issue 15).
        // Narrow share columns (a header word still fits whole): the sheet prints one page wide at a readable size.
        table.setWidth(1...1, 30)
        table.setWidth(2...7, 11)
        if !numbers.domains.isEmpty { table.setWidth(6...(5 + numbers.domains.count), 11) }
        table.setWidth(7...7, 22)  // the need areas a domain informs wrap here (a share column further down)
        // Column A holds the ids of every table here (domain, register code, observer role): kept for
        // filtering and the oracle, hidden beside their labels (issue 15); titles and notes start in B.
        table.hide(0)
        try table.applyWidths()
        try sheet.freezePanes(row: headerRow + 1, column: 2)
        // The institutions' table (with the observers' short one under it) and the coverage by term
        // each start a printed page of their own, under their own header row and no other: one row
        // of print titles (the domains') labelled the next table's columns wrongly, and none left
        // the coverage by term continuing headless onto a page (issue 15).
        try sheet.pageBreaks(above: [top - 1] + (observation.terms.isEmpty ? [] : [coverageTop]))
        try sheet.printSetup(headerRows: nil, title: title)
    }
}

extension ObservationSheet {
    /// An institution workbook's Stundu vērošana: its own weak shares and coverage beside the
    /// municipality's, each cell with the status the council workbook gave it (SPEC 8 across
    /// workbooks), so no workbook shows what another withholds.
    static func writeInstitution(
        _ report: InstitutionReport, _ observation: ObservationReport, on sheet: Worksheet, labels: Labels, title: String
    ) throws {
        let words = ObservationLabels.of(labels.language)
        let own = labels.own
        let numbers = observation.indicators
        let minGroup = report.council.settings.minGroupSize
        let language = labels.language
        guard let row = numbers.institutions.first(where: { $0.institution.code == report.institution.code }) else { return }
        var table = Table(sheet: sheet, labels: labels)
        try table.heading(
            "\(report.institution.name) — \(words.title)",
            "\(labels.wave): \(WaveName.text(report.council.wave, language)) · \(words.note) · \(labels.marksLegend(minGroup: minGroup))")
        func share(_ cell: ObservationCell, _ status: CellStatus) -> Cell {
            status == .shown ? .percent(cell.proportion.share) : .withheld(status, minGroup: minGroup)
        }
        let rows = numbers.domains.indices.map { index -> [Cell] in
            let domain = numbers.domains[index]
            return [
                .text(domain), .text(observation.domainNames[domain]?.text(language) ?? domain),
                share(row.domains[index], row.domainStatus[index]),
                share(numbers.municipality[index], numbers.municipalityStatus[index]),
            ]
        }
        let body = try table.write(
            at: headerRow,
            headers: [
                "id", words.domain, "\(words.weakShare): \(own.inInstitution)",
                "\(words.weakShare): \(own.inMunicipality)",
            ],
            rows: rows, filter: false)
        let shown = row.status == .shown
        let coverage: [[Cell]] = [
            [
                .text(""), .text(words.observations),
                shown ? .integer(row.observations) : .withheld(row.status, minGroup: minGroup), .integer(numbers.observations),
            ],
            [
                .text(""), .text(words.teachers),
                shown ? .integer(row.teachers) : .withheld(row.status, minGroup: minGroup), .integer(numbers.teachers),
            ],
            [.text(""), .text(words.headcount), .integer(row.institution.teachers), .integer(numbers.headcount)],
            [
                .text(""), .text(words.coverage),
                shown ? .percent(row.coverage) : .withheld(row.status, minGroup: minGroup), .percent(numbers.coverage),
            ],
        ]
        let coverageBody = try table.write(
            at: body.upperBound + 2, headers: ["", words.coverage, own.inInstitution, own.inMunicipality],
            rows: coverage, freeze: false, filter: false)
        try writeCoverageByTerm(
            observation, of: report.institution.code, at: coverageBody.upperBound + 2, on: sheet, table: &table, labels: labels,
            minGroup: minGroup)
        table.setWidth(1...1, 36)
        table.hide(0)  // the domain ids, beside their names
        try table.applyWidths()
        try sheet.printSetup(headerRows: headerRow...headerRow, title: title)
    }
}
