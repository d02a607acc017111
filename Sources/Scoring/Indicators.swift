import AtbalstsCore

/// Settings of SPEC 5 that change numbers.
public struct ScoringSettings: Hashable, Sendable {
    public var minGroupSize = 5
    public var highNeedBreadthThreshold = 0.25
    public var weights = PriorityWeights()

    public init() {}
}

/// One institution's row: its respondents and need counts, and what of them may be shown.
public struct InstitutionIndicators: Sendable {
    public let institution: Institution
    public let respondents: Int
    public let needs: GroupNeeds
    /// SPEC 8 over the column of institutions' n: the whole row's status.
    public let status: CellStatus
    /// SPEC 8 per need area, over the column of institutions for that area (people who answered it).
    public let areaStatus: [CellStatus]

    public var suppressed: Bool { status.isHidden }

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
    /// Per need area: the municipality's own cell (primary and extremes; "not asked" when nobody answered).
    public let municipalityStatus: [CellStatus]
    public let institutions: [InstitutionIndicators]
    public let priorities: [Priority]

    public var responseRate: Double? { teachers > 0 ? Double(respondents) / Double(teachers) : nil }

    /// - Parameters:
    ///   - gaps: self-assessment gap per need-area id, when the wave has one.
    ///   - previousHighNeed: high-need share per need-area id in the previous wave, if any.
    public init(
        responses: [ScoredResponse], register: [Institution], instrument: Instrument,
        settings: ScoringSettings, gaps: [String: Double] = [:], previousHighNeed: [String: Double] = [:],
        observed: [String: Double] = [:]
    ) {
        self.init(
            table: ResponseTable(responses, instrument: instrument), register: register, instrument: instrument,
            settings: settings, gaps: gaps, previousHighNeed: previousHighNeed, observed: observed)
    }

    public init(
        table: ResponseTable, register: [Institution], instrument: Instrument,
        settings: ScoringSettings, gaps: [String: Double] = [:], previousHighNeed: [String: Double] = [:],
        observed: [String: Double] = [:]
    ) {
        // Counted per institution code of the responses; the municipality is their sum.
        var tally = NeedTally(groups: table.institutionCodes.count, needSlots: instrument.needSlots)
        tally.count(table) { $0.institution }
        self.init(
            byInstitution: tally, table: table, register: register, instrument: instrument, settings: settings, gaps: gaps,
            previousHighNeed: previousHighNeed, observed: observed)
    }

    /// With the institutions' needs counted in the pass of the wave's `tallies`.
    public init(
        tallies: LearningAreaTallies, table: ResponseTable, register: [Institution], instrument: Instrument,
        settings: ScoringSettings, gaps: [String: Double] = [:], previousHighNeed: [String: Double] = [:],
        observed: [String: Double] = [:]
    ) {
        self.init(
            byInstitution: tallies.institutionNeeds, table: table, register: register, instrument: instrument,
            settings: settings, gaps: gaps, previousHighNeed: previousHighNeed, observed: observed)
    }

    /// - Parameter tally: need counts per entry of the table's `institutionCodes`.
    private init(
        byInstitution tally: NeedTally, table: ResponseTable, register: [Institution], instrument: Instrument,
        settings: ScoringSettings, gaps: [String: Double], previousHighNeed: [String: Double], observed: [String: Double]
    ) {
        let needSlots = instrument.needSlots
        let municipality = tally.total
        let groups = table.positions(of: register.map(\.code)).map {
            $0.map { tally.needs(of: $0) } ?? GroupNeeds(areaCount: needSlots.count)
        }
        let minGroup = settings.minGroupSize
        let rows = disclosedCells(groups.map { CellCounts(answered: $0.respondents) }, minGroupSize: minGroup)
        let asked = municipality.areas.map { $0.answered > 0 }
        let columns = needSlots.indices.map { area in
            disclosedMeasure(
                groups.map { CellCounts(answered: $0.areas[area].answered, yes: $0.areas[area].high) }, rows: rows,
                minGroupSize: minGroup, asked: asked[area])
        }
        institutions = register.indices.map { index in
            InstitutionIndicators(
                institution: register[index], respondents: groups[index].respondents,
                needs: groups[index], status: rows[index], areaStatus: columns.map { $0[index] })
        }
        municipalityStatus = needSlots.indices.map { area in
            let counts = municipality.areas[area]
            return disclosedTotal(
                CellCounts(answered: counts.answered, yes: counts.high), minGroupSize: minGroup, asked: asked[area])
        }
        let inputs = instrument.needAreas.enumerated().map { index, area in
            let current = municipality.areas[index].highNeed.share
            var input = PriorityInput(
                areaID: area.id, counts: municipality.areas[index],
                breadth: breadth(
                    area: index, institutions: groups, published: columns[index],
                    threshold: settings.highNeedBreadthThreshold),
                gap: gaps[area.id],
                trend: trend(current: current, previous: previousHighNeed[area.id]))
            input.observed = observed[area.id]
            return input
        }
        priorities = rankPriorities(inputs, weights: settings.weights)
        self.municipality = municipality
        respondents = table.count
        teachers = register.reduce(0) { $0 + $1.teachers }
    }
}
