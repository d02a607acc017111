import AtbalstsCore
import Foundation
import Scoring
import Store

extension ReportBuilder {
    /// The follow-up of the latest earlier plan stored (SPEC 12.1), or nil when there is none:
    /// the plan's wave is scored again from stored answers, so "when planned" is what that
    /// wave's workbook showed under the same settings.
    func planFollowUp(now: NeedIndicators, wellbeingNow: WellbeingIndicators) throws -> PlanFollowUp? {
        guard let (plannedIn, actions) = try database.earlierPlan(before: wave.id), !actions.isEmpty else { return nil }
        let responses = try database.responses(wave: plannedIn, instrument: instrument)
        let register = try database.register(wave: plannedIn)
        let before = NeedIndicators(responses: responses, register: register, instrument: instrument, settings: settings)
        let wellbeingBefore = WellbeingIndicators(
            responses: responses, register: register, instrument: instrument, settings: settings)
        return PlanFollowUp(
            plannedIn: plannedIn, actions: actions, before: before, now: now, wellbeingBefore: wellbeingBefore,
            wellbeingNow: wellbeingNow, instrument: instrument, settings: settings)
    }
}
