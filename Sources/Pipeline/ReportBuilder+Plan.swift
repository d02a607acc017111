import AtbalstsCore
import Foundation
import Reports
import Scoring
import Store

extension ReportBuilder {
    /// Īstenošana's data, and the plan file beside this wave's files on Datu kvalitāte (its
    /// quarantined rows too): it is read in this run, though stored against its own wave.
    /// `responses`: this wave's, when the caller has them; read here only if the follow-up needs them.
    func addPlanFollowUp(to report: inout CouncilReport, responses: [ScoredResponse]?) throws {
        guard let followUp = try planFollowUp(now: report.needs, wellbeingNow: report.wellbeing, responsesNow: responses) else {
            return
        }
        report.followUp = followUp
        let plans = try database.sources(wave: followUp.plannedIn).filter { $0.description.kind == "plan" }
        let names = Set(plans.map(\.description.fileName))
        report.sources += plans
        report.quarantine += try database.quarantine(wave: followUp.plannedIn).filter { names.contains($0.fileName) }
    }

    /// The follow-up of the latest earlier plan stored (SPEC 12.1), or nil when there is none:
    /// the plan's wave is scored again from stored answers, so "when planned" is what that
    /// wave's workbook showed under the same settings.
    func planFollowUp(now: NeedIndicators, wellbeingNow: WellbeingIndicators, responsesNow: [ScoredResponse]?) throws -> PlanFollowUp? {
        guard let (plannedIn, actions) = try database.earlierPlan(before: wave.id), !actions.isEmpty else { return nil }
        let responses = try database.responses(wave: plannedIn, instrument: instrument)
        let register = try database.register(wave: plannedIn)
        let table = ResponseTable(responses, instrument: instrument)
        let before = NeedIndicators(table: table, register: register, instrument: instrument, settings: settings)
        let wellbeingBefore = WellbeingIndicators(table: table, register: register, instrument: instrument, settings: settings)
        var followUp = PlanFollowUp(
            plannedIn: plannedIn, actions: actions, before: before, now: now, wellbeingBefore: wellbeingBefore,
            wellbeingNow: wellbeingNow, instrument: instrument, settings: settings)
        if actions.contains(where: { $0.learningArea != nil }) {
            followUp.associations = AssociationFollowUp(
                actions: actions, before: responses,
                now: try responsesNow ?? database.responses(wave: wave.id, instrument: instrument),
                instrument: instrument, minGroupSize: settings.minGroupSize)
        }
        return followUp
    }
}
