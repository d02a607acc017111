import AtbalstsCore

/// How an earlier wave's plan was carried out (SPEC 12.1, Īstenošana): per priority of that plan,
/// its actions with their status, and its indicators when planned and now — for the
/// municipality and for each institution where both waves' shares are published (SPEC 8).
public struct PlanFollowUp: Sendable {
    /// The need area whose follow-up also shows WHO-5 and CBI (stress and burnout prevention).
    public static let wellbeingArea = "wellbeing"

    /// High-need share of one group in the plan's wave and now; nil where not published.
    public struct Change: Sendable {
        public let before: Proportion?
        public let now: Proportion?
        /// How the cell is disclosed in each wave (a hidden one shows its mark, not its share).
        public let beforeStatus: CellStatus
        public let nowStatus: CellStatus

        public init(before: Proportion?, now: Proportion?, beforeStatus: CellStatus, nowStatus: CellStatus) {
            self.before = before
            self.now = now
            self.beforeStatus = beforeStatus
            self.nowStatus = nowStatus
        }

        /// The two 95 % Wilson intervals do not overlap: the change is beyond sampling noise.
        /// nil when either share is not published.
        public var beyondIntervals: Bool? {
            guard beforeStatus == .shown, nowStatus == .shown, let a = before?.wilson, let b = now?.wilson else { return nil }
            return a.high < b.low || b.high < a.low
        }

        public var direction: Direction {
            guard let beyond = beyondIntervals, let before = before?.share, let now = now?.share else { return .unknown }
            guard beyond else { return .unchanged }
            return now < before ? .decreased : .increased
        }
    }

    public enum Direction: Sendable { case decreased, unchanged, increased, unknown }

    /// A mean when planned and now, each nil when not published.
    public struct MeanChange: Sendable {
        public let before: Double?
        public let now: Double?
    }

    public struct Item: Sendable {
        public let area: String
        public let actions: [PlanAction]
        public let municipality: Change
        /// Institutions (register code) whose share is published in both waves, by code.
        public let institutions: [(code: String, change: Change)]
        public let who5: MeanChange?
        public let cbi: MeanChange?

        /// Done when every action is done; cancelled when every one is; in progress when any
        /// is in progress or done; else planned.
        public var status: PlanAction.Status {
            let statuses = Set(actions.map(\.status))
            if statuses == [.done] { return .done }
            if statuses == [.cancelled] { return .cancelled }
            if statuses.contains(.inProgress) || statuses.contains(.done) { return .inProgress }
            return .planned
        }
    }

    public let plannedIn: String
    public let items: [Item]
    /// The association plans' rows (MA plāni) with their learning areas' indicators.
    public var associations: AssociationFollowUp?

    /// The earlier municipal plan's rows grouped by need area in the plan's order, with the area's
    /// indicators; association rows (those with a learning area) are followed up apart.
    public init(
        plannedIn: String, actions: [PlanAction], before: NeedIndicators, now: NeedIndicators,
        wellbeingBefore: WellbeingIndicators?, wellbeingNow: WellbeingIndicators?, instrument: Instrument,
        settings: ScoringSettings
    ) {
        self.plannedIn = plannedIn
        var order: [String] = []
        var byArea: [String: [PlanAction]] = [:]
        for action in actions where action.learningArea == nil {
            if byArea[action.area] == nil { order.append(action.area) }
            byArea[action.area, default: []].append(action)
        }
        let beforeRows = Dictionary(before.institutions.map { ($0.institution.code, $0) }, uniquingKeysWith: { a, _ in a })
        items = order.compactMap { area -> Item? in
            guard let index = instrument.needAreas.firstIndex(where: { $0.id == area }) else { return nil }
            let municipality = Change(
                before: before.municipality.areas[index].highNeed, now: now.municipality.areas[index].highNeed,
                beforeStatus: before.municipalityStatus[index], nowStatus: now.municipalityStatus[index])
            var institutions: [(String, Change)] = []
            for row in now.institutions {
                guard let earlier = beforeRows[row.institution.code], row.areaStatus[index] == .shown,
                    earlier.areaStatus[index] == .shown
                else { continue }
                institutions.append(
                    (
                        row.institution.code,
                        Change(
                            before: earlier.needs.areas[index].highNeed, now: row.needs.areas[index].highNeed,
                            beforeStatus: .shown, nowStatus: .shown)
                    ))
            }
            var who5: MeanChange?
            var cbi: MeanChange?
            if area == Self.wellbeingArea {
                who5 = MeanChange(
                    before: Self.published(wellbeingBefore, .who5, settings) { $0.who5.value },
                    now: Self.published(wellbeingNow, .who5, settings) { $0.who5.value })
                cbi = MeanChange(
                    before: Self.published(wellbeingBefore, .cbi, settings) { $0.cbi.value },
                    now: Self.published(wellbeingNow, .cbi, settings) { $0.cbi.value })
            }
            return Item(
                area: area, actions: byArea[area]!, municipality: municipality, institutions: institutions,
                who5: who5, cbi: cbi)
        }
    }

    /// The municipality's mean of a wellbeing measure, when the disclosure rules let it be shown.
    static func published(
        _ wellbeing: WellbeingIndicators?, _ measure: WellbeingMeasure, _ settings: ScoringSettings,
        _ value: (WellbeingSummary) -> Double?
    ) -> Double? {
        guard let wellbeing, wellbeing.available else { return nil }
        let total = WellbeingGroup(
            total: wellbeing.municipality, key: "", label: Bilingual(lv: "", en: ""), asked: wellbeing.municipality,
            minGroupSize: settings.minGroupSize)
        guard total.cells[measure] == .shown else { return nil }
        return value(wellbeing.municipality)
    }
}
