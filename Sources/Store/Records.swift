import AtbalstsCore
import GRDB

/// A wave with what the database holds of it (`atbalsts waves`).
public struct WaveSummary: Sendable, Hashable, Codable, FetchableRecord {
    public let id: String
    public let sources: Int
    public let responses: Int
    public let quarantined: Int
}

/// One imported file as the data-quality sheet reports it.
public struct SourceRecord: Sendable, Hashable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "source"
    public var id: Int64?
    public var waveId: String
    public var fileName: String
    public var sha256: String
    public var kind: String
    public var instrumentId: String?
    public var format: String
    public var encoding: String
    public var delimiter: String
    public var rowsRead: Int
    public var rowsAccepted: Int
    public var rowsQuarantined: Int
    public var importedAt: String
    /// How the file was read (instrument, mapping, register): SPEC 9's "read the same way".
    public var readFingerprint: String?
    /// The file's size in bytes (nil: stored before sizes were kept).
    public var byteCount: Int?

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// What `importSource` did.
public enum ImportOutcome: Sendable, Equatable {
    case imported(sourceID: Int64)
    /// The same bytes were imported before (SPEC 9): nothing changed.
    case alreadyImported(waveID: String)
    /// The same bytes read a new way (the mapping changed) replaced the earlier reading.
    case reimported(sourceID: Int64)
}

/// One needs file's answers as its import inserted them, in id order from `first`, each row in
/// the instrument's `slots` order: what scoring reads, kept so a run need not read it back.
struct ImportedAnswers: Sendable {
    let slots: [String]
    let first: Int64
    var table: AnswerTable
    /// Rows (0-based) taken out of `table` since: superseded rows, removed in place once read
    /// (`AppDatabase.answerTable`).
    var removed: Set<Int> = []
}
