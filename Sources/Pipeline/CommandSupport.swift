@_exported import AtbalstsCore
import Foundation
import Ingest
import Store

// What the `atbalsts` executable needs beyond `Runner`, so that it depends on Pipeline (and
// ArgumentParser) only. Pipeline's API speaks Core's types (Wave, Language, `say`), so it
// re-exports AtbalstsCore.

/// What the program sets once, at its start, before any thread opens a database.
public enum ProcessStart {
    public static func prepare() { AppDatabase.prepareSQLite() }
}

/// `atbalsts check EXPORT`: one export read through an instrument and the register of a seeds
/// folder; nothing is stored.
public enum ExportCheck {
    public static func text(file: String, seeds: String, instrument id: String, sheet: String?, problems: Int) throws -> String {
        let seedFiles = Seeds(directory: URL(fileURLWithPath: seeds))
        var options = SourceOptions()
        options.sheet = sheet
        let instrument = try seedFiles.instrument(id)
        let parsed = try SourceReader.read(
            file: URL(fileURLWithPath: file), instrument: instrument,
            register: try Seeds.register(at: seedFiles.defaultRegister),
            pseudonymizer: Pseudonymizer(key: Digest.randomBytes(32)), options: options)
        return CheckReport(parsed: parsed, instrument: instrument, problems: problems).text
    }
}

/// `atbalsts waves`: the waves in a database with their counts, as printed lines.
public enum WaveListing {
    public static func lines(database: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: database) else {
            throw PipelineError(
                file: database,
                say("no database here; give its path with --database", lv: "šeit nav datubāzes; norādiet ceļu ar --database"))
        }
        let waves = try AppDatabase(path: database).waves()
        return [say("wave              sources  responses  quarantined", lv: "kārta             faili    atbildes   atsijātas")]
            + waves.map {
                $0.id.padding(toLength: 18, withPad: " ", startingAt: 0)
                    + String(format: "%7d  %9d  %11d", $0.sources, $0.responses, $0.quarantined)
            }
    }
}

/// SPEC 6: a mistake in the pipeline or the command (exit 2), not a run that failed on its data
/// (exit 1). Another key than the database's is a mistake in `pseudonym_key`.
public func isUsageMistake(_ error: Error) -> Bool {
    if error is PipelineError { return true }
    if case .anotherKey = error as? StoreError { return true }
    return false
}
