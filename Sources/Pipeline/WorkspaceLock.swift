import AtbalstsCore
import Foundation
import Synchronization

/// One run at a time per database (SPEC 9): an advisory `flock` on `<database>.lock`. The kernel
/// drops the lock when its process ends in any way, SIGKILL included, so a killed run never
/// blocks the next one; the file itself stays (removing it would race with a waiting process).
public final class WorkspaceLock: Sendable {
    private let descriptor: Mutex<Int32>

    /// How long a second run waits for the first; `ATBALSTS_LOCK_WAIT` (seconds) lets tests shorten it.
    public static var defaultWait: TimeInterval {
        ProcessInfo.processInfo.environment["ATBALSTS_LOCK_WAIT"].flatMap(TimeInterval.init) ?? 8
    }

    /// Takes the lock of `database`, waiting up to `wait` seconds for another process to let go.
    /// `command` (e.g. `run pipeline.yaml`) is written into the lock file for whoever waits next.
    public static func acquire(
        for database: URL, command: String, wait: TimeInterval = defaultWait
    ) throws(WorkspaceBusy) -> WorkspaceLock {
        let path = database.path + ".lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            // No lock file can be made (a read-only folder): the database cannot be written either,
            // and SQLite says so in its own words.
            return WorkspaceLock(descriptor: -1)
        }
        let deadline = Date().addingTimeInterval(wait)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                let holder = Holder(readingFrom: descriptor)
                close(descriptor)
                throw WorkspaceBusy(database: database.path, holder: holder, waited: wait)
            }
            usleep(50_000)
        }
        let holder = "\(getpid())\n\(command)\n"
        if ftruncate(descriptor, 0) == 0 {
            _ = holder.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        }
        return WorkspaceLock(descriptor: descriptor)
    }

    private init(descriptor: Int32) { self.descriptor = Mutex(descriptor) }

    /// Lets the next process in; also done by the kernel when this one ends.
    public func release() {
        descriptor.withLock { descriptor in
            guard descriptor >= 0 else { return }
            close(descriptor)  // closing the only descriptor of the open file drops its flock
            descriptor = -1
        }
    }

    deinit { release() }

    /// Who holds the lock, as its holder wrote it; nil fields when it has not written yet.
    public struct Holder: Sendable, Equatable {
        public var pid: Int32?
        public var command: String?

        init(readingFrom descriptor: Int32) {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = pread(descriptor, &buffer, buffer.count, 0)
            let lines = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self).split(separator: "\n")
            pid = lines.first.flatMap { Int32($0) }
            command = lines.count > 1 ? String(lines[1]) : nil
        }
    }
}

/// Another atbalsts kept the database for longer than we waited: exit 1, naming it.
public struct WorkspaceBusy: Error, CustomStringConvertible, Equatable {
    public let database: String
    public let holder: WorkspaceLock.Holder
    public let waited: TimeInterval

    public var description: String {
        let seconds = Int(waited.rounded())
        let who: String
        switch (holder.pid, holder.command) {
        case (let pid?, let command?): who = say("pid \(pid), `atbalsts \(command)`", lv: "pid \(pid), `atbalsts \(command)`")
        case (let pid?, nil): who = "pid \(pid)"
        default: who = say("just starting", lv: "tikko sācis")
        }
        return say(
            "\(database): in use by another atbalsts (\(who)) for over \(seconds) s; wait until it ends and run again (one run at a time per database)",
            lv:
                "\(database): datubāzi izmanto cits atbalsts process (\(who)) ilgāk par \(seconds) s; pagaidiet, līdz tas beidzas, un palaidiet vēlreiz (vienlaikus vienai datubāzei var būt tikai viens process)"
        )
    }
}
