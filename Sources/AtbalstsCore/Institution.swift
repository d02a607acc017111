/// An entry of the institutions register (SPEC 4.2).
public struct Institution: Hashable, Sendable {
    public let code: String
    public let name: String
    public let type: String
    /// Teacher headcount: the denominator of the response rate.
    public let teachers: Int
    /// Other spellings of the name seen in exports (`Liepukalna vsk.`), matched like the name.
    public let aliases: [String]

    public init(code: String, name: String, type: String, teachers: Int, aliases: [String] = []) {
        self.code = code
        self.name = name
        self.type = type
        self.teachers = teachers
        self.aliases = aliases
    }
}
