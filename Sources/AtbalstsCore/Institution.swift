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

    /// SPEC 4.2: 1–32 characters of `A–Z a–z 0–9 _ -`. A code becomes part of a file name
    /// (`<wave>-<code>.xlsx`), so nothing that could leave the output folder gets through.
    public static func isValidCode(_ code: String) -> Bool {
        (1...32).contains(code.utf8.count)
            && code.utf8.allSatisfy { byte in
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
    }
}
