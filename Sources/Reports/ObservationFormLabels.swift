import AtbalstsCore

/// The words of the printable observation sheet (`atbalsts instrument observation-v1 --workbook`).
struct ObservationFormLabels: Sendable {
    let sheet: String, lists: String, instructions: String, aboutTheLesson: String, answerHint: String
    let number: String, criterion: String, rating: String, notes: String, levels: String, level: String
    let meaning: String, registerHint: String, dateHint: String, keyHint: String, severalHint: String
    let strengths: String, recommendations: String, privacy: String
    /// What each rubric value means on every criterion (SPEC 12.2's 4-level rubric; 0 is "not observed").
    let levelMeanings: [Int: String]

    static func of(_ language: Language) -> ObservationFormLabels { language == .lv ? latvian : english }

    static let latvian = ObservationFormLabels(
        sheet: "Vērošanas lapa", lists: "Saraksti",
        instructions:
            "Aizpilda vērotājs stundas laikā vai tūlīt pēc tās. Katram kritērijam izvēlieties vērtējumu 1–4 pēc zemāk dotās skalas; ja kritērijs šajā stundā nebija vērojams, izvēlieties \"Nav novērots\" — tas vērtējumā neskaitās. Piezīmēs ierakstiet, ko redzējāt (pierādījumus), ne vērtējumu pedagogam kā personai.",
        aboutTheLesson: "Par stundu", answerHint: "Paskaidrojums", number: "Nr.", criterion: "Kritērijs", rating: "Vērtējums",
        notes: "Piezīmes, pierādījumi", levels: "Vērtēšanas skala", level: "Līmenis", meaning: "Ko tas nozīmē",
        registerHint: "Izvēlieties no saraksta (iestāžu reģistra nosaukumi).", dateHint: "Datums: GGGG-MM-DD.",
        keyHint: "Vērotā pedagoga e-pasts vai identifikators — tikai aptvēruma skaitīšanai; pārskatos netiek rādīts.",
        severalHint: "Izvēlieties no saraksta; ja vairākas, ierakstiet tās, atdalot ar komatu.",
        strengths: "Stiprās puses", recommendations: "Ieteikumi pedagogam un nākamie soļi",
        privacy:
            "Aizpildīta lapa satur personas datus (vērotā pedagoga identifikatoru): glabājiet to droši. Pašvaldības pārskatos tiek rādīti tikai apkopoti skaitļi par vismaz min_group_size vērotiem pedagogiem, nekad viena pedagoga vērtējumi.",
        levelMeanings: [
            1: "Kritērijs stundā gandrīz nav redzams vai tiek īstenots tā, ka traucē mācīšanos.",
            2: "Kritērijs redzams reizēm vai tikai daļai skolēnu; trūkumu vairāk nekā stipro pušu.",
            3: "Kritērijs redzams lielākajā stundas daļā un lielākajai daļai skolēnu; stipro pušu vairāk nekā trūkumu.",
            4: "Kritērijs redzams konsekventi visā stundā un visiem skolēniem; var rādīt citiem kā piemēru.",
            0: "Kritērijs šajā stundā nebija vērojams (piemēram, stundā netika lietoti digitālie rīki); vērtējumā neskaitās.",
        ])

    static let english = ObservationFormLabels(
        sheet: "Observation sheet", lists: "Lists",
        instructions:
            "Filled in by the observer during the lesson or right after it. Rate each criterion 1–4 on the scale below; when a criterion could not be seen in this lesson, choose \"Not observed\" — it does not count. In the notes write what you saw (evidence), not a judgement of the teacher as a person.",
        aboutTheLesson: "About the lesson", answerHint: "How to answer", number: "No.", criterion: "Criterion", rating: "Rating",
        notes: "Notes, evidence", levels: "Rating scale", level: "Level", meaning: "What it means",
        registerHint: "Choose from the list (the names in the institutions register).", dateHint: "Date: YYYY-MM-DD.",
        keyHint: "The observed teacher's e-mail or id — only to count coverage; never shown in a report.",
        severalHint: "Choose from the list; for several, type them separated by commas.",
        strengths: "Strengths", recommendations: "Recommendations to the teacher and next steps",
        privacy:
            "A filled sheet holds personal data (the observed teacher's id): keep it safe. The municipality's reports show only numbers pooled over at least min_group_size observed teachers, never one teacher's ratings.",
        levelMeanings: [
            1: "The criterion can hardly be seen in the lesson, or is carried out in a way that hinders learning.",
            2: "The criterion can be seen at times or for some students only; more shortcomings than strengths.",
            3: "The criterion can be seen for most of the lesson and for most students; more strengths than shortcomings.",
            4: "The criterion can be seen throughout the lesson and for all students; an example to show others.",
            0: "The criterion could not be seen in this lesson (for example, no digital tools were used); it does not count.",
        ])
}
