import AtbalstsCore
import Scoring

/// Every text a workbook shows, one table per language, so no sheet hard-codes a word.
public struct Labels: Sendable {
    public let language: Language
    let yes: String, no: String

    /// SPEC 8 marks: the threshold itself (`<5`, `<10`), `×` for a cell hidden so that a small
    /// group cannot be worked out, and words for what is absent rather than hidden.
    func mark(_ status: CellStatus, minGroup: Int) -> String {
        switch status {
        case .small: "<\(minGroup)"
        case .complementary, .extreme: "×"
        case .noAnswers: language == .lv ? "nav atbilžu" : "no answers"
        case .notAsked: language == .lv ? "nav jautāts" : "not asked"
        case .shown: ""
        }
    }

    /// The legend of the marks, for the notes under a sheet's title.
    func marksLegend(minGroup: Int) -> String {
        language == .lv
            ? "<\(minGroup) = mazāk nekā \(minGroup) atbildējušo; × = slēpts, lai mazu grupu nevarētu aprēķināt no kopsummas vai citām šūnām (arī 0 % vai 100 % grupā, kas mazāka par \(2 * minGroup)); nav atbilžu = grupā neviens neatbildēja; nav jautāts = anketā šī jautājuma nebija."
            : "<\(minGroup) = fewer than \(minGroup) people answered; × = hidden so that a small group cannot be worked out from the total or other cells (also 0 % or 100 % in a group under \(2 * minGroup)); no answers = nobody in the group answered; not asked = the questionnaire did not ask it."
    }

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

    let dataQualityTitle: String, file: String, format: String, encoding: String, delimiter: String
    let rowsRead: String, rowsAccepted: String, rowsSuperseded: String, sha256: String
    let quarantineTitle: String, line: String, column: String, value: String, reason: String
    let noQuarantine: String

    let methodologyTitle: String, definitions: [(String, String)], settingsTitle: String
    /// The header of Metodoloģija's definitions, repeated on its printed pages.
    let term: String, definition: String
    let minGroupSize: String, breadthThreshold: String, weightsLabel: String
    let programVersion: String, runTime: String
    let wellbeing: WellbeingLabels
    let plan: PlanLabels
    let own: InstitutionLabels

    public static func of(_ language: Language) -> Labels { language == .lv ? .latvian : .english }
}
