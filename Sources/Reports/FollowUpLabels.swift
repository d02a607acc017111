import AtbalstsCore
import Scoring

/// The words of the Īstenošana sheet and of rows carried forward into the draft plan (SPEC 12.1).
struct FollowUpLabels: Sendable {
    let sheet: String, title: String, note: String, group: String, municipality: String, action: String
    let targets: String, status: String, responsible: String, term: String, notes: String
    let highNeedBefore: String, highNeedNow: String, low: String, high: String, beyond: String
    let who5Before: String, who5Now: String, cbiBefore: String, cbiNow: String, summary: String, wellbeingTitle: String
    let yes: String, no: String, carriedFrom: String
    let statuses: [PlanAction.Status: String]
    let directions: [PlanFollowUp.Direction: String]

    static func of(_ language: Language) -> FollowUpLabels { language == .lv ? latvian : english }

    static let latvian = FollowUpLabels(
        sheet: "Īstenošana", title: "Iepriekšējā plāna īstenošana",
        note: "Prioritātes no %@ plāna: darbības, statuss un rādītāji plānojot un tagad (95% Vilsona intervāli).",
        group: "Grupa", municipality: "Novads", action: "Darbība / formas", targets: "Mērķa iestādes", status: "Statuss",
        responsible: "Atbildīgais", term: "Termiņš", notes: "Piezīmes",
        highNeedBefore: "Augsta vajadzība plānojot", highNeedNow: "Augsta vajadzība tagad", low: "95% TI no",
        high: "95% TI līdz", beyond: "Izmaiņa ārpus intervāliem", who5Before: "WHO-5 plānojot", who5Now: "WHO-5 tagad",
        cbiBefore: "CBI plānojot", cbiNow: "CBI tagad", summary: "Kopsavilkums",
        wellbeingTitle: "Labbūtība plānojot un tagad (novads)", yes: "jā", no: "nē",
        carriedFrom: "pārnests no %@ plāna",
        statuses: [.planned: "Plānots", .inProgress: "Procesā", .done: "Īstenots", .cancelled: "Atcelts"],
        directions: [
            .decreased: "vajadzība samazinājusies", .unchanged: "vajadzība būtiski nav mainījusies",
            .increased: "vajadzība pieaugusi", .unknown: "izmaiņas nav publicējamas",
        ])

    static let english = FollowUpLabels(
        sheet: "Implementation", title: "How the earlier plan was carried out",
        note: "Priorities of the %@ plan: actions, status, and indicators when planned and now (95% Wilson intervals).",
        group: "Group", municipality: "Municipality", action: "Action / forms", targets: "Target institutions",
        status: "Status", responsible: "Responsible", term: "Term", notes: "Notes",
        highNeedBefore: "High need when planned", highNeedNow: "High need now", low: "95% CI low", high: "95% CI high",
        beyond: "Change beyond the intervals", who5Before: "WHO-5 when planned", who5Now: "WHO-5 now",
        cbiBefore: "CBI when planned", cbiNow: "CBI now", summary: "Summary",
        wellbeingTitle: "Wellbeing when planned and now (municipality)", yes: "yes", no: "no",
        carriedFrom: "carried forward from the %@ plan",
        statuses: [.planned: "Planned", .inProgress: "In progress", .done: "Done", .cancelled: "Cancelled"],
        directions: [
            .decreased: "need decreased", .unchanged: "no change beyond the intervals", .increased: "need increased",
            .unknown: "change not publishable",
        ])

    func summary(_ item: PlanFollowUp.Item) -> String {
        "\(statuses[item.status]!.lowercased()), \(directions[item.municipality.direction]!)"
    }
}
