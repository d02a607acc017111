import AtbalstsCore

/// Every text a workbook shows, one table per language, so no sheet hard-codes a word.
public struct Labels: Sendable {
    public let language: Language
    let yes: String, no: String
    let suppressedMark: String
    let belowTenPercent = "<10%"
    let aboveNinetyPercent = ">90%"

    let summarySheet: String, prioritiesSheet: String, institutionsSheet: String
    let dataQualitySheet: String, methodologySheet: String

    let councilTitle: String, wave: String, generated: String
    let respondents: String, institutionsRepresented: String, teachersInRegister: String
    let responseRate: String, sourcesImported: String, rowsQuarantined: String
    let headline: String, topPriorities: String, inputs: String

    let prioritiesTitle: String, rank: String, id: String, needArea: String, score: String
    let highNeed: String, wilsonLow: String, wilsonHigh: String, intensity: String, breadth: String
    let gap: String, trend: String, n: String, stable: String, prioritiesNote: String
    let chartTitle: String

    let institutionsTitle: String, code: String, institution: String, municipalityTotal: String
    let institutionsNote: String

    let dataQualityTitle: String, file: String, format: String, encoding: String, delimiter: String
    let rowsRead: String, rowsAccepted: String, rowsSuperseded: String, sha256: String
    let quarantineTitle: String, line: String, column: String, value: String, reason: String
    let noQuarantine: String

    let methodologyTitle: String, definitions: [(String, String)], settingsTitle: String
    let minGroupSize: String, breadthThreshold: String, weightsLabel: String
    let programVersion: String, runTime: String
    let wellbeing: WellbeingLabels
    let plan: PlanLabels
    let own: InstitutionLabels

    public static func of(_ language: Language) -> Labels { language == .lv ? .latvian : .english }
}
