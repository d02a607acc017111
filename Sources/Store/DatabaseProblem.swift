import AtbalstsCore
import Foundation
import GRDB

/// What a user can meet from SQLite, in plain words (SPEC 9: one line, not SQL). Kept as a value
/// and rendered only when printed, so the language is the one the message is shown in.
public enum DatabaseProblem: Sendable, Equatable {
    case locked, readOnly, diskFull, inputOutput, damaged
    case other(String)

    init(_ error: DatabaseError) {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .locked
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: self = .readOnly
        case .SQLITE_FULL: self = .diskFull
        case .SQLITE_IOERR: self = .inputOutput
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: self = .damaged
        default: self = .other(error.message ?? "SQLite error \(error.resultCode.rawValue)")
        }
    }

    var text: String {
        switch self {
        case .locked:
            return say(
                "the database is locked by another program; close it (or wait for it) and run again",
                lv: "datubāzi bloķē cita programma; aizveriet to (vai pagaidiet) un palaidiet vēlreiz")
        case .readOnly:
            return say(
                "the database or its folder is read-only; make both writable and run again",
                lv: "datubāze vai tās mape ir tikai lasāma; padariet abas rakstāmas un palaidiet vēlreiz")
        case .diskFull:
            return say(
                "disk full; free space beside the database and run again (nothing of this step was stored)",
                lv: "disks ir pilns; atbrīvojiet vietu pie datubāzes un palaidiet vēlreiz (nekas no šī soļa netika saglabāts)")
        case .inputOutput:
            return say(
                "input/output error of the disk; check the disk and run again",
                lv: "diska ievades/izvades kļūda; pārbaudiet disku un palaidiet vēlreiz")
        case .damaged:
            return say(
                "the database file is damaged; restore it from a backup",
                lv: "datubāzes fails ir bojāts; atjaunojiet to no rezerves kopijas")
        case .other(let message):
            return message
        }
    }
}

extension AppDatabase {
    /// Runs database work, turning SQLite's errors into a `StoreError` that names the file.
    func plain<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            if [.SQLITE_FULL, .SQLITE_IOERR].contains(error.resultCode) { recoverHotJournal() }
            throw StoreError.database(path: path, DatabaseProblem(error))
        }
    }

    /// A write that failed for a full disk can leave its rollback journal behind ("hot"): SQLite
    /// rolls it back only when the file is next opened. Opening it once more now does that, so a
    /// failed store leaves the database as it was and no journal beside it (issue 14.4).
    private func recoverHotJournal() {
        guard FileManager.default.fileExists(atPath: path + "-journal") else { return }
        _ = try? DatabaseQueue(path: path).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
        }
    }
}
