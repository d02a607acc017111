import AtbalstsCore

/// Settings of SPEC 5 that change numbers.
public struct ScoringSettings: Hashable, Sendable {
    public var minGroupSize = 5
    public var highNeedBreadthThreshold = 0.25
    public var weights = PriorityWeights()

    public init() {}
}

/// One institution's row: its respondents and need counts, or nothing when too small to show.
public struct InstitutionIndicators: Sendable {
    public let institution: Institution
    public let respondents: Int
    public let needs: GroupNeeds
    /// SPEC 8, primary and secondary suppression over the column of institutions.
    public let suppressed: Bool

    /// Respondents / teacher headcount (SPEC 7); nil without a headcount.
    public var responseRate: Double? {
        institution.teachers > 0 ? Double(respondents) / Double(institution.teachers) : nil
    }
}

/// The need-area numbers of one wave (SPEC 7), computed from plain values only.
public struct NeedIndicators: Sendable {
    public let respondents: Int
    public let teachers: Int
    public let municipality: GroupNeeds
    public let institutions: [InstitutionIndicators]
    public let priorities: [Priority]

    public var responseRate: Double? { teachers > 0 ? Double(respondents) / Double(teachers) : nil }

    /// - Parameters:
    ///   - gaps: self-assessment gap per need-area id, when the wave has one.
    ///   - previousHighNeed: high-need share per need-area id in the previous wave, if any.
    public init(
        responses: [ScoredResponse], register: [Institution], instrument: Instrument,
        settings: ScoringSettings, gaps: [String: Double] = [:], previousHighNeed: [String: Double] = [:]
    ) {
        let needSlots = instrument.needSlots
        var byInstitution: [String: GroupNeeds] = [:]
        var municipality = GroupNeeds(areaCount: needSlots.count)
        for response in responses {
            municipality.add(response.values, needSlots: needSlots)
            byInstitution[response.institution, default: GroupNeeds(areaCount: needSlots.count)]
                .add(response.values, needSlots: needSlots)
        }
        let groups = register.map { byInstitution[$0.code] ?? GroupNeeds(areaCount: needSlots.count) }
        let suppressed = suppressedCells(
            groupSizes: groups.map(\.respondents), minGroupSize: settings.minGroupSize)
        institutions = register.indices.map { index in
            InstitutionIndicators(
                institution: register[index], respondents: groups[index].respondents,
                needs: groups[index], suppressed: suppressed[index])
        }
        let inputs = instrument.needAreas.enumerated().map { index, area in
            let current = municipality.areas[index].highNeed.share
            return PriorityInput(
                areaID: area.id, counts: municipality.areas[index],
                breadth: breadth(
                    area: index, institutions: groups, minGroupSize: settings.minGroupSize,
                    threshold: settings.highNeedBreadthThreshold),
                gap: gaps[area.id],
                trend: trend(current: current, previous: previousHighNeed[area.id]))
        }
        priorities = rankPriorities(inputs, weights: settings.weights)
        self.municipality = municipality
        respondents = responses.count
        teachers = register.reduce(0) { $0 + $1.teachers }
    }
}
