import AtbalstsCore
import Foundation
import GRDB

/// SPEC 12.1: the development plan as the specialist edited it, stored against the wave it was
/// planned in.
enum PlanSchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v7-plan") { db in
            try db.create(table: "plan_action") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("source_id", .integer).notNull().references("source", onDelete: .cascade)
                t.column("wave_id", .text).notNull()
                t.column("line", .integer).notNull()
                t.column("rank", .integer)
                t.column("area", .text).notNull()
                t.column("status", .text).notNull()
                t.column("action", .text).notNull()
                t.column("targets", .text).notNull()
                t.column("responsible", .text).notNull()
                t.column("term", .text).notNull()
                t.column("notes", .text).notNull()
            }
            try db.create(index: "plan_action_on_wave", on: "plan_action", columns: ["wave_id"])
        }
    }

    /// The methodological associations' work plans (MA plāni) in the same table: a row's
    /// learning area (NULL for the municipal plan) and its line of work.
    static func registerAssociations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v9-plan-learning-area") { db in
            try db.alter(table: "plan_action") { t in
                t.add(column: "learning_area", .text)
                t.add(column: "direction", .text)
            }
        }
    }
}

/// A plan names a wave the database does not hold: there is nothing to follow it up against.
public struct PlanWaveMissing: Error, CustomStringConvertible {
    public let file: String
    public let wave: String
    public let known: [String]

    public init(file: String, wave: String, known: [String]) {
        self.file = file
        self.wave = wave
        self.known = known
    }

    public var description: String {
        let list = known.isEmpty ? "none" : known.joined(separator: ", ")
        return say(
            "\(file): the plan is for wave \(wave), which the database does not hold (waves: \(list)); run that wave first, or fix the wave in the plan's heading",
            lv:
                "\(file): plāns ir kārtai \(wave), kuras datubāzē nav (kārtas: \(list)); vispirms apstrādājiet šo kārtu vai izlabojiet kārtu plāna virsrakstā"
        )
    }
}

extension AppDatabase {
    /// Stores a plan against the wave it was planned in, in one transaction. The same bytes read
    /// the same way change nothing; another plan for that wave (an edited one) replaces the
    /// earlier plan: a wave has one municipal plan and one set of association plans. A file
    /// holding only one of the two replaces only that one (the MA plāni sheet saved as CSV
    /// leaves the municipal plan read from another file).
    public func importPlan(
        wave: String, source: SourceDescription, byteCount: Int? = nil, fingerprint: String, actions: [PlanAction],
        quarantine: [QuarantinedRow]
    ) throws -> ImportOutcome {
        try plain {
            try writer.write { db in
                let known = try String.fetchAll(db, sql: "SELECT id FROM wave ORDER BY id")
                guard known.contains(wave), let planned = Wave(wave) else {
                    throw PlanWaveMissing(file: source.fileName, wave: wave, known: known)
                }
                var replacedEarlierPlan = false
                let outcome = try importFile(
                    db, wave: planned, register: [], hash: SourceHash(source.sha256, byteCount: byteCount),
                    fingerprint: fingerprint, fileName: source.fileName, alreadyImported: {}
                ) { sourceID in
                    // The new source row has no kind yet: only earlier plans of this wave go, the
                    // part (municipal, associations) this file holds; an earlier file left with
                    // no rows goes too. A file with no rows at all is a municipal plan.
                    let holdsAssociations = actions.contains { $0.learningArea != nil }
                    let holdsMunicipal = actions.contains { $0.learningArea == nil } || !holdsAssociations
                    var parts: [String] = []
                    if holdsMunicipal { parts.append("learning_area IS NULL") }
                    if holdsAssociations { parts.append("learning_area IS NOT NULL") }
                    try db.execute(
                        sql: "DELETE FROM plan_action WHERE wave_id = ? AND (\(parts.joined(separator: " OR ")))", arguments: [wave])
                    replacedEarlierPlan = db.changesCount > 0
                    try db.execute(
                        sql: """
                            DELETE FROM source WHERE wave_id = ? AND kind = 'plan' AND id != ?
                              AND NOT EXISTS (SELECT 1 FROM plan_action WHERE plan_action.source_id = source.id)
                            """, arguments: [wave, sourceID])
                    replacedEarlierPlan = replacedEarlierPlan || db.changesCount > 0
                    let insert = try db.makeStatement(
                        sql: """
                            INSERT INTO plan_action (source_id, wave_id, line, rank, area, status, action, targets, responsible, term,
                              notes, learning_area, direction)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """)
                    for action in actions {
                        try insert.execute(arguments: [
                            sourceID, wave, action.line, action.rank, action.area, action.status.rawValue, action.action,
                            action.targets, action.responsible, action.term, action.notes, action.learningArea, action.direction,
                        ])
                    }
                    return SourceEnd(description: source, accepted: actions.count, quarantine: quarantine)
                }
                if replacedEarlierPlan, case .imported(let id) = outcome { return .reimported(sourceID: id) }
                return outcome
            }
        }
    }

    /// The latest wave before `wave` that has a stored plan, with the plan's rows in sheet order
    /// (the municipal plan's, then the associations').
    public func earlierPlan(before wave: String) throws -> (wave: String, actions: [PlanAction])? {
        try plain {
            try writer.read { db in
                let waves = try String.fetchAll(db, sql: "SELECT DISTINCT wave_id FROM plan_action")
                    .compactMap(Wave.init).filter { earlier in Wave(wave).map { earlier < $0 } ?? false }
                guard let latest = waves.max() else { return nil }
                let rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM plan_action WHERE wave_id = ? ORDER BY learning_area IS NOT NULL, source_id, line",
                    arguments: [latest.id])
                let actions = rows.map { row in
                    PlanAction(
                        line: row["line"], rank: row["rank"], area: row["area"],
                        status: PlanAction.Status(rawValue: row["status"]) ?? .planned, action: row["action"],
                        targets: row["targets"], responsible: row["responsible"], term: row["term"], notes: row["notes"],
                        learningArea: row["learning_area"], direction: row["direction"])
                }
                return (latest.id, actions)
            }
        }
    }
}

extension AppDatabase {
    /// The waves a database file holds, read without changing it (no migration, no file
    /// created): for `check`, which stores nothing. nil when there is no database yet.
    public static func storedWaves(path: String) throws -> [String]? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try queue.read { db in
                guard try db.tableExists("wave") else { return [] }
                return try String.fetchAll(db, sql: "SELECT id FROM wave ORDER BY id")
            }
        } catch let error as DatabaseError {
            throw StoreError.database(path: path, DatabaseProblem(error))
        }
    }
}
