import AtbalstsCore
import Foundation
import GRDB

/// Why a new database could not be made, in the user's terms.
public enum CreationCause: Sendable, Equatable {
    case diskFull, readOnly, noPermission, noFolder, danglingLink
    case other(String)

    init(systemError: Int32) {
        switch systemError {
        case ENOSPC, EDQUOT: self = .diskFull
        case EROFS: self = .readOnly
        case EACCES, EPERM: self = .noPermission
        case ENOENT, ENOTDIR: self = .noFolder
        default: self = .other(String(cString: strerror(systemError)))
        }
    }

    var text: String {
        switch self {
        case .diskFull: say("disk full", lv: "disks ir pilns")
        case .readOnly: say("the folder is read-only", lv: "mape ir tikai lasāma")
        case .noPermission: say("no permission to write there", lv: "nav atļaujas tur rakstīt")
        case .noFolder: say("its folder does not exist", lv: "tās mape neeksistē")
        case .danglingLink: say("the path is a link to a file that is not there", lv: "ceļš ir saite uz neesošu failu")
        case .other(let reason): reason
        }
    }

    var advice: String {
        switch self {
        case .diskFull: say("free space there and run again", lv: "atbrīvojiet tur vietu un palaidiet vēlreiz")
        case .danglingLink:
            say("remove the link or point `database:` at a file", lv: "noņemiet saiti vai norādiet `database:` uz failu")
        default:
            say("check `database:` in the pipeline and the folder", lv: "pārbaudiet pipeline lauku `database:` un mapi")
        }
    }
}

extension AppDatabase {
    /// A new database: built beside `path` in a private file (mode 0600, SPEC 8) with SQLite's
    /// syncs off, then synced once and linked to `path`, so `path` never holds a database half
    /// made. A fresh database took sixteen synced commits (one per migration) before its first
    /// import: 0.2–0.3 s of waiting on the disk, most of a small run (BENCHMARKS.md, change 16).
    ///
    /// The building file's name is dropped as soon as the link is made; what an earlier killed
    /// creation left beside `path` is removed first: a file no other name shares (a schema and
    /// a key fingerprint, no answers) or a second name of the database itself. `run` holds the
    /// workspace lock here, and the only other commands that open a database refuse a missing one.
    static func create(at path: String, instruments: [Instrument], keyFingerprint: String?) throws {
        func failure(_ code: Int32) -> StoreError { .cannotCreate(path: path, cause: CreationCause(systemError: code)) }
        removeLeftovers(of: path, unfinished: true)
        var template = Array((path + creatingMark + "XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw failure(errno) }
        close(descriptor)
        let building = String(cString: template)
        var linked = false
        defer { if !linked { unlink(building) } }
        do {
            let queue = try DatabaseQueue(path: building, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = OFF")
                try db.execute(sql: "PRAGMA journal_mode = MEMORY")
            }
            try Schema.migrator.migrate(queue)
            for instrument in instruments { try AnswerSchema.migrator(for: instrument).migrate(queue) }
            if let keyFingerprint {
                try queue.write { db in
                    try db.execute(
                        sql: "INSERT INTO key_fingerprint (id, fingerprint, recorded_at) VALUES (1, ?, ?)",
                        arguments: [keyFingerprint, now()])
                }
            }
            try queue.close()
        } catch let error as DatabaseError {
            throw StoreError.database(path: path, DatabaseProblem(error))
        }
        let file = open(building, O_RDONLY)
        guard file >= 0 else { throw failure(errno) }
        let synced = fsync(file)
        let syncError = errno
        close(file)
        guard synced == 0 else { throw failure(syncError) }
        // link, not rename: it never replaces a database another process made meanwhile. Where
        // the file system has no links, rename, when nothing is there.
        if link(building, path) == 0 {
            linked = true
            unlink(building)
        } else {
            let linkError = errno
            var status = stat()
            if lstat(path, &status) == 0 {
                // Made meanwhile: a database file is used as it is; anything else is refused.
                guard status.st_mode & S_IFMT == S_IFREG else { throw failure(EEXIST) }
                return
            }
            guard rename(building, path) == 0 else { throw failure(linkError) }
            linked = true
        }
        let folder = (path as NSString).deletingLastPathComponent
        let directory = open(folder.isEmpty ? "." : folder, O_RDONLY)
        guard directory >= 0 else { throw failure(errno) }
        let folderSynced = fsync(directory)
        let folderError = errno
        close(directory)
        guard folderSynced == 0 else { throw failure(folderError) }
    }

    static let creatingMark = ".creating-"

    /// What a killed creation left beside `path`, among the files named `<database>.creating-…`:
    /// a second name of the database at `path` (killed between link and unlink: it would keep
    /// every later answer past a deleted database), removed whenever the database is opened; and,
    /// with `unfinished`, one no other name shares (a schema and a key fingerprint, no answers),
    /// removed only by `create`, which runs under the workspace lock.
    static func removeLeftovers(of path: String, unfinished: Bool) {
        let url = URL(fileURLWithPath: path)
        let prefix = url.lastPathComponent + creatingMark
        let folder = url.deletingLastPathComponent().path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        var database = stat()
        let databaseExists = stat(path, &database) == 0
        for name in names where name.hasPrefix(prefix) {
            let leftover = (folder as NSString).appendingPathComponent(name)
            var status = stat()
            guard lstat(leftover, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
            let secondName = databaseExists && status.st_ino == database.st_ino && status.st_dev == database.st_dev
            if secondName || (unfinished && status.st_nlink == 1) { unlink(leftover) }
        }
    }
}
