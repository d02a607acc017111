import AtbalstsCore

/// The words of the MA plāni sheet (the methodological associations' draft work plans) and of
/// MA īstenošana, how the earlier ones were carried out (SPEC 12.1).
struct AssociationPlanLabels: Sendable {
    let sheet: String, title: String, note: String, withheld: String
    let learningArea: String, direction: String, theme: String, needArea: String, forms: String, timePlace: String
    let responsible: String, status: String, notes: String
    let followUpSheet: String, followUpTitle: String, followUpPlanned: String, followUpNote: String, highNeedBefore: String,
        highNeedNow: String
    let noPlans: String
    let methodologyTerm: String, methodology: String

    static func of(_ language: Language) -> AssociationPlanLabels { language == .lv ? latvian : english }

    static let latvian = AssociationPlanLabels(
        sheet: "MA plāni", title: "Metodisko apvienību darba plānu projekti",
        note:
            "Melnraksts katrai mācību jomai: tās pedagogu augstākās vajadzības un vēlamās atbalsta formas pa darbības virzieniem; laiku, vietu, atbildīgo un statusu aizpilda speciālists.",
        withheld: "Mācību jomām, kurās atbildējuši mazāk nekā %@ pedagogi, savs plāns netiek veidots (datu aizsardzība).",
        learningArea: "Mācību joma", direction: "Darbības virziens", theme: "Tēma", needArea: "Vajadzības joma",
        forms: "Atbalsta formas", timePlace: "Laiks, vieta", responsible: "Atbildīgais", status: "Statuss", notes: "Piezīmes",
        followUpSheet: "MA īstenošana", followUpTitle: "Metodisko apvienību plānu īstenošana",
        followUpPlanned: "Darbības no %@ MA plāniem",
        followUpNote:
            "Mācību jomas pedagogu augstas vajadzības īpatsvars darbības vajadzības jomā plānojot un tagad (rāda, ja atbildējuši vismaz %@).",
        highNeedBefore: "Augsta vajadzība plānojot", highNeedNow: "Augsta vajadzība tagad",
        noPlans: "Nevienā mācību jomā nav pietiekami daudz respondentu savam plānam.",
        methodologyTerm: "MA plāni",
        methodology:
            "Katrai mācību jomai (aptaujas jautājums par mācību jomām; pedagogs ar vairākām jomām pieder katrai), kurā atbildējuši vismaz %@ pedagogi: trīs vajadzību jomas ar augstāko augstas vajadzības īpatsvaru šīs mācību jomas pedagogu vidū (tad intensitāte; tikai jomas, uz kurām atbildējuši vismaz %@). Katrai — divas biežāk izvēlētās atbalsta formas šīs jomas pedagogiem ar augstu vajadzību (ja viņu ir mazāk par %@ — visiem mācību jomas pedagogiem, tad visiem respondentiem), sagrupētas pa darbības virzieniem: semināri, konferences, pašizglītība tiešsaistē → informatīvi izglītojošais; mācīšanās grupa, sadarbības grupa → pētnieciski metodiskais; kursi, meistarklases, mentors, individuālas konsultācijas, supervīzija (un citas formas) → profesionālo kompetenču pilnveide; pieredzes apmaiņa, stundu vērošana → pedagoģiskās pieredzes apmaiņa. Lapā nav skaitļu; mācību jomām ar mazāk respondentiem plāna nav."
    )

    static let english = AssociationPlanLabels(
        sheet: "Association plans", title: "Draft work plans of the methodological associations",
        note:
            "Draft for each learning area: its teachers' highest needs and preferred support forms by line of work; the specialist fills in time, place, who is responsible and the status.",
        withheld: "Learning areas with fewer than %@ teachers answering get no plan of their own (data protection).",
        learningArea: "Learning area", direction: "Line of work", theme: "Theme", needArea: "Need area", forms: "Support forms",
        timePlace: "Time, place", responsible: "Responsible", status: "Status", notes: "Notes",
        followUpSheet: "Association follow-up", followUpTitle: "How the association plans were carried out",
        followUpPlanned: "Actions of the %@ association plans",
        followUpNote:
            "High-need share in the action's need area among the learning area's teachers when planned and now (shown when at least %@ answered).",
        highNeedBefore: "High need when planned", highNeedNow: "High need now",
        noPlans: "No learning area has enough respondents for a plan of its own.",
        methodologyTerm: "Association plans",
        methodology:
            "For each learning area (the survey's learning-area item; a teacher in several areas belongs to each) with at least %@ teachers answering: the three need areas with the highest high-need share among its teachers (then intensity; only areas at least %@ of them answered). For each, the two support forms most chosen by those of its teachers in high need in the area (fewer than %@ of them: by all the learning area's teachers, then by all respondents), grouped by line of work: seminars, conferences, online self-study → information and education; learning group, cooperation group → research and methodology; courses, master classes, mentor, individual consultations, supervision (and any other form) → professional competence development; exchange of experience, lesson observation → exchange of teaching experience. The sheet shows no numbers; learning areas with fewer respondents get no plan."
    )
}
