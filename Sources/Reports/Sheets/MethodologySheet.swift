import AtbalstsCore
import Scoring
import XLSX

/// Metodoloģija: how every number is defined, the settings in force, version and run time.
enum MethodologySheet {
    static func write(_ report: CouncilReport, on sheet: Worksheet, labels: Labels, title: String) throws {
        try sheet.heading(labels.methodologyTitle, "\(labels.wave): \(WaveName.text(report.wave, labels.language))")
        var table = Table(sheet: sheet, labels: labels)
        // The settings and the scales' reliability first, the definitions last: a sheet repeats one
        // header row on its printed pages, so the one table that runs over pages comes last and
        // repeats its own (issue 15); before, it ran onto page two under none.
        // Every weight under its pipeline key, `observed` (SPEC 12.2) included.
        let weightText = report.settings.weights.named.map { "\($0.key) \(String($0.value))" }.joined(separator: " · ")
        let settings: [[Cell]] = [
            [.text(labels.minGroupSize), .integer(report.settings.minGroupSize)],
            [.text(labels.breadthThreshold), .percent(report.settings.highNeedBreadthThreshold)],
            [.text(labels.weightsLabel), .text(weightText)],
            [.text(labels.programVersion), .text(report.programVersion)],
            [.text(labels.runTime), .text(SummarySheet.timestamp(report.generatedAt))],
        ]
        let settingsBody = try table.write(at: 3, headers: [labels.settingsTitle, ""], rows: settings, freeze: false, filter: false)

        let words = labels.wellbeing
        // SPEC 7: the need areas are no scale, so they get no alpha.
        let reliability = report.wellbeing.reliability.filter { $0.scale != "need" }.map { scale -> [Cell] in
            let verdict = scale.alpha.map { words.verdicts[ReliabilityVerdict(alpha: $0)]! } ?? ""
            return [
                .text(words.scaleName[scale.scale] ?? scale.scale), .integer(scale.items),
                .integer(scale.completeCases), .decimal(scale.alpha, format: "0.000"), .text(verdict),
            ]
        }
        try sheet.write(settingsBody.upperBound + 2, 0, words.reliabilityTitle, Styles.label)
        let reliabilityBody = try table.write(
            at: settingsBody.upperBound + 3,
            headers: ["", words.items, words.completeCases, words.alpha, words.verdict], rows: reliability,
            freeze: false, filter: false)

        let definitions =
            (labels.definitions + labels.wellbeing.definitions + ObservationSheet.definitions(report, labels)
            + AssociationPlanSheet.definitions(report, labels))
            .map { [Cell.text($0.0), .wrapped($0.1)] }
        let definitionsHeader = reliabilityBody.upperBound + 2
        try table.write(
            at: definitionsHeader, headers: [labels.term, labels.definition], rows: definitions, freeze: false, filter: false)
        try sheet.freezePanes(row: 3)
        table.setWidth(0...0, 30)
        table.setWidth(1...1, 90, Styles.wrapColumn)
        try table.applyWidths()
        try sheet.printSetup(headerRows: definitionsHeader...definitionsHeader, title: title)
    }
}
