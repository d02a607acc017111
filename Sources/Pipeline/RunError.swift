import AtbalstsCore

/// A run that cannot give the user what they asked for though the pipeline is right (exit 1):
/// rendered where it is printed, in the language asked for.
public enum RunError: Error, CustomStringConvertible, Equatable {
    /// SPEC 9: a wave with no respondents writes no workbook.
    case noRespondents(wave: String)
    /// SPEC 9: `report` for a wave the database does not hold creates nothing.
    case waveNotInDatabase(wave: String, database: String, known: [String])

    public var description: String {
        switch self {
        case .noRespondents(let wave):
            return say(
                "wave \(wave) has no respondents: no workbook written; check the sources' messages above, or `wave:`",
                lv: "kārtai \(wave) nav neviena respondenta: pārskats nav rakstīts; skatiet avotu ziņojumus augstāk vai `wave:`")
        case .waveNotInDatabase(let wave, let database, let known):
            let list = known.isEmpty ? say("none", lv: "nav nevienas") : known.joined(separator: ", ")
            return say(
                "\(database): wave \(wave) is not in the database (waves there: \(list)); run `atbalsts run` for it first, or check `wave:`",
                lv: "\(database): kārtas \(wave) datubāzē nav (tur ir: \(list)); vispirms palaidiet `atbalsts run` vai pārbaudiet `wave:`")
        }
    }
}
