/// One competence self-rating (SPEC 4.2): 1 = "Nepietiekami" … 4 = "Ļoti labi".
public struct SelfRating: Hashable, Sendable {
    public enum Level: String, Sendable {
        case institution, teacher
    }

    public let line: Int
    public let level: Level
    /// The institution's register code (institution-level rows; teacher rows when known).
    public let institution: String?
    /// The teacher's pseudonymous key (teacher-level rows).
    public let respondentKey: String?
    public let area: String
    public let rating: Int

    public init(line: Int, level: Level, institution: String?, respondentKey: String?, area: String, rating: Int) {
        self.line = line
        self.level = level
        self.institution = institution
        self.respondentKey = respondentKey
        self.area = area
        self.rating = rating
    }

    public static let ratingLabels: [(String, Int)] = [
        ("Nepietiekami", 1), ("Jāpilnveido", 2), ("Labi", 3), ("Ļoti labi", 4),
        ("Insufficient", 1), ("Needs improvement", 2), ("Good", 3), ("Very good", 4),
    ]
}
