import AtbalstsCore

/// One group's figure for one observation domain (SPEC 12.2): of the observations that rated the
/// domain, how many were weak, and how many distinct teachers they rest on (SPEC 8 counts people).
public struct ObservationCell: Hashable, Sendable {
    public var observations = 0
    public var weak = 0
    public var teachers = 0
    public var weakTeachers = 0

    public init() {}

    public var proportion: Proportion { Proportion(weak, of: observations) }
    /// What disclosure control weighs: observed teachers, and those with a weak observation.
    public var counts: CellCounts { CellCounts(answered: teachers, yes: weakTeachers) }
}

/// Lesson observation numbers of one wave (SPEC 12.2), computed from plain values only.
///
/// An observation is **weak** in a domain when the mean of the domain's criteria it rated is below
/// 2.5 — nearer levels 1–2 of the rubric than 3–4; "not observed" criteria do not count, and an
/// observation that rated none of a domain's criteria is not in that domain's share at all.
public struct ObservationIndicators: Sendable {
    public struct InstitutionRow: Sendable {
        public let institution: Institution
        public let observations: Int
        /// Distinct observed teachers (a teacher observed twice counts once).
        public let teachers: Int
        /// SPEC 8 over the column of institutions' observed teachers.
        public let status: CellStatus
        public let domains: [ObservationCell]
        /// SPEC 8 per domain, over the column of institutions.
        public let domainStatus: [CellStatus]

        /// Distinct observed teachers / teacher headcount; nil without a headcount.
        public var coverage: Double? {
            institution.teachers > 0 ? Double(teachers) / Double(institution.teachers) : nil
        }
    }

    public struct RoleRow: Sendable {
        public let role: Int
        public let observations: Int
        public let teachers: Int
        public let status: CellStatus
    }

    public let domains: [String]
    public let observations: Int
    public let teachers: Int
    public let headcount: Int
    public let municipality: [ObservationCell]
    public let municipalityStatus: [CellStatus]
    public let institutions: [InstitutionRow]
    public let roles: [RoleRow]
    /// Need area → observed weakness pooled over the domains that inform it, with its status.
    public let areaWeakness: [String: (cell: ObservationCell, status: CellStatus)]

    public var coverage: Double? { headcount > 0 ? Double(teachers) / Double(headcount) : nil }

    /// Every need area's observed weakness that may be shown (SPEC 8), for the priority score.
    public var publishedWeaknesses: [String: Double] {
        areaWeakness.keys.reduce(into: [:]) { result, area in result[area] = publishedWeakness(area) }
    }

    /// The observed weakness of a need area where it may be shown, else nil.
    public func publishedWeakness(_ area: String) -> Double? {
        guard let entry = areaWeakness[area], entry.status == .shown else { return nil }
        return entry.cell.proportion.share
    }

    public init(
        observations: [Observation], register: [Institution], roles: [Int], settings: ScoringSettings
    ) {
        let domains = ObservationDomains.informs.map(\.domain)
        self.domains = domains
        self.observations = observations.count
        let minimum = settings.minGroupSize

        // Per observation: weak or not per domain, nil where the domain was not rated.
        func weakness(_ observation: Observation) -> [Bool?] {
            domains.map { domain in
                let ratings = observation.ratings.filter { $0.key.hasPrefix(domain + "_") }.map(\.value)
                guard !ratings.isEmpty else { return nil }
                return 2 * ratings.reduce(0, +) < 5 * ratings.count
            }
        }
        /// Observations rated in any of `indices`' domains, weak ones, and the teachers behind them.
        func cell(_ group: [(Observation, [Bool?])], _ indices: [Int]) -> ObservationCell {
            var cell = ObservationCell()
            var teachers = Set<String>()
            var weakTeachers = Set<String>()
            for (observation, weak) in group {
                for index in indices {
                    guard let isWeak = weak[index] else { continue }
                    cell.observations += 1
                    teachers.insert(observation.teacherKey)
                    if isWeak {
                        cell.weak += 1
                        weakTeachers.insert(observation.teacherKey)
                    }
                }
            }
            cell.teachers = teachers.count
            cell.weakTeachers = weakTeachers.count
            return cell
        }
        func cells(_ group: [(Observation, [Bool?])]) -> [ObservationCell] {
            domains.indices.map { cell(group, [$0]) }
        }
        let scored = observations.map { ($0, weakness($0)) }
        municipality = cells(scored)
        municipalityStatus = municipality.map { disclosedTotal($0.counts, minGroupSize: minimum) }
        teachers = Set(observations.map(\.teacherKey)).count
        headcount = register.reduce(0) { $0 + $1.teachers }

        let byInstitution = Dictionary(grouping: scored) { $0.0.institution }
        let groups = register.map { institution in (institution, byInstitution[institution.code] ?? []) }
        let teacherCounts = groups.map { Set($0.1.map(\.0.teacherKey)).count }
        let rowStatus = disclosedCells(teacherCounts.map { CellCounts(answered: $0) }, minGroupSize: minimum)
        let institutionCells = groups.map { cells($0.1) }
        let columnStatus = domains.indices.map { index in
            disclosedMeasure(institutionCells.map { $0[index].counts }, rows: rowStatus, minGroupSize: minimum)
        }
        institutions = groups.indices.map { row in
            InstitutionRow(
                institution: groups[row].0, observations: groups[row].1.count, teachers: teacherCounts[row],
                status: rowStatus[row], domains: institutionCells[row],
                domainStatus: domains.indices.map { columnStatus[$0][row] })
        }

        let byRole = roles.map { role in observations.filter { $0.observerRole == role } }
        let roleStatus = disclosedCells(
            byRole.map { CellCounts(answered: Set($0.map(\.teacherKey)).count) }, minGroupSize: minimum)
        self.roles = roles.indices.map { index in
            RoleRow(
                role: roles[index], observations: byRole[index].count,
                teachers: Set(byRole[index].map(\.teacherKey)).count, status: roleStatus[index])
        }

        var areaWeakness: [String: (cell: ObservationCell, status: CellStatus)] = [:]
        for area in Set(ObservationDomains.informs.flatMap(\.areas)) {
            let indices = ObservationDomains.domains(informing: area).compactMap { domains.firstIndex(of: $0) }
            let cell = cell(scored, indices)
            areaWeakness[area] = (cell, disclosedTotal(cell.counts, minGroupSize: minimum))
        }
        self.areaWeakness = areaWeakness
    }
}
