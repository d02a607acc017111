/// The words of the Dinamika, Atbalsta formas and Pilnveides plāns sheets.
struct PlanLabels: Sendable {
    let trendsSheet: String, trendsTitle: String, returning: String, highNeedOf: String
    let trendsChartNeeds: String, trendsChartWellbeing: String
    let formsSheet: String, formsTitle: String, form: String, chosen: String, shareOfAnswered: String
    let formsByPriority: String, amongHighNeed: String, barriersTitle: String, barrier: String
    let planSheet: String, planTitle: String, planNote: String, targetInstitutions: String
    let targetLearningAreas: String, teachersInNeed: String, suggestedForms: String, term: String
    let responsible: String, status: String, statuses: [String], allInstitutions: String
    let autumn: String, spring: String

    static let latvian = PlanLabels(
        trendsSheet: "Dinamika", trendsTitle: "Dinamika pa aptaujas kārtām",
        returning: "Atkārtoti respondenti", highNeedOf: "Augsta vajadzība: ",
        trendsChartNeeds: "Augstas vajadzības īpatsvars galvenajās jomās", trendsChartWellbeing: "Labbūtība un izdegšana",
        formsSheet: "Atbalsta formas", formsTitle: "Vēlamās atbalsta formas un šķēršļi", form: "Atbalsta forma",
        chosen: "Izvēlējušies", shareOfAnswered: "Īpatsvars no atbildējušajiem",
        formsByPriority: "Vēlamās formas respondentiem ar augstu vajadzību galvenajās prioritātēs",
        amongHighNeed: "n (augsta vajadzība)", barriersTitle: "Šķēršļi profesionālajai pilnveidei", barrier: "Šķērslis",
        planSheet: "Pilnveides plāns", planTitle: "Profesionālās pilnveides plāna projekts",
        planNote:
            "Melnraksts: mērķa iestādes un jomas ar augstāko vajadzību (vismaz 5 respondenti, īpatsvars ≥ slieksnis); aizpildiet atbildīgo un statusu.",
        targetInstitutions: "Mērķa iestādes", targetLearningAreas: "Mērķa mācību jomas",
        teachersInNeed: "Pedagogi ar augstu vajadzību", suggestedForms: "Ieteicamās formas", term: "Termiņš",
        responsible: "Atbildīgais", status: "Statuss", statuses: ["Plānots", "Procesā", "Īstenots", "Atcelts"],
        allInstitutions: "visas iestādes", autumn: "rudens", spring: "pavasaris")

    static let english = PlanLabels(
        trendsSheet: "Trends", trendsTitle: "Trends across survey waves",
        returning: "Returning respondents", highNeedOf: "High need: ",
        trendsChartNeeds: "High-need share in the top areas", trendsChartWellbeing: "Wellbeing and burnout",
        formsSheet: "Support forms", formsTitle: "Preferred support forms and barriers", form: "Support form",
        chosen: "Chosen by", shareOfAnswered: "Share of those answering",
        formsByPriority: "Preferred forms of respondents in high need, top priorities",
        amongHighNeed: "n (high need)", barriersTitle: "Barriers to professional development", barrier: "Barrier",
        planSheet: "Development plan", planTitle: "Draft professional development plan",
        planNote:
            "Draft: target institutions and areas with the highest need (at least 5 respondents, share ≥ threshold); fill in who is responsible and the status.",
        targetInstitutions: "Target institutions", targetLearningAreas: "Target learning areas",
        teachersInNeed: "Teachers in high need", suggestedForms: "Suggested forms", term: "Term",
        responsible: "Responsible", status: "Status", statuses: ["Planned", "In progress", "Done", "Cancelled"],
        allInstitutions: "all institutions", autumn: "autumn", spring: "spring")
}
