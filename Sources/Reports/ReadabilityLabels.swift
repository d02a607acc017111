import AtbalstsCore
import Scoring

/// Words of the readability additions (issue 15), in the workbook's language.
struct ReadabilityLabels {
    let change: String, changeNote: String, oneWave: String
    let comparedTitle: String, measure: String, then: String, now: String, beyond: String
    let readingTitle: String, reading: [String]

    static func of(_ language: Language) -> ReadabilityLabels { language == .lv ? latvian : english }

    /// A delimiter as a word beside its character: a lone "," in a cell reads as nothing.
    static func delimiterName(_ delimiter: String, _ language: Language) -> String {
        let lv = language == .lv
        switch delimiter {
        case ",": return lv ? "komats (,)" : "comma (,)"
        case ";": return lv ? "semikols (;)" : "semicolon (;)"
        case "\t": return lv ? "tabulācija" : "tab"
        case "|": return lv ? "vertikāla svītra (|)" : "vertical bar (|)"
        default: return delimiter
        }
    }

    /// A source's format as a reader names it, not its pipeline id (`google-forms`, `self-assessment`).
    static func formatName(_ id: String, _ language: Language) -> String {
        let lv = language == .lv
        switch id {
        case "google-forms": return "Google Forms"
        case "ms-forms": return "Microsoft Forms"
        case "limesurvey": return "LimeSurvey"
        case "xlsx": return "Excel (.xlsx)"
        case "generic": return lv ? "CSV (cits rīks)" : "CSV (another tool)"
        case "self-assessment": return lv ? "pašvērtējums" : "Self-assessment"
        case "plan": return lv ? "plāns" : "Plan"
        default: return id
        }
    }

    /// The signed change as an Excel number format: "+2.1%", "−11.7%", "0.0%".
    static let signedPercent = "+0.0%;\u{2212}0.0%;0.0%"
    static let signedDecimal = "+0.0;\u{2212}0.0;0.0"
    static let signedInteger = "+0;\u{2212}0;0"

    static let latvian = ReadabilityLabels(
        change: "Izmaiņas pret iepriekšējo kārtu",
        changeNote:
            "Izmaiņas = augstas vajadzības īpatsvars tagad − iepriekšējā kārtā, ar zīmi; pieaugums prioritātes punktos ir tikai pozitīvā daļa.",
        oneWave: "Dinamikai vajag vismaz divas aptaujas kārtas; datubāzē ir tikai šī kārta, tāpēc grafiku nav.",
        comparedTitle: "Salīdzinājumā ar iepriekšējo kārtu", measure: "Rādītājs", then: "Iepriekš", now: "Tagad",
        beyond: "Ārpus intervāliem",
        readingTitle: "Kā lasīt šo pārskatu",
        reading: [
            "n = cilvēku skaits, kas atbildēja uz konkrēto jautājumu; respondenti = pieņemtās atbildes (pa vienai katram cilvēkam).",
            "Nolasītās rindas ir vairāk nekā respondentu: agrāki atkārtoti iesniegumi ir aizstāti, bet atsijātās rindas un pašvērtējuma rindas nav respondenti (skat. lapu Datu kvalitāte).",
            "<N un × = skaitlis slēpts, lai nevarētu atpazīt mazu grupu; nav atbilžu / nav jautāts = skaitļa nav.",
            "Visu skaitļu definīcijas un iestatījumi ir lapā Metodoloģija.",
        ])

    static let english = ReadabilityLabels(
        change: "Change since the previous wave",
        changeNote:
            "Change = high-need share now − in the previous wave, signed; the priority score's trend counts only its positive part.",
        oneWave: "Trends need at least two survey waves; the database holds only this wave, so no chart is drawn.",
        comparedTitle: "Compared with the previous wave", measure: "Measure", then: "Before", now: "Now",
        beyond: "Beyond the intervals",
        readingTitle: "How to read this workbook",
        reading: [
            "n = the people who answered that question; respondents = accepted answers (one per person).",
            "More rows are read than there are respondents: earlier repeated submissions are superseded, and quarantined and self-assessment rows are not respondents (see the Data quality sheet).",
            "<N and × = a number hidden so that a small group cannot be recognised; no answers / not asked = there is no number.",
            "Every number's definition and the settings are on the Methodology sheet.",
        ])
}

extension CouncilReport {
    /// The wave before this one with answers, as Dinamika shows it.
    var previousSnapshot: WaveSnapshot? {
        history.last { $0.wave != wave && $0.respondents > 0 }
    }

    /// High-need share now − in the previous wave, signed; only where both are published (SPEC 8).
    func signedChange(_ areaID: String, now: Double?) -> Double? {
        guard previousPublished(areaID), municipalityStatus(areaID) == .shown, let now,
            let before = previousSnapshot?.highNeed[areaID]
        else { return nil }
        return now - before
    }

    /// Whether the previous wave's high-need share of the area could be shown (SPEC 8: enough
    /// people, not 0 % or 100 % of a small group).
    func previousPublished(_ areaID: String) -> Bool {
        let minGroup = settings.minGroupSize
        guard let previous = previousSnapshot, previous.respondents >= minGroup,
            let counts = previous.highNeedCounts[areaID], counts.trials >= minGroup, let share = counts.share
        else { return false }
        return !isExtremeShare(share, of: counts.trials, minGroup: minGroup)
    }
}
