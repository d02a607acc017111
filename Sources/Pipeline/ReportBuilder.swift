import AtbalstsCore
import Foundation
import Reports
import Scoring
import Store

/// Gathers from the database everything the council workbook shows for one wave, and computes it.
struct ReportBuilder {
    let database: AppDatabase
    let instrument: Instrument
    let settings: ScoringSettings
    let wave: Wave
    /// Published observed weakness per need area (SPEC 12.2), a priority component.
    var observedWeakness: [String: Double] = [:]

    /// The council report and how many responses it counts. `responses` are the wave's, when the
    /// caller has read them for its own use (institution workbooks); otherwise the wave is read
    /// straight into the table every indicator counts over, with no response object per row.
    func build(responses: [ScoredResponse]? = nil) throws -> (report: CouncilReport, respondents: Int) {
        let register = try database.register(wave: wave.id)
        // Every indicator below counts over this one flat copy of the answers (issue 19).
        let table =
            try responses.map { ResponseTable($0, instrument: instrument) }
            ?? ResponseTable(database.answerTable(wave: wave.id, instrument: instrument))
        let gaps = selfAssessmentGaps(
            try database.selfRatings(wave: wave.id), respondentsByInstitution: table.respondentsByInstitution)

        // Wellbeing needs nothing else computed here: it runs on the other core meanwhile.
        let wellbeing = ThreadResult<WellbeingIndicators>()
        let scoring = DispatchGroup()
        DispatchQueue.global().async(group: scoring) { [instrument, settings] in
            wellbeing.set(
                .success(
                    WellbeingIndicators(table: table, register: register, instrument: instrument, settings: settings)))
        }
        defer { scoring.wait() }

        let (earlier, includesThisWave) = try earlierWaves()
        let previous = earlier.last { $0.respondents > 0 }
        // Need counts by institution, support forms by learning area, by need and for everyone: one pass.
        let tallies = LearningAreaTallies(table, instrument: instrument)
        let needs = NeedIndicators(
            tallies: tallies, table: table, register: register, instrument: instrument, settings: settings, gaps: gaps,
            previousHighNeed: previous?.highNeed ?? [:], observed: observedWeakness)
        let supportForms = tallies.everyonesForms()
        let barriers = OptionCounts(table, itemID: ItemID.barriers, instrument: instrument)
        let formsByPriority = needs.priorities.prefix(CouncilReport.topPriorities).compactMap {
            priority -> (areaID: String, counts: OptionCounts)? in
            guard let area = instrument.needAreas.firstIndex(where: { $0.id == priority.input.areaID }) else { return nil }
            return tallies.everyonesForms(highNeedIn: area).map { (priority.input.areaID, $0) }
        }
        let plan = DevelopmentPlan.rows(
            priorities: needs.priorities, top: CouncilReport.topPriorities, tallies: tallies, needs: needs,
            instrument: instrument, settings: settings, wave: wave)
        let sources = try database.sources(wave: wave.id)
        let quarantine = try database.quarantine(wave: wave.id)
        scoring.wait()
        let wellbeingNow = try wellbeing.get()
        var history = earlier
        if includesThisWave {
            // This wave's headline numbers are the workbook's own, not counted again.
            var snapshot = WaveSnapshot(
                wave: wave.id, respondents: table.count, needs: needs.municipality, wellbeing: wellbeingNow.municipality,
                instrument: instrument)
            if let before = earlier.last?.wave {
                snapshot.returning = try database.returningRespondents(wave: wave.id, previous: before, instrument: instrument)
            }
            history.append(snapshot)
        }
        var report = CouncilReport(
            wave: wave.id, instrument: instrument, needs: needs, wellbeing: wellbeingNow,
            sources: sources, quarantine: quarantine,
            settings: settings, programVersion: AtbalstsVersion.current, generatedAt: Date())
        report.history = history
        report.unreadable = try database.unreadableAnswers(wave: wave.id)
        report.supportForms = supportForms
        report.barriers = barriers
        report.formsByPriority = formsByPriority
        report.plan = plan
        report.associationPlans = AssociationPlans.plans(tallies: tallies, instrument: instrument, settings: settings)
        try addPlanFollowUp(to: &report, responses: responses)
        return (report, table.count)
    }

    /// What every institution report needs, grouped once: filtering all responses per
    /// institution would be quadratic at national scale.
    struct InstitutionContext: Sendable {
        let council: CouncilReport
        let byInstitution: [String: [ScoredResponse]]
        let previousByInstitution: [String: [ScoredResponse]]
        let ratingsByInstitution: [String: [SelfRating]]
        /// The previous wave's institution rows, with what its workbooks published (SPEC 8 "across waves").
        let previousRows: [String: InstitutionIndicators]
        /// The previous wave with answers, whose rows `previousRows` holds.
        let previousWave: String?
        let includeComments: Bool

        /// The institutions that get a workbook: at least `minGroupSize` respondents (SPEC 10), and
        /// not hidden in the council workbook so that a smaller one cannot be worked out (SPEC 8).
        func eligible(_ settings: ScoringSettings) -> [InstitutionIndicators] {
            council.needs.institutions.filter { $0.respondents >= settings.minGroupSize && $0.status == .shown }
        }
    }

    func institutionContext(
        council: CouncilReport, responses: [ScoredResponse], includeComments: Bool
    ) throws -> InstitutionContext {
        let ratings = try database.selfRatings(wave: wave.id)
        let previous = council.history.last { $0.wave != wave.id && $0.respondents > 0 }
        let previousResponses = try previous.map { try database.responses(wave: $0.wave, instrument: instrument) } ?? []
        let previousNeeds = try previous.map {
            NeedIndicators(
                responses: previousResponses, register: try database.register(wave: $0.wave), instrument: instrument,
                settings: settings)
        }
        return InstitutionContext(
            council: council, byInstitution: Dictionary(grouping: responses, by: \.institution),
            previousByInstitution: Dictionary(grouping: previousResponses, by: \.institution),
            ratingsByInstitution: Dictionary(grouping: ratings.filter { $0.institution != nil }, by: { $0.institution! }),
            previousRows: Dictionary(
                (previousNeeds?.institutions ?? []).map { ($0.institution.code, $0) }, uniquingKeysWith: { first, _ in first }),
            previousWave: previous?.wave, includeComments: includeComments)
    }

    /// One institution beside the municipality: its own ranking (no breadth), gap and trend.
    func institutionReport(_ row: InstitutionIndicators, context: InstitutionContext) throws -> InstitutionReport {
        let code = row.institution.code
        let own = context.byInstitution[code] ?? []
        let gaps = selfAssessmentGaps(context.ratingsByInstitution[code] ?? [], respondentsByInstitution: [code: own.count])
        let before = GroupNeeds(context.previousByInstitution[code] ?? [], needSlots: instrument.needSlots)
        let previous = context.previousRows[code]
        var published: [String: Proportion] = [:]
        let inputs = instrument.needAreas.enumerated().map { index, area in
            // A change is shown only where both waves' values are published (SPEC 8), or
            // now − change would give back last wave's hidden share.
            let bothPublished = row.areaStatus[index] == .shown && previous?.areaStatus[index] == .shown
            if bothPublished { published[area.id] = before.areas[index].highNeed }
            return PriorityInput(
                areaID: area.id, counts: row.needs.areas[index], breadth: nil, gap: gaps[area.id],
                trend: bothPublished
                    ? trend(current: row.needs.areas[index].highNeed.share, previous: before.areas[index].highNeed.share) : nil)
        }
        // Comments were redacted when they were imported (SPEC 8).
        let comments = context.includeComments ? try database.comments(wave: wave.id, institution: code, item: ItemID.comment) : nil
        var report = InstitutionReport(
            institution: row.institution, council: context.council, respondents: own.count,
            priorities: rankPriorities(inputs, weights: settings.weights),
            wellbeing: WellbeingIndicators(
                responses: own, register: [row.institution], instrument: instrument, settings: settings,
                wave: context.council.wellbeing.municipality),
            supportForms: OptionCounts(own, itemID: ItemID.supportForms, instrument: instrument), comments: comments)
        report.barriers = OptionCounts(own, itemID: ItemID.barriers, instrument: instrument)
        if let wave = context.previousWave, let previous {
            // The respondents of a wave whose workbook this institution had (SPEC 10: at least min_group_size, shown).
            let shown = previous.status == .shown && previous.respondents >= settings.minGroupSize
            report.previous = InstitutionPreviousWave(
                wave: wave, respondents: shown ? previous.respondents : nil, highNeed: published)
        }
        return report
    }

    /// Every wave in the database before this one, oldest first, with returning respondents, and
    /// whether this wave is in the database too (its snapshot is made from its workbook's numbers).
    /// An earlier wave's numbers, returning respondents included, come from its stored summary when
    /// there is one (computed and stored otherwise), so twenty waves do not mean reading twenty
    /// waves of responses; the returning respondents are counted by the database.
    private func earlierWaves() throws -> (snapshots: [WaveSnapshot], includesThisWave: Bool) {
        let waves = try database.waveIDs().compactMap { Wave($0) }.filter { $0 <= wave }.sorted()
        let earlier = waves.filter { $0 != wave }
        let snapshots = try earlier.indices.map { index in
            let previous = index > 0 ? earlier[index - 1].id : nil
            if let stored = try database.storedWaveSummary(wave: earlier[index].id, previous: previous, instrument: instrument),
                let snapshot = try? JSONDecoder().decode(WaveSnapshot.self, from: stored), snapshot.wave == earlier[index].id
            {
                return snapshot
            }
            let computed = try snapshot(
                earlier[index].id, previous: previous,
                table: ResponseTable(database.answerTable(wave: earlier[index].id, instrument: instrument)))
            try database.storeWaveSummary(
                try JSONEncoder().encode(computed), wave: computed.wave, previous: previous, instrument: instrument)
            return computed
        }
        return (snapshots, waves.contains(wave))
    }

    /// One wave's snapshot from its responses; its returning respondents counted by the database.
    private func snapshot(_ waveID: String, previous: String?, table: ResponseTable) throws -> WaveSnapshot {
        var snapshot = WaveSnapshot(wave: waveID, table: table, instrument: instrument)
        if let previous {
            snapshot.returning = try database.returningRespondents(wave: waveID, previous: previous, instrument: instrument)
        }
        return snapshot
    }
}
