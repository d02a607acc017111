import AtbalstsCore
import Foundation
import XLSX

/// Files in the output folder are written under a hidden temporary name that carries the writing
/// process's id, checked, and only then renamed over the previous file (SPEC 9). A run removes
/// only temporary files whose process is gone, never those of another live run.
enum OutputFile {
    /// `.<name>.<pid>.tmp` beside `url`, the name libxlsxwriter's `Workbook` uses too.
    static func temporary(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
    }

    static let workFolderPrefix = ".atbalsts-work."

    /// The process that made a temporary file or folder of ours, from its name; nil for any other name.
    static func owner(ofTemporary name: String) -> pid_t? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0].isEmpty else { return nil }
        if name.hasPrefix(workFolderPrefix) { return pid_t(parts[2]) }  // .atbalsts-work.<pid>.XXXXXX
        guard parts.last == "tmp", name.contains(".xlsx.") || name.contains(".csv.") else { return nil }
        return pid_t(parts[parts.count - 2])  // .<name>.<pid>.tmp
    }

    static func isAlive(_ pid: pid_t) -> Bool {
        pid == getpid() || kill(pid, 0) == 0 || errno == EPERM
    }

    /// Temporary files and folders a killed run left: never a half workbook under its real name,
    /// and not left to pile up either. Those of a live process (another run) are kept.
    static func removeStale(in directory: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names {
            guard let owner = owner(ofTemporary: name), !isAlive(owner) else { continue }
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// libxlsxwriter's working files hold survey data: they go to a folder only we can read (0700),
    /// inside the output folder so that they are on its file system (SPEC 8) and a full disk shows
    /// there, where the workbook is checked, not in a `$TMPDIR` that nobody checks.
    static func withPrivateDirectory<T>(in directory: URL, _ body: (String) throws -> T) throws -> T {
        var template = Array((directory.path + "/\(workFolderPrefix)\(getpid()).XXXXXX").utf8CString)
        guard let created = mkdtemp(&template) else {
            throw OutputError(file: directory.path, what: .workFolder, cause: .init(systemError: errno, folder: directory.path))
        }
        let path = String(cString: created)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    /// Replaces `url` with `data` (mode 0600: outputs hold survey data): written, read back and
    /// compared, then renamed; on failure the previous file stays and the temporary one goes.
    static func replace(_ url: URL, with data: Data, what: OutputError.What) throws(OutputError) {
        let temporary = temporary(for: url)
        let folder = url.deletingLastPathComponent().path
        func fail(_ cause: OutputError.Cause) -> OutputError {
            unlink(temporary.path)
            return OutputError(file: url.path, what: what, cause: cause)
        }
        let descriptor = open(temporary.path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw fail(.init(systemError: errno, folder: folder)) }
        var written = 0
        let failure: Int32? =
            WriteFaults.nextFails()
            ? ENOSPC
            : data.withUnsafeBytes { buffer in
                while written < buffer.count {
                    let count = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                    if count < 0 {
                        if errno == EINTR { continue }
                        return errno
                    }
                    written += count
                }
                return fsync(descriptor) == 0 ? nil : errno
            }
        let closed = close(descriptor) == 0 ? nil : errno
        if let error = failure ?? closed { throw fail(.init(systemError: error, folder: folder)) }
        guard FileManager.default.contents(atPath: temporary.path) == data else {
            throw fail(.init(systemError: 0, folder: folder))
        }
        guard rename(temporary.path, url.path) == 0 else { throw fail(.init(systemError: errno, folder: folder)) }
    }

    /// Writes one workbook through `body` (which calls libxlsxwriter and `Workbook.close`), turning
    /// a failed write into an `OutputError` that names the file and the cause.
    static func writeWorkbook(at path: String, _ body: (String) throws -> Void) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try withPrivateDirectory(in: folder) { temporary in try body(temporary) }
        } catch let error as XLSXError where error.isWriteFailure {
            let cause: OutputError.Cause
            if let part = error.brokenPart, !OutputError.Cause.isFull(folder.path) {
                cause = .incomplete(part: part)
            } else {
                cause = .init(systemError: error.systemError ?? 0, folder: folder.path)
            }
            throw OutputError(file: path, what: .workbook, cause: cause)
        }
    }
}

/// A file of the output folder could not be written (SPEC 9): exit 1, one line naming the file
/// and the cause in plain words; the previous file is untouched.
public struct OutputError: Error, CustomStringConvertible, Equatable {
    public enum What: Sendable, Equatable { case workbook, rejectedRows, workFolder, outputFolder }

    public enum Cause: Sendable, Equatable {
        case diskFull, readOnly, noPermission, inputOutput
        case incomplete(part: String)
        case other(String)

        /// From an `errno`; when there is none (libxlsxwriter does not always keep one), a folder
        /// with no room left says it was a full disk.
        init(systemError: Int32, folder: String) {
            switch systemError {
            case ENOSPC, EDQUOT: self = .diskFull
            case EROFS: self = .readOnly
            case EACCES, EPERM: self = .noPermission
            case EIO: self = .inputOutput
            case _ where Self.isFull(folder): self = .diskFull
            case 0: self = .other("")
            default: self = .other(String(cString: strerror(systemError)))
            }
        }

        /// Less room than a small workbook needs, as seen by an unprivileged user.
        static func isFull(_ folder: String) -> Bool {
            var info = statvfs()
            guard statvfs(folder, &info) == 0 else { return false }
            return UInt64(info.f_bavail) * UInt64(info.f_frsize) < 256 * 1024
        }

        var text: String {
            switch self {
            case .diskFull: return say("disk full", lv: "disks ir pilns")
            case .readOnly: return say("the folder is read-only", lv: "mape ir tikai lasāma")
            case .noPermission: return say("no permission to write there", lv: "nav atļaujas tur rakstīt")
            case .inputOutput: return say("input/output error of the disk", lv: "diska ievades/izvades kļūda")
            case .incomplete(let part):
                return say("the written file came out incomplete (\(part))", lv: "ierakstītais fails ir nepilnīgs (\(part))")
            case .other(let reason) where reason.isEmpty: return say("the write failed", lv: "rakstīšana neizdevās")
            case .other(let reason): return reason
            }
        }
    }

    public let file: String
    public let what: What
    public let cause: Cause

    public var description: String {
        let action: String
        switch what {
        case .workbook: action = say("cannot write the workbook", lv: "nevar ierakstīt pārskatu")
        case .rejectedRows: action = say("cannot write the rejected rows", lv: "nevar ierakstīt atsijātās rindas")
        case .workFolder: action = say("cannot create a private working folder", lv: "nevar izveidot privātu darba mapi")
        case .outputFolder: action = say("cannot create the output folder", lv: "nevar izveidot izvades mapi")
        }
        let advice: String
        switch cause {
        case .diskFull:
            advice = say(
                "free space there and run `atbalsts report` again", lv: "atbrīvojiet tur vietu un palaidiet `atbalsts report` vēlreiz")
        case .readOnly, .noPermission:
            advice = say(
                "choose a writable `outputs: directory:` or fix its permissions",
                lv: "norādiet rakstāmu `outputs: directory:` vai salabojiet tās atļaujas")
        default:
            advice = say("check the disk and run `atbalsts report` again", lv: "pārbaudiet disku un palaidiet `atbalsts report` vēlreiz")
        }
        let kept =
            what == .workFolder || what == .outputFolder ? "" : say(" (the previous file is kept)", lv: " (iepriekšējais fails saglabāts)")
        return "\(file): \(action): \(cause.text); \(advice)\(kept)"
    }
}
