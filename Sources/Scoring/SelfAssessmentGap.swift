import AtbalstsCore

/// SPEC 7 gap per need area: the mean of (4 − rating) / 3. Institution-level ratings weigh as many
/// as the institution has respondents in the wave (an institution without respondents weighs
/// nothing); teacher-level ratings weigh one each. Areas without ratings have no gap.
public func selfAssessmentGaps(_ ratings: [SelfRating], respondentsByInstitution: [String: Int]) -> [String: Double] {
    var weighted: [String: (sum: Double, weight: Double)] = [:]
    for rating in ratings {
        let weight: Double
        switch rating.level {
        case .institution: weight = Double(rating.institution.flatMap { respondentsByInstitution[$0] } ?? 0)
        case .teacher: weight = 1
        }
        guard weight > 0 else { continue }
        let gap = Double(4 - rating.rating) / 3
        weighted[rating.area, default: (0, 0)].sum += weight * gap
        weighted[rating.area, default: (0, 0)].weight += weight
    }
    return weighted.mapValues { $0.sum / $0.weight }
}
