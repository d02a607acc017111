import Foundation
import Synchronization

/// Fault injection for the tests of SPEC 9 where no small file system can be mounted (no root):
/// `ATBALSTS_FAIL_WRITE=N` makes the N-th output file of the process (1 = the first) come out cut
/// in half, as a full disk leaves it, or fail with ENOSPC where the write is ours. Unset, nothing
/// changes. The real faults (a full tmpfs) are tested where mounting is possible.
public enum WriteFaults {
    private static let written = Mutex(0)
    private static let failing = ProcessInfo.processInfo.environment["ATBALSTS_FAIL_WRITE"].flatMap(Int.init)

    /// Counts one output file; true when this one is to fail.
    public static func nextFails() -> Bool {
        guard let failing else { return false }
        return written.withLock {
            $0 += 1
            return $0 == failing
        }
    }

    /// Cuts a written file in half, as libxlsxwriter leaves a part on a full disk.
    static func cut(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        truncate(path, info.st_size / 2)
    }
}
